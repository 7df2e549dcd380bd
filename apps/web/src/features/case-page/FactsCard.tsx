import {
  ACTOR_KINDS,
  MAX_CASE_ACTORS,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  PROJECT_STATUS_IDS,
  PROJECT_STATUSES,
  TECHNOLOGIES,
  TECHNOLOGY_IDS,
  type ActorKind,
  type Case,
  type City,
  type ProjectStatus,
  type Technology,
} from '@technopolice/shared';
import { Building2, Landmark, Pencil, Plus, Trash2, UserRound, X } from 'lucide-react';
import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { TechnologyIcon } from '../../components/TechnologyIcon';
import { useLanguage } from '../../i18n';
import { useGroupActors } from '../../lib/cases';
import {
  CITY_SEARCH_DELAY_MS,
  CityPicker,
  type CityChoice,
  useDebouncedValue,
} from '../cases/components/CityPicker';
import { FormError } from './CaseHeader';
import { type CaseChanges, ConflictNotice, useCaseEdit } from './edit';
import { formatDateTime } from '../../lib/format';
import { type FieldErrors } from '../../lib/forms';
import { formatEuros, formatRelative, parseEuros, useNow } from './format';
import { InlineActions } from './InlineActions';

type Edit = ReturnType<typeof useCaseEdit>;

/**
 * One fact of the sidebar: its title, its value, and a pencil that turns it into a small form.
 * Focus goes back to the pencil when the form closes.
 */
function FactSection({
  title,
  editLabel,
  editing,
  onEdit,
  children,
}: {
  title: string;
  editLabel?: string;
  editing?: boolean;
  onEdit?: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) button.current?.focus();
    wasEditing.current = Boolean(editing);
  }, [editing]);
  return (
    <section className="facts__section" aria-labelledby={id}>
      <div className="facts__head">
        <h3 id={id} className="facts__title">
          {title}
        </h3>
        {onEdit && !editing ? (
          <button
            ref={button}
            type="button"
            className="facts__edit"
            onClick={onEdit}
            aria-label={editLabel}
          >
            <Pencil size={13} aria-hidden="true" />
            <span aria-hidden="true">{t('casePage.facts.edit')}</span>
          </button>
        ) : null}
      </div>
      {children}
    </section>
  );
}

/** The end of a fact's form: conflict, failure, save and cancel. */
function EditActions({
  edit,
  caseData,
  onCancel,
}: {
  edit: Edit;
  caseData: Case;
  onCancel: () => void;
}) {
  return (
    <>
      {edit.conflict ? <ConflictNotice conflict={edit.conflict} caseData={caseData} /> : null}
      {edit.formError ? <FormError error={edit.formError} /> : null}
      <InlineActions className="facts__actions" pending={edit.pending} onCancel={onCancel} />
    </>
  );
}

/**
 * The state every fact's editor shares: a draft (null while reading), its edit, and a submit
 * that saves the draft's changes then closes.
 */
function useFactEditor<T>(
  caseData: Case,
  initial: () => T,
  toChanges: (draft: T) => CaseChanges,
  /** Problems the shared schema would word too vaguely, checked first. */
  check?: (draft: T) => FieldErrors | null,
) {
  const edit = useCaseEdit(caseData);
  const [draft, setDraft] = useState<T | null>(null);
  const open = () => {
    edit.reset();
    setDraft(initial());
  };
  const close = () => {
    edit.reset();
    setDraft(null);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft === null) return;
    const problems = check?.(draft);
    if (problems) {
      edit.setErrors(problems);
      return;
    }
    edit.save(toChanges(draft), () => setDraft(null));
  };
  return { edit, draft, setDraft, open, close, onSubmit, editing: draft !== null };
}

function CityFact({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const editor = useFactEditor<CityChoice | null>(
    caseData,
    () => caseData.city,
    (city) => ({ cityCode: city?.code ?? '' }),
    (city) => (city ? null : { cityCode: t('casePage.facts.cityRequired') }),
  );
  const { edit, draft } = editor;
  return (
    <FactSection
      title={t('casePage.fields.cityCode')}
      editLabel={t('casePage.facts.editCity')}
      editing={editor.editing}
      onEdit={editor.open}
    >
      {editor.editing ? (
        <form className="facts__form" noValidate onSubmit={editor.onSubmit}>
          <Field
            id="case-city"
            label={<span className="visually-hidden">{t('casePage.fields.cityCode')}</span>}
            error={edit.errors.cityCode}
          >
            {(control) => (
              <CityPicker
                control={control}
                value={draft}
                onChange={(city: City | null) => editor.setDraft(city)}
                placeholder={t('casePage.facts.cityPlaceholder')}
              />
            )}
          </Field>
          <EditActions edit={edit} caseData={caseData} onCancel={editor.close} />
        </form>
      ) : (
        <p className="facts__value">
          <strong>{caseData.city.name}</strong>
          <span className="facts__sub">
            {t('casePage.header.department', {
              name: caseData.city.departmentName,
              code: caseData.city.departmentCode,
            })}
          </span>
        </p>
      )}
    </FactSection>
  );
}

function TechnologiesFact({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const editor = useFactEditor<Technology[]>(
    caseData,
    () => [...caseData.technologies],
    (technologies) => ({ technologies }),
    (technologies) =>
      technologies.length > 0 ? null : { technologies: t('casePage.facts.technologiesRequired') },
  );
  const { edit, draft } = editor;
  const errorId = 'case-technologies-error';
  return (
    <FactSection
      title={t('casePage.fields.technologies')}
      editLabel={t('casePage.facts.editTechnologies')}
      editing={editor.editing}
      onEdit={editor.open}
    >
      {draft !== null ? (
        <form className="facts__form" noValidate onSubmit={editor.onSubmit}>
          <fieldset
            className="fieldset"
            aria-describedby={edit.errors.technologies ? errorId : undefined}
          >
            <legend className="visually-hidden">{t('casePage.fields.technologies')}</legend>
            <ul className="facts__checks">
              {TECHNOLOGY_IDS.map((id) => (
                <li key={id}>
                  <label className="facts__check">
                    <input
                      type="checkbox"
                      checked={draft.includes(id)}
                      onChange={(event) =>
                        editor.setDraft(
                          event.target.checked
                            ? TECHNOLOGY_IDS.filter(
                                (other) => other === id || draft.includes(other),
                              )
                            : draft.filter((other) => other !== id),
                        )
                      }
                    />
                    <TechnologyIcon id={id} size={15} />
                    <span>{TECHNOLOGIES[id][language]}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {edit.errors.technologies ? (
            <p id={errorId} className="field__error">
              {edit.errors.technologies}
            </p>
          ) : null}
          <EditActions edit={edit} caseData={caseData} onCancel={editor.close} />
        </form>
      ) : (
        <ul className="facts__list">
          {caseData.technologies.map((id) => (
            <li key={id} className="facts__tech">
              <TechnologyIcon id={id} size={15} />
              <span>{TECHNOLOGIES[id][language]}</span>
            </li>
          ))}
        </ul>
      )}
    </FactSection>
  );
}

function StatusFact({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const editor = useFactEditor<ProjectStatus>(
    caseData,
    () => caseData.projectStatus,
    (projectStatus) => ({ projectStatus }),
  );
  const { edit, draft } = editor;
  return (
    <FactSection
      title={t('casePage.fields.projectStatus')}
      editLabel={t('casePage.facts.editStatus')}
      editing={editor.editing}
      onEdit={editor.open}
    >
      {draft !== null ? (
        <form className="facts__form" noValidate onSubmit={editor.onSubmit}>
          <Field
            id="case-status"
            label={<span className="visually-hidden">{t('casePage.fields.projectStatus')}</span>}
            error={edit.errors.projectStatus}
          >
            {(control) => (
              <select
                {...control}
                className="input select"
                value={draft}
                onChange={(event) => editor.setDraft(event.target.value as ProjectStatus)}
              >
                {PROJECT_STATUS_IDS.map((status) => (
                  <option key={status} value={status}>
                    {PROJECT_STATUSES[status][language]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <EditActions edit={edit} caseData={caseData} onCancel={editor.close} />
        </form>
      ) : (
        <p className="facts__value">
          <span className="case-status" data-status={caseData.projectStatus}>
            {PROJECT_STATUSES[caseData.projectStatus][language]}
          </span>
        </p>
      )}
    </FactSection>
  );
}

function BudgetFact({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const editor = useFactEditor<{ amount: string; source: string }>(
    caseData,
    () => ({
      amount:
        caseData.budgetEuros === null
          ? ''
          : new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
              maximumFractionDigits: 2,
              useGrouping: false,
            }).format(caseData.budgetEuros),
      source: caseData.budgetSource,
    }),
    ({ amount, source }) => ({ budgetEuros: parseEuros(amount), budgetSource: source }),
    ({ amount }) => {
      const value = parseEuros(amount);
      if (value === null) return null;
      if (Number.isNaN(value)) return { budgetEuros: t('casePage.facts.budgetInvalid') };
      if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6)
        return { budgetEuros: t('casePage.facts.budgetDecimals') };
      return null;
    },
  );
  const { edit, draft } = editor;
  return (
    <FactSection
      title={t('casePage.fields.budgetEuros')}
      editLabel={t('casePage.facts.editBudget')}
      editing={editor.editing}
      onEdit={editor.open}
    >
      {draft !== null ? (
        <form className="facts__form" noValidate onSubmit={editor.onSubmit}>
          <Field
            id="case-budget"
            label={t('casePage.facts.budgetAmount')}
            hint={t('casePage.facts.budgetHint')}
            error={edit.errors.budgetEuros}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                inputMode="decimal"
                autoComplete="off"
                value={draft.amount}
                onChange={(event) => editor.setDraft({ ...draft, amount: event.target.value })}
              />
            )}
          </Field>
          <Field
            id="case-budget-source"
            label={t('casePage.fields.budgetSource')}
            hint={t('casePage.facts.budgetSourceHint')}
            error={edit.errors.budgetSource}
            optional
          >
            {(control) => (
              <input
                {...control}
                className="input"
                value={draft.source}
                onChange={(event) => editor.setDraft({ ...draft, source: event.target.value })}
              />
            )}
          </Field>
          <EditActions edit={edit} caseData={caseData} onCancel={editor.close} />
        </form>
      ) : caseData.budgetEuros === null ? (
        <p className="facts__empty">{t('casePage.facts.noBudget')}</p>
      ) : (
        <div className="facts__value">
          <strong className="facts__amount">{formatEuros(caseData.budgetEuros, language)}</strong>
          {caseData.budgetSource ? (
            <span className="facts__sub">
              {t('casePage.facts.budgetSource', { source: caseData.budgetSource })}
            </span>
          ) : (
            <span className="facts__sub">{t('casePage.facts.noBudgetSource')}</span>
          )}
        </div>
      )}
    </FactSection>
  );
}

const KIND_ICONS = { vendor: Building2, 'public-body': Landmark, other: UserRound } as const;

interface ActorDraft {
  key: string;
  name: string;
  kind: ActorKind;
  role: string;
}

/** One actor of the form: its name completed from the group's actors, its kind and role. */
function ActorRow({
  actor,
  index,
  groupId,
  onChange,
  onRemove,
}: {
  actor: ActorDraft;
  index: number;
  groupId: string;
  onChange: (actor: ActorDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const term = useDebouncedValue(actor.name, CITY_SEARCH_DELAY_MS);
  const known = useGroupActors(groupId, term);
  const listId = `case-actor-${actor.key}-names`;
  const number = index + 1;
  return (
    <li className="actor-form">
      <div className="actor-form__row">
        <label className="actor-form__field actor-form__field--name">
          <span className="actor-form__label">{t('casePage.actors.name', { number })}</span>
          <input
            className="input"
            list={listId}
            autoComplete="off"
            value={actor.name}
            onChange={(event) => {
              const name = event.target.value;
              const match = known.data?.find(
                (entry) => entry.name.toLocaleLowerCase() === name.trim().toLocaleLowerCase(),
              );
              onChange({ ...actor, name, ...(match ? { kind: match.kind } : {}) });
            }}
          />
          <datalist id={listId}>
            {(known.data ?? []).map((entry) => (
              <option key={entry.id} value={entry.name} />
            ))}
          </datalist>
        </label>
        <button
          type="button"
          className="icon-button icon-button--danger"
          onClick={onRemove}
          aria-label={t('casePage.actors.remove', { name: actor.name || number })}
        >
          <Trash2 size={16} aria-hidden="true" />
        </button>
      </div>
      <div className="actor-form__row">
        <label className="actor-form__field">
          <span className="actor-form__label">{t('casePage.actors.kind', { number })}</span>
          <select
            className="input select"
            value={actor.kind}
            onChange={(event) => onChange({ ...actor, kind: event.target.value as ActorKind })}
          >
            {ACTOR_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`casePage.actors.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="actor-form__field">
          <span className="actor-form__label">{t('casePage.actors.role', { number })}</span>
          <input
            className="input"
            placeholder={t('casePage.actors.rolePlaceholder')}
            value={actor.role}
            onChange={(event) => onChange({ ...actor, role: event.target.value })}
          />
        </label>
      </div>
    </li>
  );
}

function ActorsFact({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const nextKey = useRef(0);
  const newKey = () => {
    nextKey.current += 1;
    return `new-${nextKey.current}`;
  };
  const editor = useFactEditor<ActorDraft[]>(
    caseData,
    () =>
      caseData.actors.map((actor) => ({
        key: actor.id,
        name: actor.name,
        kind: actor.kind,
        role: actor.role,
      })),
    (actors) => ({
      actors: actors
        .filter((actor) => actor.name.trim() || actor.role.trim())
        .map(({ name, kind, role }) => ({ name, kind, role })),
    }),
  );
  const { edit, draft } = editor;
  return (
    <FactSection
      title={t('casePage.fields.actors')}
      editLabel={t('casePage.facts.editActors')}
      editing={editor.editing}
      onEdit={editor.open}
    >
      {draft !== null ? (
        <form className="facts__form" noValidate onSubmit={editor.onSubmit}>
          <p className="field__hint">{t('casePage.actors.hint')}</p>
          {draft.length > 0 ? (
            <ul className="actor-forms">
              {draft.map((actor, index) => (
                <ActorRow
                  key={actor.key}
                  actor={actor}
                  index={index}
                  groupId={caseData.groupId}
                  onChange={(changed) =>
                    editor.setDraft(
                      draft.map((entry) => (entry.key === actor.key ? changed : entry)),
                    )
                  }
                  onRemove={() => editor.setDraft(draft.filter((entry) => entry.key !== actor.key))}
                />
              ))}
            </ul>
          ) : null}
          {edit.errors.actors ? <p className="field__error">{edit.errors.actors}</p> : null}
          {draft.length < MAX_CASE_ACTORS ? (
            <button
              type="button"
              className="button button--secondary button--small facts__add"
              onClick={() =>
                editor.setDraft([...draft, { key: newKey(), name: '', kind: 'vendor', role: '' }])
              }
            >
              <Plus size={15} aria-hidden="true" />
              {t('casePage.actors.add')}
            </button>
          ) : null}
          <EditActions edit={edit} caseData={caseData} onCancel={editor.close} />
        </form>
      ) : caseData.actors.length === 0 ? (
        <p className="facts__empty">{t('casePage.actors.empty')}</p>
      ) : (
        <ul className="facts__actors">
          {caseData.actors.map((actor) => {
            const Icon = KIND_ICONS[actor.kind];
            return (
              <li key={actor.id} className="facts__actor">
                <span className="facts__actor-icon" data-kind={actor.kind} aria-hidden="true">
                  <Icon size={15} />
                </span>
                <span className="facts__actor-text">
                  <strong>{actor.name}</strong>
                  <span className="facts__sub">
                    {t(`casePage.actors.kinds.${actor.kind}`)}
                    {actor.role ? ` · ${actor.role}` : ''}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </FactSection>
  );
}

function TagsFact({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const editor = useFactEditor<string[]>(
    caseData,
    () => [...caseData.tags],
    (tags) => {
      const pending = input.trim().replace(/^#/, '');
      return { tags: pending ? [...tags, pending] : tags };
    },
  );
  const { edit, draft } = editor;

  function add() {
    const tag = input.trim().replace(/^#/, '').toLocaleLowerCase();
    if (!tag || draft === null) return;
    if (!draft.includes(tag)) editor.setDraft([...draft, tag]);
    setInput('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      if (!input.trim()) return;
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && input === '' && draft && draft.length > 0) {
      editor.setDraft(draft.slice(0, -1));
    }
  }

  return (
    <FactSection
      title={t('casePage.fields.tags')}
      editLabel={t('casePage.facts.editTags')}
      editing={editor.editing}
      onEdit={() => {
        setInput('');
        editor.open();
      }}
    >
      {draft !== null ? (
        <form className="facts__form" noValidate onSubmit={editor.onSubmit}>
          {draft.length > 0 ? (
            <ul className="case-tags">
              {draft.map((tag) => (
                <li key={tag} className="case-tag case-tag--removable">
                  #{tag}
                  <button
                    type="button"
                    className="case-tag__remove"
                    onClick={() => editor.setDraft(draft.filter((other) => other !== tag))}
                    aria-label={t('casePage.facts.removeTag', { tag })}
                  >
                    <X size={12} aria-hidden="true" />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <Field
            id="case-tag-input"
            label={t('casePage.facts.addTag')}
            hint={t('casePage.facts.tagHint', { max: MAX_TAGS })}
            error={edit.errors.tags}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                maxLength={MAX_TAG_LENGTH}
                value={input}
                onChange={(event) => setInput(event.target.value)}
                onKeyDown={onKeyDown}
              />
            )}
          </Field>
          <EditActions edit={edit} caseData={caseData} onCancel={editor.close} />
        </form>
      ) : caseData.tags.length === 0 ? (
        <p className="facts__empty">{t('casePage.facts.noTags')}</p>
      ) : (
        <ul className="case-tags">
          {caseData.tags.map((tag) => (
            <li key={tag} className="case-tag">
              #{tag}
            </li>
          ))}
        </ul>
      )}
    </FactSection>
  );
}

function CreatedFact({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow();
  return (
    <FactSection title={t('casePage.facts.history')}>
      <dl className="facts__dates">
        <div>
          <dt>{t('casePage.facts.created')}</dt>
          <dd>
            <time dateTime={caseData.createdAt}>
              {formatDateTime(caseData.createdAt, language)}
            </time>
            {caseData.createdBy ? (
              <span className="facts__sub">
                {t('casePage.facts.by', { name: caseData.createdBy.displayName })}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('casePage.facts.updated')}</dt>
          <dd>
            <time
              dateTime={caseData.updatedAt}
              title={formatDateTime(caseData.updatedAt, language)}
            >
              {formatRelative(caseData.updatedAt, now, language)}
            </time>
          </dd>
        </div>
      </dl>
    </FactSection>
  );
}

/** "Les faits en bref": the sidebar card of what the group knows of the project. */
export function FactsCard({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  return (
    <aside className="facts" aria-labelledby="case-facts-title">
      <h2 id="case-facts-title" className="facts__heading">
        {t('casePage.facts.title')}
      </h2>
      <CityFact caseData={caseData} />
      <TechnologiesFact caseData={caseData} />
      <StatusFact caseData={caseData} />
      <BudgetFact caseData={caseData} />
      <ActorsFact caseData={caseData} />
      <TagsFact caseData={caseData} />
      <CreatedFact caseData={caseData} />
    </aside>
  );
}
