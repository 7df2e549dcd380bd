import type { RichTextDoc } from '@technopolice/shared';
import { useImperativeHandle, useState } from 'react';
import type { RichTextEditorProps } from '../../editor/types';

/**
 * Stands in for `features/editor` in unit tests: a text area whose text becomes a one-paragraph
 * document (Tiptap needs a real browser). Ctrl+Enter submits, as in the real editor.
 */

function docOf(text: string): RichTextDoc {
  return {
    type: 'doc',
    content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
  };
}

function textOf(doc: RichTextDoc | undefined): string {
  const out: string[] = [];
  const walk = (node: { text?: string; content?: unknown[] }) => {
    if (node.text) out.push(node.text);
    for (const child of node.content ?? []) walk(child as typeof node);
  };
  if (doc) walk(doc);
  return out.join('');
}

/** Quotes inserted by the composer, for tests to check. */
export const inserted: { postId: string; authorName: string }[] = [];

export function LazyRichTextEditor({
  initialContent,
  onChange,
  onSubmit,
  placeholder,
  ariaLabel,
  disabled,
  ref,
}: RichTextEditorProps) {
  const [text, setText] = useState(() => textOf(initialContent));
  useImperativeHandle(ref, () => ({
    insertQuote: (quote) => {
      inserted.push({ postId: quote.postId, authorName: quote.authorName });
      const next = `> ${quote.authorName}\n${text}`;
      setText(next);
      onChange(docOf(next));
    },
    clear: () => {
      setText('');
      onChange(docOf(''));
    },
    focus: () => undefined,
    setContent: (doc) => setText(textOf(doc)),
    selectedText: () => '',
  }));
  return (
    <textarea
      aria-label={ariaLabel}
      placeholder={placeholder}
      disabled={disabled}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(docOf(event.target.value));
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.ctrlKey) {
          event.preventDefault();
          onSubmit?.(docOf(text));
        }
      }}
    />
  );
}

export function RichTextView({ html, className }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
