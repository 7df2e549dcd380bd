import { DOCUMENT_KIND_IDS, type CaseDocument, type DocumentKind } from '@technopolice/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DocumentSort, DOCUMENT_SORT_IDS, sortDocuments } from '../../lib/documents';
import { formatDay, formatRelative, useNow } from '../case-page/format';
import { FamilyIcon, TextStatusBadge, useDocumentLabels } from './parts';

/** The page of a document. */
export function documentPath(documentId: string): string {
  return `/documents/${encodeURIComponent(documentId)}`;
}

/** What a row says under its title: kind, date, size, pages. */
export function DocumentFacts({ document }: { document: CaseDocument }) {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  return (
    <p className="document-row__meta">
      <span className="document-row__kind">{labels.kind(document.kind)}</span>
      <span>
        {document.date ? (
          <time dateTime={document.date}>
            {formatDay(document.date, labels.language, 'medium')}
          </time>
        ) : (
          t('document.noDate')
        )}
      </span>
      <span>{labels.bytes(document.size)}</span>
      {document.pages ? <span>{t('document.pages', { count: document.pages })}</span> : null}
    </p>
  );
}

/** One document of a list: icon, title (its page), facts, who brought it, its text. */
export function DocumentRow({
  document,
  caseTitle,
}: {
  document: CaseDocument;
  /** In the global list: which case it belongs to. */
  caseTitle?: string;
}) {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const now = useNow();
  return (
    <li className="document-row" data-document-id={document.id}>
      <FamilyIcon family={document.family} size={22} />
      <div className="document-row__main">
        <Link to={documentPath(document.id)} className="document-row__title">
          {document.title}
        </Link>
        <DocumentFacts document={document} />
        <p className="document-row__by">
          {caseTitle ? (
            <>
              <Link
                to={`/dossiers/${encodeURIComponent(document.caseId)}?onglet=documents`}
                className="document-row__case"
              >
                {caseTitle}
              </Link>
              {' · '}
            </>
          ) : null}
          {t('caseDocuments.list.uploadedBy', {
            name: document.uploadedBy?.displayName ?? t('casePage.activity.someone'),
            when: formatRelative(document.createdAt, now, labels.language),
          })}
        </p>
      </div>
      <TextStatusBadge document={document} />
    </li>
  );
}

/**
 * The case's documents, filtered by kind (the kinds present, with their counts) and sorted by
 * upload, by the date they bear, or by title.
 */
export function DocumentList({
  documents,
  kind,
  onKindChange,
  sort,
  onSortChange,
}: {
  documents: readonly CaseDocument[];
  kind: DocumentKind | null;
  onKindChange: (kind: DocumentKind | null) => void;
  sort: DocumentSort;
  onSortChange: (sort: DocumentSort) => void;
}) {
  const { t } = useTranslation();
  const labels = useDocumentLabels();
  const counts = new Map<DocumentKind, number>();
  for (const document of documents) counts.set(document.kind, (counts.get(document.kind) ?? 0) + 1);
  const kinds = DOCUMENT_KIND_IDS.filter((id) => counts.has(id));
  const shown = sortDocuments(
    kind ? documents.filter((document) => document.kind === kind) : documents,
    sort,
  );

  if (documents.length === 0)
    return <p className="case-section__empty">{t('caseDocuments.list.empty')}</p>;

  return (
    <>
      <div className="document-filters">
        <div className="kind-filter" role="group" aria-label={t('caseDocuments.list.filter')}>
          <button
            type="button"
            className="kind-filter__chip"
            aria-pressed={kind === null}
            onClick={() => onKindChange(null)}
          >
            {t('caseDocuments.list.all')}
            <span className="kind-filter__count">{documents.length}</span>
          </button>
          {kinds.map((id) => (
            <button
              key={id}
              type="button"
              className="kind-filter__chip"
              aria-pressed={kind === id}
              onClick={() => onKindChange(kind === id ? null : id)}
            >
              {labels.kind(id)}
              <span className="kind-filter__count">{counts.get(id)}</span>
            </button>
          ))}
        </div>
        <label className="document-sort">
          <span className="task-fields__label">{t('caseDocuments.list.sort')}</span>
          <select
            className="input select select--compact"
            value={sort}
            onChange={(event) => onSortChange(event.target.value as DocumentSort)}
          >
            {DOCUMENT_SORT_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`caseDocuments.list.sorts.${id}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="case-section__empty">{t('caseDocuments.list.noMatch')}</p>
      ) : (
        <ul className="document-list" aria-label={t('caseDocuments.list.label')}>
          {shown.map((document) => (
            <DocumentRow key={document.id} document={document} />
          ))}
        </ul>
      )}
    </>
  );
}
