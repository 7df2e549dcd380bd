import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { RichTextEditorProps } from './types';
import './editor.css';

// Tiptap and ProseMirror load with the first editor shown, never with the app.
const RichTextEditor = lazy(() => import('./RichTextEditor'));

/** The composer's shape while the editor loads, so that nothing moves when it arrives. */
function EditorPlaceholder({ placeholder }: { placeholder?: string }) {
  const { t } = useTranslation();
  return (
    <div className="rt-editor rt-editor--loading" role="status" aria-busy="true">
      <span className="visually-hidden">{t('editor.loading')}</span>
      <div className="rt-editor__content" aria-hidden="true">
        <div className="rich-text rt-editor__text">{placeholder}</div>
      </div>
      <div className="rt-editor__bar" aria-hidden="true" />
    </div>
  );
}

/** The rich-text editor, loaded on demand (see `RichTextEditor`). */
export function LazyRichTextEditor(props: RichTextEditorProps) {
  return (
    <Suspense fallback={<EditorPlaceholder placeholder={props.placeholder} />}>
      <RichTextEditor {...props} />
    </Suspense>
  );
}
