import type { CaseDocument, DocumentText } from '@technopolice/shared';
import { ChevronDown, ChevronUp, LoaderCircle, RotateCcw, ScanText, Search } from 'lucide-react';
import { Fragment, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../../components/ErrorState';
import { LoadingRegion, Skeleton } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { useDocumentText, useRetryText } from '../../../lib/documents';
import { FormError } from '../../case-page/CaseHeader';
import { useTextErrorReason } from '../parts';
import { findMatches, segmentsOf, type TextMatch } from '../search';

/** Where the text stands when it is not (all) there: being read, failed, nothing to read. */
function TextState({ document }: { document: CaseDocument }) {
  const { t } = useTranslation();
  const reason = useTextErrorReason();
  const retry = useRetryText(document);
  switch (document.textStatus) {
    case 'pending':
      return (
        <Notice tone="info" role="status">
          <p className="text-panel__pending">
            <LoaderCircle size={16} aria-hidden="true" className="spin" />
            {t('documentPage.text.pending')}
          </p>
        </Notice>
      );
    case 'failed':
      return (
        <Notice tone="warning">
          <p>{t('documentPage.text.failed', { reason: reason(document.textError) })}</p>
          <p>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={retry.isPending}
              onClick={() => retry.mutate()}
            >
              <RotateCcw size={14} aria-hidden="true" />
              {retry.isPending ? t('documentPage.text.retrying') : t('documentPage.text.retry')}
            </button>
          </p>
          {retry.isError ? <FormError error={retry.error} /> : null}
        </Notice>
      );
    case 'none':
      return <p className="case-section__empty">{t('documentPage.text.none')}</p>;
    case 'done':
      return null;
  }
}

/** The find box: the query, how many, which one, previous and next. */
function FindBox({
  query,
  onQuery,
  matches,
  current,
  onMove,
}: {
  query: string;
  onQuery: (query: string) => void;
  matches: readonly TextMatch[];
  current: number;
  onMove: (step: 1 | -1) => void;
}) {
  const { t } = useTranslation();
  const searching = query.trim().length > 0;
  return (
    <div className="find-box" role="search">
      <label className="find-box__field">
        <Search size={16} aria-hidden="true" className="find-box__icon" />
        <span className="visually-hidden">{t('documentPage.text.find')}</span>
        <input
          type="search"
          className="input find-box__input"
          placeholder={t('documentPage.text.findPlaceholder')}
          value={query}
          onChange={(event) => onQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onMove(event.shiftKey ? -1 : 1);
            }
          }}
        />
      </label>
      {searching ? (
        <span className="find-box__count" role="status">
          {matches.length === 0
            ? t('documentPage.text.results', { count: 0 })
            : t('documentPage.text.position', { current: current + 1, count: matches.length })}
        </span>
      ) : null}
      <button
        type="button"
        className="icon-button"
        disabled={matches.length === 0}
        onClick={() => onMove(-1)}
        aria-label={t('documentPage.text.previous')}
        title={t('documentPage.text.previous')}
      >
        <ChevronUp size={16} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button"
        disabled={matches.length === 0}
        onClick={() => onMove(1)}
        aria-label={t('documentPage.text.next')}
        title={t('documentPage.text.next')}
      >
        <ChevronDown size={16} aria-hidden="true" />
      </button>
    </div>
  );
}

/** The extracted pages, with their occurrences marked and the current one in view. */
function Pages({
  text,
  matches,
  current,
  viewerPage,
  linked,
  onShowPage,
}: {
  text: DocumentText;
  matches: readonly TextMatch[];
  current: number;
  viewerPage: number;
  linked: boolean;
  onShowPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);

  // The current occurrence is brought to the middle of the panel (the panel only: the page
  // itself does not move under the reader).
  useEffect(() => {
    const mark = container.current?.querySelector('mark[data-current="true"]');
    const scroller = container.current?.closest('.document-panel__body');
    if (!mark || !scroller) return;
    const offset = mark.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.scrollTo({
      top: scroller.scrollTop + offset - scroller.clientHeight / 2,
      behavior: 'smooth',
    });
  }, [current, matches]);

  return (
    <div ref={container} className="text-pages">
      {text.pages.map((page) => (
        <section
          key={page.number}
          className="text-page"
          data-page={page.number}
          aria-current={linked && page.number === viewerPage ? 'page' : undefined}
          aria-labelledby={`text-page-${page.number}`}
          onClick={(event) => {
            // Selecting text is reading, not asking for the page.
            if (
              linked &&
              !window.getSelection()?.toString() &&
              !(event.target instanceof HTMLButtonElement)
            )
              onShowPage(page.number);
          }}
        >
          <h3 className="text-page__heading" id={`text-page-${page.number}`}>
            {linked ? (
              <button
                type="button"
                className="text-page__link"
                onClick={() => onShowPage(page.number)}
                title={t('documentPage.text.showPage', { number: page.number })}
              >
                {t('documentPage.text.page', { number: page.number })}
              </button>
            ) : (
              t('documentPage.text.page', { number: page.number })
            )}
          </h3>
          {page.text.trim() ? (
            <p className="text-page__text">
              {segmentsOf(page.text, page.number, matches).map((segment, index) =>
                segment.match === null ? (
                  <Fragment key={index}>{segment.text}</Fragment>
                ) : (
                  <mark key={index} data-current={segment.match === current}>
                    {segment.text}
                  </mark>
                ),
              )}
            </p>
          ) : (
            <p className="text-page__empty">{t('documentPage.text.emptyPage')}</p>
          )}
        </section>
      ))}
    </div>
  );
}

/**
 * The text extracted from the document, page by page, with a find box that marks and jumps to
 * each occurrence; a page clicked (or holding the current occurrence) is shown in the viewer.
 */
export function TextPanel({
  document,
  live,
  viewerPage,
  onShowPage,
}: {
  document: CaseDocument;
  /** Live updates flow: no need to ask the server again and again while the text is read. */
  live: boolean;
  viewerPage: number;
  onShowPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const text = useDocumentText(document.id, {
    enabled: document.textStatus !== 'none',
    poll: !live,
  });
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const pages = text.data?.pages;
  const matches = useMemo(() => (pages ? findMatches(pages, deferred) : []), [pages, deferred]);
  const [current, setCurrent] = useState(0);
  const linked = document.family === 'pdf';
  const safeCurrent = matches.length > 0 ? Math.min(current, matches.length - 1) : 0;

  const move = (step: 1 | -1) => {
    if (matches.length === 0) return;
    const next = (safeCurrent + step + matches.length) % matches.length;
    setCurrent(next);
    const match = matches[next];
    if (match && linked) onShowPage(match.page);
  };

  const onQuery = (value: string) => {
    setQuery(value);
    setCurrent(0);
  };

  // A new search shows its first occurrence's page in the viewer.
  const first = matches[0]?.page;
  useEffect(() => {
    if (first !== undefined && linked) onShowPage(first);
    // Only when the search changes, not when the viewer moves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deferred, first]);

  return (
    <div className="text-panel">
      <TextState document={document} />
      {document.textStatus === 'done' && document.ocrPages > 0 ? (
        <p className="text-panel__note">
          <ScanText size={15} aria-hidden="true" />
          {t('documentPage.text.ocr', { count: document.ocrPages })}
        </p>
      ) : null}
      {document.textStatus === 'done' && (document.textTruncated || text.data?.truncated) ? (
        <p className="text-panel__note">{t('documentPage.text.truncated')}</p>
      ) : null}
      {document.textStatus === 'none' ? null : text.isPending ? (
        <LoadingRegion label={t('documentPage.text.loading')}>
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      ) : text.isError ? (
        <QueryErrorState query={text} title={t('documentPage.text.loadFailed')} />
      ) : text.data.pages.length === 0 ? (
        document.textStatus === 'done' ? (
          <p className="case-section__empty">{t('documentPage.text.empty')}</p>
        ) : null
      ) : (
        <>
          <FindBox
            query={query}
            onQuery={onQuery}
            matches={matches}
            current={safeCurrent}
            onMove={move}
          />
          <Pages
            text={text.data}
            matches={matches}
            current={safeCurrent}
            viewerPage={viewerPage}
            linked={linked}
            onShowPage={onShowPage}
          />
        </>
      )}
    </div>
  );
}
