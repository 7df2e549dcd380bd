import {
  CASE_STAGE_IDS,
  CASE_STAGES,
  MAX_TITLE_LENGTH,
  PROJECT_STATUS_IDS,
  PROJECT_STATUSES,
  TECHNOLOGIES,
  stageMoveProblem,
  type Case,
  type CaseStage,
  type ProjectStatus,
} from '@technopolice/shared';
import { ChevronRight, CircleAlert, MapPin, Pencil, UsersRound } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar } from '../../components/Avatar';
import { TechnologyIcon } from '../../components/TechnologyIcon';
import { useLanguage } from '../../i18n';
import { ConflictNotice, useCaseEdit } from './edit';
import { formatList } from './format';
import { InlineActions } from './InlineActions';

/** The board of the case's group: where "Dossiers" in the trail leads. */
export function boardPath(groupId: string): string {
  return `/dossiers?groupe=${encodeURIComponent(groupId)}`;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field__error">
      <CircleAlert size={15} aria-hidden="true" />
      <span>{message}</span>
    </p>
  );
}

/** The title as the page's heading, turned into a text field by its pencil. */
function TitleEditor({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const id = useId();
  const edit = useCaseEdit(caseData);
  const [draft, setDraft] = useState<string | null>(null);

  function close() {
    setDraft(null);
    edit.reset();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft === null) return;
    if (draft.trim() === caseData.title && !edit.conflict) {
      close();
      return;
    }
    edit.save({ title: draft }, close);
  }

  if (draft === null) {
    return (
      <div className="case-title">
        <h1 className="case-title__text" tabIndex={-1}>
          {caseData.title}
        </h1>
        <button
          type="button"
          className="icon-button case-title__edit"
          onClick={() => setDraft(caseData.title)}
          aria-label={t('casePage.header.editTitle')}
          title={t('casePage.header.editTitle')}
        >
          <Pencil size={17} aria-hidden="true" />
        </button>
      </div>
    );
  }

  const errorId = `${id}-error`;
  return (
    <form className="case-title case-title--editing" noValidate onSubmit={onSubmit}>
      <h1 className="visually-hidden" tabIndex={-1}>
        {caseData.title}
      </h1>
      <div className="case-title__field">
        <label htmlFor={id} className="visually-hidden">
          {t('casePage.header.titleLabel')}
        </label>
        <input
          id={id}
          className="input case-title__input"
          value={draft}
          maxLength={MAX_TITLE_LENGTH}
          autoFocus
          aria-invalid={edit.errors.title ? true : undefined}
          aria-describedby={edit.errors.title ? errorId : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
        />
        <FieldError id={errorId} message={edit.errors.title} />
        {edit.conflict ? <ConflictNotice conflict={edit.conflict} caseData={caseData} /> : null}
        {edit.formError ? <FormError error={edit.formError} /> : null}
      </div>
      <InlineActions className="case-title__actions" pending={edit.pending} onCancel={close} />
    </form>
  );
}

/** A failed write that names no field: its message, in a small red line. */
export function FormError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="field__error" role="alert">
      <CircleAlert size={15} aria-hidden="true" />
      <span>{t('casePage.saveFailed', { message })}</span>
    </p>
  );
}

/** The stage and the project status, each a select that saves as soon as it changes. */
function QuickFacts({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const edit = useCaseEdit(caseData);
  const stageId = useId();
  const statusId = useId();

  return (
    <>
      <div className="case-header__selects">
        <div className="case-select" data-kind="stage" data-stage={caseData.stage}>
          <label htmlFor={stageId} className="case-select__label">
            {t('casePage.fields.stage')}
          </label>
          <select
            id={stageId}
            className="case-select__control"
            value={caseData.stage}
            disabled={edit.pending}
            aria-invalid={edit.errors.stage ? true : undefined}
            aria-describedby={edit.errors.stage ? `${stageId}-error` : `${stageId}-hint`}
            onChange={(event) => edit.save({ stage: event.target.value as CaseStage })}
          >
            {CASE_STAGE_IDS.map((stage) => {
              const problem = stageMoveProblem(caseData.stage, stage);
              return (
                <option key={stage} value={stage} disabled={problem !== null}>
                  {problem
                    ? t('casePage.stage.unavailable', {
                        stage: CASE_STAGES[stage][language],
                        reason: t(`casePage.stage.problems.${problem}`),
                      })
                    : CASE_STAGES[stage][language]}
                </option>
              );
            })}
          </select>
          <span id={`${stageId}-hint`} className="visually-hidden">
            {t('casePage.stage.hint')}
          </span>
        </div>
        <div className="case-select" data-kind="status" data-status={caseData.projectStatus}>
          <label htmlFor={statusId} className="case-select__label">
            {t('casePage.fields.projectStatus')}
          </label>
          <select
            id={statusId}
            className="case-select__control"
            value={caseData.projectStatus}
            disabled={edit.pending}
            aria-invalid={edit.errors.projectStatus ? true : undefined}
            aria-describedby={edit.errors.projectStatus ? `${statusId}-error` : undefined}
            onChange={(event) => edit.save({ projectStatus: event.target.value as ProjectStatus })}
          >
            {PROJECT_STATUS_IDS.map((status) => (
              <option key={status} value={status}>
                {PROJECT_STATUSES[status][language]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FieldError id={`${stageId}-error`} message={edit.errors.stage} />
      <FieldError id={`${statusId}-error`} message={edit.errors.projectStatus} />
      {edit.conflict ? (
        <ConflictNotice
          conflict={edit.conflict}
          caseData={caseData}
          kept={false}
          onDismiss={edit.reset}
        />
      ) : null}
      {edit.formError ? <FormError error={edit.formError} /> : null}
    </>
  );
}

export interface Viewer {
  id: string;
  displayName: string;
}

/** Who else has the case open right now, and whether live updates are flowing. */
export function Presence({
  live,
  viewers,
  meId,
}: {
  live: boolean;
  viewers: readonly Viewer[];
  meId: string | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const others = [...new Map(viewers.filter((v) => v.id !== meId).map((v) => [v.id, v])).values()];
  const shown = others.slice(0, 4);
  const names = formatList(
    others.map((viewer) => viewer.displayName),
    language,
  );
  return (
    <div className="case-presence">
      {others.length > 0 ? (
        <div
          className="case-presence__viewers"
          role="img"
          aria-label={t('casePage.presence.viewers', { count: others.length, names })}
          title={t('casePage.presence.viewers', { count: others.length, names })}
        >
          {shown.map((viewer) => (
            <Avatar key={viewer.id} name={viewer.displayName} size="sm" />
          ))}
          {others.length > shown.length ? (
            <span className="case-presence__more" aria-hidden="true">
              +{others.length - shown.length}
            </span>
          ) : null}
        </div>
      ) : null}
      <span
        className="case-live"
        data-live={live}
        role="status"
        title={live ? t('casePage.presence.liveHint') : t('casePage.presence.offlineHint')}
      >
        <span className="case-live__dot" aria-hidden="true" />
        {live ? t('casePage.presence.live') : t('casePage.presence.offline')}
      </span>
    </div>
  );
}

/** The top of the case: trail, title, stage and status, city, technologies, tags, presence. */
export function CaseHeader({
  caseData,
  groupName,
  live,
  viewers,
  meId,
}: {
  caseData: Case;
  groupName: string | undefined;
  live: boolean;
  viewers: readonly Viewer[];
  meId: string | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <header className="case-header">
      <title>{`${caseData.title} · ${t('app.name')}`}</title>
      <div className="case-header__top">
        <nav aria-label={t('casePage.header.trail')} className="case-trail">
          <ol className="case-trail__list">
            <li>
              <Link to={boardPath(caseData.groupId)}>{t('nav.cases')}</Link>
            </li>
            <li aria-hidden="true">
              <ChevronRight size={14} />
            </li>
            <li className="case-trail__group">
              <UsersRound size={14} aria-hidden="true" />
              <Link to={`/groupes/${encodeURIComponent(caseData.groupId)}`}>
                {groupName ?? t('casePage.header.group')}
              </Link>
            </li>
          </ol>
        </nav>
        <Presence live={live} viewers={viewers} meId={meId} />
      </div>
      <TitleEditor caseData={caseData} />
      <div className="case-header__meta">
        <QuickFacts caseData={caseData} />
        <p className="case-header__city">
          <MapPin size={16} aria-hidden="true" />
          <span>
            <strong>{caseData.city.name}</strong>{' '}
            <span className="case-header__department">
              {t('casePage.header.department', {
                name: caseData.city.departmentName,
                code: caseData.city.departmentCode,
              })}
            </span>
          </span>
        </p>
      </div>
      <div className="case-header__chips">
        <ul className="case-chips" aria-label={t('casePage.fields.technologies')}>
          {caseData.technologies.map((id) => (
            <li key={id} className="case-chip" data-technology={id}>
              <TechnologyIcon id={id} size={14} />
              <span>{TECHNOLOGIES[id][language]}</span>
            </li>
          ))}
        </ul>
        {caseData.tags.length > 0 ? (
          <ul className="case-tags" aria-label={t('casePage.fields.tags')}>
            {caseData.tags.map((tag) => (
              <li key={tag} className="case-tag">
                #{tag}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </header>
  );
}
