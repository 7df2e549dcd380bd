import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryEditorProps } from './types';
import '../editor/editor.css';

// Tiptap, Y.js and the Hocuspocus provider load with the summary, never with the app.
const SummaryEditor = lazy(() => import('./SummaryEditor'));

/** The editor's place while it loads, so that nothing moves when it arrives. */
function EditorPlaceholder() {
  const { t } = useTranslation();
  return (
    <div className="summary-editor">
      <div className="summary-editor__bar" />
      <div
        className="rt-editor rt-editor--document rt-editor--loading"
        role="status"
        aria-busy="true"
      >
        <span className="visually-hidden">{t('summary.editor.loading')}</span>
      </div>
    </div>
  );
}

/** The co-edited summary, loaded on demand (see `SummaryEditor`). */
export function LazySummaryEditor(props: SummaryEditorProps) {
  return (
    <Suspense fallback={<EditorPlaceholder />}>
      <SummaryEditor {...props} />
    </Suspense>
  );
}
