import { useQueryClient } from '@tanstack/react-query';
import {
  documentSchema,
  SUMMARY_LANGUAGES,
  type Case,
  type SummaryLanguage,
} from '@technopolice/shared';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice';
import { useLanguage } from '../../i18n';
import { getJson, itemsOf } from '../../lib/api';
import { documentKeys } from '../../lib/documents';
import { useMe } from '../../lib/identity';
import { useReview, useSummary } from '../../lib/publishing';
import { formatRelative, useNow } from '../case-page/format';
import { editorSources } from '../discussions/sources';
import type { RichTextSources } from '../editor/types';
import { LazySummaryEditor } from './LazySummaryEditor';
import { type CommentDraft, ReviewPanel } from './ReviewPanel';
import { mayEditSummary, stageOf } from './rules';

/** Lower case, without accents, to match titles as people type them. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

/**
 * What the summary may cite: the group's members and cases as in posts, and the documents of
 * this case (a summary cites its own sources).
 */
function useSummarySources(caseData: Case): RichTextSources {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const group = editorSources(queryClient, caseData.groupId);
    return {
      ...group,
      async documents(query) {
        const list = await queryClient.fetchQuery({
          queryKey: documentKeys.caseList(caseData.id),
          queryFn: async ({ signal }) => ({
            items: (
              await getJson(
                `/api/cases/${encodeURIComponent(caseData.id)}/documents`,
                itemsOf(documentSchema),
                { signal },
              )
            ).items,
          }),
          staleTime: 30_000,
        });
        const wanted = fold(query.trim());
        return list.items
          .filter((document) => fold(document.title).includes(wanted))
          .slice(0, 8)
          .map((document) => ({
            id: document.id,
            title: document.title,
            mimeType: document.mimeType,
          }));
      },
    };
  }, [queryClient, caseData.groupId, caseData.id]);
}

/** "Français" / "English (facultatif)": each language is its own document. */
function LanguageTabs({
  language,
  onChange,
}: {
  language: SummaryLanguage;
  onChange: (language: SummaryLanguage) => void;
}) {
  const { t } = useTranslation();
  const refs = useRef(new Map<SummaryLanguage, HTMLButtonElement>());
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = language === 'fr' ? 'en' : 'fr';
    onChange(next);
    refs.current.get(next)?.focus();
  }
  return (
    <div
      className="summary-languages"
      role="tablist"
      aria-label={t('summary.languages.label')}
      onKeyDown={onKeyDown}
    >
      {SUMMARY_LANGUAGES.map((id) => (
        <button
          key={id}
          ref={(node) => {
            if (node) refs.current.set(id, node);
            else refs.current.delete(id);
          }}
          type="button"
          role="tab"
          className="summary-languages__tab"
          aria-selected={language === id}
          tabIndex={language === id ? 0 : -1}
          onClick={() => onChange(id)}
        >
          {t(`summary.languages.${id}`)}
        </button>
      ))}
    </div>
  );
}

/**
 * The Synthèse tab: the co-edited summary (French, and English when the group writes it) and
 * the "Relecture et publication" panel beside it.
 */
export function SummaryTab({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const interfaceLanguage = useLanguage();
  const now = useNow();
  const me = useMe();
  const [language, setLanguage] = useState<SummaryLanguage>('fr');
  const [draft, setDraft] = useState<CommentDraft | null>(null);
  const commentInput = useRef<HTMLTextAreaElement>(null);
  const summary = useSummary(caseData.id, language);
  const review = useReview(caseData.id);
  const sources = useSummarySources(caseData);

  const meId = me.data?.id;
  const role = me.data?.groups.find((group) => group.id === caseData.groupId)?.role;
  // The review's stage is the freshest after my own request or withdrawal.
  const stage = stageOf(review.data, caseData);
  const mayEdit = mayEditSummary(stage, role, meId, review.data);
  const requester = review.data?.requestedBy?.displayName;
  const readOnlyReason =
    stage === 'review'
      ? t('summary.readOnly.review', { name: requester ?? t('summary.readOnly.someone') })
      : null;

  const saved = summary.data;
  const lastEdit =
    saved?.lastEditor && saved.updatedAt
      ? t('summary.status.lastEdit', {
          name: saved.lastEditor.displayName,
          when: formatRelative(saved.updatedAt, now, interfaceLanguage),
        })
      : undefined;

  const comment = (quote: string) => {
    setDraft({ quote: quote.slice(0, 1000), language });
    // After the form shows the passage.
    window.setTimeout(() => commentInput.current?.focus(), 0);
  };

  return (
    <div className="summary">
      <section className="summary__main" aria-labelledby={`summary-title-${caseData.id}`}>
        <div className="summary__head">
          <h2 id={`summary-title-${caseData.id}`} className="case-section__title">
            {t('summary.title')}
          </h2>
          <LanguageTabs language={language} onChange={setLanguage} />
        </div>
        {language === 'en' ? <p className="summary__hint">{t('summary.englishHint')}</p> : null}
        {saved?.problem ? (
          <Notice tone="warning" title={t('summary.problem.title')}>
            {t('summary.problem.body', { problem: saved.problem })}
          </Notice>
        ) : null}
        {me.data ? (
          <LazySummaryEditor
            // The server closes the connection when the stage changes: a new one opens with it.
            key={`${caseData.id}:${language}:${caseData.stage}`}
            caseId={caseData.id}
            language={language}
            me={{ id: me.data.id, displayName: me.data.displayName }}
            mayEdit={mayEdit}
            readOnlyReason={readOnlyReason}
            sources={sources}
            lastEdit={lastEdit}
            onComment={comment}
          />
        ) : null}
      </section>
      <ReviewPanel
        caseData={caseData}
        role={role}
        meId={meId}
        language={language}
        draft={draft}
        onDraftChange={setDraft}
        commentInput={commentInput}
      />
    </div>
  );
}
