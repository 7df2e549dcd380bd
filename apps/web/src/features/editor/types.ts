import type { RichTextDoc, RichTextNode } from '@technopolice/shared';
import type { AnyExtension } from '@tiptap/core';
import type { ReactNode, Ref } from 'react';

/** A member one may mention. */
export interface MemberOption {
  id: string;
  displayName: string;
}

/** A document of the case, to reference or to show as an image. */
export interface DocumentOption {
  id: string;
  title: string;
  mimeType: string;
}

/** A case one may reference. */
export interface CaseOption {
  id: string;
  title: string;
}

/**
 * Where the editor finds what a body may point at. Each search gets what was typed after `@` or
 * `#` (possibly empty) and answers a few matches; the caller decides how (API, cache).
 */
export interface RichTextSources {
  members: (query: string) => Promise<MemberOption[]>;
  documents: (query: string) => Promise<DocumentOption[]>;
  cases: (query: string) => Promise<CaseOption[]>;
  /**
   * An URL showing a document's image (an object URL: files need the bearer token). The
   * caller owns it: it may cache it, and revokes it when it sees fit.
   */
  imageUrl: (documentId: string) => Promise<string>;
}

/** A post to quote, as `insertQuote` takes it. */
export interface QuoteSource {
  postId: string;
  authorName: string;
  /** The quoted body (or its blocks). */
  content: RichTextDoc | RichTextNode[];
}

/** What a parent can do with the editor through its ref. */
export interface RichTextEditorHandle {
  /** Inserts a quote of a post where the cursor is, and a paragraph after it to answer. */
  insertQuote: (quote: QuoteSource) => void;
  /** Empties the editor (after sending), reporting the change. */
  clear: () => void;
  focus: () => void;
  /** Replaces the content (a draft, a post to edit) without reporting a change. */
  setContent: (doc: RichTextDoc) => void;
  /** The text selected now (empty when nothing is), e.g. to comment on it. */
  selectedText: () => string;
}

export interface RichTextEditorProps {
  initialContent?: RichTextDoc;
  onChange: (doc: RichTextDoc) => void;
  /** Ctrl/Cmd+Enter. */
  onSubmit?: (doc: RichTextDoc) => void;
  placeholder?: string;
  autofocus?: boolean;
  sources: RichTextSources;
  /** The accessible name of the text area. */
  ariaLabel: string;
  disabled?: boolean;
  /** Shown at the end of the toolbar (a send button, a counter). */
  actions?: ReactNode;
  className?: string;
  ref?: Ref<RichTextEditorHandle>;
  /**
   * Co-editing: extensions binding the text to a shared Y.js document. The text then comes
   * from that document (`initialContent` is ignored) and Tiptap's undo history is off. Read once.
   */
  collaboration?: AnyExtension[];
}
