import {
  getDocument,
  GlobalWorkerOptions,
  type PDFDocumentProxy,
  type RenderTask,
  version,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { ChevronDown, ChevronUp, Maximize2, ZoomIn, ZoomOut } from 'lucide-react';
import {
  type KeyboardEvent,
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice';
import type { PageJump } from './viewerTypes';

/**
 * The PDF viewer, in its own chunk with PDF.js and its worker (all served by us, loaded only
 * when a PDF is opened). Pages are canvases drawn when they come near the screen and dropped
 * when they go far; zoom, page number and keyboard; it scrolls to the page it is asked for.
 */

GlobalWorkerOptions.workerSrc = workerUrl;
const ASSETS = `/pdfjs/${version}/`;

const ZOOMS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
/** Space between pages, and around them, in CSS pixels (the stylesheet uses the same). */
const GAP = 12;

interface PageSize {
  width: number;
  height: number;
}

type Zoom = { fit: true } | { fit: false; scale: number };

/** Draws one page while it is near the screen. */
const PdfPage = memo(function PdfPage({
  pdf,
  number,
  size,
  scale,
  near,
  label,
}: {
  pdf: PDFDocumentProxy;
  number: number;
  size: PageSize;
  scale: number;
  near: boolean;
  label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const target = canvas.current;
    if (!near || !target) return undefined;
    let task: RenderTask | null = null;
    let cancelled = false;
    void pdf.getPage(number).then((page) => {
      if (cancelled) return;
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * ratio });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      task = page.render({ canvas: target, viewport });
      task.promise.then(
        () => {
          if (!cancelled) setDrawn(true);
        },
        () => undefined, // Cancelled by a zoom or by scrolling away.
      );
    });
    return () => {
      cancelled = true;
      task?.cancel();
      setDrawn(false);
    };
  }, [pdf, number, scale, near]);

  const width = Math.floor(size.width * scale);
  const height = Math.floor(size.height * scale);
  return (
    <div
      className="pdf-page"
      data-page={number}
      data-drawn={drawn}
      role="img"
      aria-label={label}
      style={{ width, height }}
    >
      {near ? <canvas ref={canvas} className="pdf-page__canvas" style={{ width, height }} /> : null}
    </div>
  );
});

/** Loads the PDF from its bytes; null until it is read. */
function usePdf(blob: Blob): {
  pdf: PDFDocumentProxy | null;
  sizes: PageSize[];
  error: Error | null;
} {
  const [state, setState] = useState<{
    pdf: PDFDocumentProxy | null;
    sizes: PageSize[];
    error: Error | null;
  }>({ pdf: null, sizes: [], error: null });

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    void (async () => {
      try {
        const data = new Uint8Array(await blob.arrayBuffer());
        if (cancelled) return;
        const task = getDocument({
          data,
          cMapUrl: `${ASSETS}cmaps/`,
          cMapPacked: true,
          standardFontDataUrl: `${ASSETS}standard_fonts/`,
          wasmUrl: `${ASSETS}wasm/`,
          iccUrl: `${ASSETS}iccs/`,
          // The CSP forbids eval: PDF.js would try it, and log the refusal, otherwise.
          isEvalSupported: false,
          enableXfa: false,
        });
        destroy = () => task.destroy();
        const pdf = await task.promise;
        const first = (await pdf.getPage(1)).getViewport({ scale: 1 });
        const guess = { width: first.width, height: first.height };
        if (cancelled) return;
        setState({ pdf, sizes: Array.from({ length: pdf.numPages }, () => guess), error: null });
        // Pages of another size (a landscape annex) get their own, a few at a time.
        const sizes: PageSize[] = [guess];
        for (let number = 2; number <= pdf.numPages; number += 1) {
          const viewport = (await pdf.getPage(number)).getViewport({ scale: 1 });
          if (cancelled) return;
          sizes.push({ width: viewport.width, height: viewport.height });
          if (number % 50 === 0 || number === pdf.numPages) {
            const known = [...sizes];
            setState((current) =>
              current.pdf === pdf
                ? { ...current, sizes: current.sizes.map((size, i) => known[i] ?? size) }
                : current,
            );
          }
        }
      } catch (error) {
        if (!cancelled)
          setState({
            pdf: null,
            sizes: [],
            error: error instanceof Error ? error : new Error(String(error)),
          });
      }
    })();
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [blob]);

  return state;
}

/** Which pages are near the visible part of the scroller (a screen above and below). */
function useNearPages(scroller: React.RefObject<HTMLDivElement | null>, count: number) {
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set([1, 2]));
  useEffect(() => {
    const root = scroller.current;
    if (!root || count === 0 || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        setNear((current) => {
          const next = new Set(current);
          for (const entry of entries) {
            const number = Number((entry.target as HTMLElement).dataset.page);
            if (entry.isIntersecting) next.add(number);
            else next.delete(number);
          }
          return next;
        });
      },
      { root, rootMargin: '100% 0px' },
    );
    for (const page of root.querySelectorAll('[data-page]')) observer.observe(page);
    return () => observer.disconnect();
  }, [scroller, count]);
  return near;
}

export interface PdfViewerProps {
  blob: Blob;
  /** Where the text panel asked to go. */
  jump: PageJump | null;
  onPageChange: (page: number) => void;
}

/** The PDF, page under page, with its toolbar. */
export default function PdfViewer({ blob, jump, onPageChange }: PdfViewerProps) {
  const { t } = useTranslation();
  const { pdf, sizes, error } = usePdf(blob);
  const scroller = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState<Zoom>({ fit: true });
  const [width, setWidth] = useState(0);
  // Opened at a page (`?page=` of a search result): resizes and zooms keep that one in view.
  const [page, setPage] = useState(() => jump?.page ?? 1);
  const [typed, setTyped] = useState<string | null>(null);
  const count = pdf?.numPages ?? 0;
  const near = useNearPages(scroller, count);

  // Fitting the width follows the scroller's own width.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const measure = () => setWidth(element.clientWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [pdf]);

  const widest = sizes.reduce((max, size) => Math.max(max, size.width), 0);
  const fitScale = widest > 0 && width > 0 ? Math.max(0.25, (width - 2 * GAP) / widest) : 1;
  const scale = zoom.fit ? fitScale : zoom.scale;

  const goTo = useCallback(
    (number: number, behavior: ScrollBehavior = 'auto') => {
      const element = scroller.current?.querySelector<HTMLElement>(
        `[data-page="${Math.min(Math.max(1, number), count)}"]`,
      );
      if (!element || !scroller.current) return;
      scroller.current.scrollTo({ top: element.offsetTop - GAP, behavior });
    },
    [count],
  );

  // The page asked for by the text panel (each request once, even for the same page).
  useEffect(() => {
    if (jump && count > 0) goTo(jump.page, 'smooth');
  }, [jump, count, goTo]);

  // Zooming keeps the current page in view.
  const pageRef = useRef(page);
  useEffect(() => {
    pageRef.current = page;
  });
  useLayoutEffect(() => {
    goTo(pageRef.current);
  }, [scale, goTo]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const line = element.scrollTop + element.clientHeight * 0.3;
    let current = 1;
    for (const node of element.querySelectorAll<HTMLElement>('[data-page]')) {
      if (node.offsetTop <= line) current = Number(node.dataset.page);
      else break;
    }
    if (current !== page) {
      setPage(current);
      onPageChange(current);
    }
  };

  const zoomBy = (direction: 1 | -1) => {
    const next =
      direction > 0
        ? (ZOOMS.find((value) => value > scale + 0.001) ?? ZOOMS[ZOOMS.length - 1])
        : ([...ZOOMS].reverse().find((value) => value < scale - 0.001) ?? ZOOMS[0]);
    setZoom({ fit: false, scale: next ?? 1 });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement) return;
    const step: Record<string, number> = {
      PageDown: 1,
      ArrowRight: 1,
      n: 1,
      PageUp: -1,
      ArrowLeft: -1,
      p: -1,
    };
    if (event.key in step) {
      event.preventDefault();
      goTo(page + (step[event.key] ?? 0));
    } else if (event.key === 'Home') {
      event.preventDefault();
      goTo(1);
    } else if (event.key === 'End') {
      event.preventDefault();
      goTo(count);
    } else if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      zoomBy(1);
    } else if (event.key === '-') {
      event.preventDefault();
      zoomBy(-1);
    } else if (event.key === '0') {
      event.preventDefault();
      setZoom({ fit: true });
    }
  };

  if (error) {
    const password = error.name === 'PasswordException';
    return (
      <div className="viewer__message">
        <Notice tone="warning">
          <p>
            {password
              ? t('documentPage.viewer.password')
              : t('documentPage.viewer.failed', { message: error.message })}
          </p>
        </Notice>
      </div>
    );
  }

  return (
    <div className="pdf-viewer" onKeyDown={onKeyDown}>
      <div className="viewer-toolbar" role="toolbar" aria-label={t('documentPage.viewer.toolbar')}>
        <div className="viewer-toolbar__group">
          <button
            type="button"
            className="icon-button"
            onClick={() => goTo(page - 1)}
            disabled={!pdf || page <= 1}
            aria-label={t('documentPage.viewer.previous')}
            title={t('documentPage.viewer.previous')}
          >
            <ChevronUp size={17} aria-hidden="true" />
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => goTo(page + 1)}
            disabled={!pdf || page >= count}
            aria-label={t('documentPage.viewer.next')}
            title={t('documentPage.viewer.next')}
          >
            <ChevronDown size={17} aria-hidden="true" />
          </button>
          <label className="viewer-toolbar__page">
            <span className="visually-hidden">{t('documentPage.viewer.page')}</span>
            <input
              className="input viewer-toolbar__page-input"
              inputMode="numeric"
              value={typed ?? String(page)}
              disabled={!pdf}
              onFocus={(event) => event.target.select()}
              onChange={(event) => setTyped(event.target.value.replace(/\D/g, ''))}
              onBlur={() => setTyped(null)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && typed) {
                  goTo(Number(typed));
                  setTyped(null);
                }
              }}
            />
            <span aria-hidden="true">{t('documentPage.viewer.pageOf', { count })}</span>
          </label>
        </div>
        <div className="viewer-toolbar__group">
          <button
            type="button"
            className="icon-button"
            onClick={() => zoomBy(-1)}
            disabled={!pdf}
            aria-label={t('documentPage.viewer.zoomOut')}
            title={t('documentPage.viewer.zoomOut')}
          >
            <ZoomOut size={17} aria-hidden="true" />
          </button>
          <span className="viewer-toolbar__zoom" aria-live="polite">
            {t('documentPage.viewer.zoom', { percent: Math.round(scale * 100) })}
          </span>
          <button
            type="button"
            className="icon-button"
            onClick={() => zoomBy(1)}
            disabled={!pdf}
            aria-label={t('documentPage.viewer.zoomIn')}
            title={t('documentPage.viewer.zoomIn')}
          >
            <ZoomIn size={17} aria-hidden="true" />
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => setZoom({ fit: true })}
            disabled={!pdf}
            aria-pressed={zoom.fit}
            aria-label={t('documentPage.viewer.fitWidth')}
            title={t('documentPage.viewer.fitWidth')}
          >
            <Maximize2 size={16} aria-hidden="true" />
          </button>
        </div>
      </div>
      <div
        ref={scroller}
        className="pdf-viewer__pages"
        // A focusable scroller is a region: a bare div's aria-label is not announced.
        role="region"
        tabIndex={0}
        aria-label={t('documentPage.viewer.keyboard')}
        aria-busy={!pdf}
        onScroll={onScroll}
      >
        {pdf ? (
          sizes.map((size, index) => (
            <PdfPage
              key={index + 1}
              pdf={pdf}
              number={index + 1}
              size={size}
              scale={scale}
              near={near.has(index + 1)}
              label={t('documentPage.viewer.pageLabel', { number: index + 1 })}
            />
          ))
        ) : (
          <p className="viewer__loading">{t('documentPage.viewer.loading')}</p>
        )}
      </div>
    </div>
  );
}
