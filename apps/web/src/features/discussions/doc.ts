import type { RichTextBody, RichTextDoc } from '@technopolice/shared';

type Node = { type?: unknown; text?: unknown; content?: unknown };

/** Whether a body holds nothing to send: only empty paragraphs and blanks. */
export function isEmptyDoc(doc: RichTextBody | null | undefined): boolean {
  if (!doc) return true;
  const walk = (node: Node): boolean => {
    if (typeof node.text === 'string') return node.text.trim() === '';
    // Anything but text, paragraphs and line breaks (a mention, an image, a quote) is content.
    if (node.type !== 'doc' && node.type !== 'paragraph' && node.type !== 'hardBreak') return false;
    return (Array.isArray(node.content) ? (node.content as Node[]) : []).every(walk);
  };
  return walk(doc);
}

/** A body of one paragraph of text, for drafts and tests. */
export function textDoc(text: string): RichTextBody {
  return {
    type: 'doc',
    content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
  };
}

/**
 * The editor's document as the API's body. Both are the same ProseMirror JSON; the API's type is
 * looser (checked in depth by the server).
 */
export function asBody(doc: RichTextDoc): RichTextBody {
  return doc as unknown as RichTextBody;
}

/** A body from the API as the editor's document. */
export function asDoc(body: RichTextBody): RichTextDoc {
  return body as unknown as RichTextDoc;
}
