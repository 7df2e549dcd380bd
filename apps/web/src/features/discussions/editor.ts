/**
 * The rich-text editor and viewer of `features/editor`, as discussions use them: one place that
 * names them, so that tests replace them with a plain text area.
 */
export { LazyRichTextEditor, RichTextView } from '../editor';
export type {
  RichTextEditorHandle as EditorHandle,
  RichTextSources as EditorSources,
} from '../editor/types';
export { asBody, asDoc, isEmptyDoc } from './doc';
export { useEditorSources } from './sources';
