/**
 * Writing and showing rich text (posts): `LazyRichTextEditor` (Tiptap, loaded on demand) and
 * `RichTextView` (the HTML the server rendered). Nothing here pulls Tiptap into the app's bundle.
 */
export { LazyRichTextEditor } from './LazyRichTextEditor';
export { RichTextView } from './RichTextView';
export type {
  CaseOption,
  DocumentOption,
  MemberOption,
  QuoteSource,
  RichTextEditorHandle,
  RichTextEditorProps,
  RichTextSources,
} from './types';
