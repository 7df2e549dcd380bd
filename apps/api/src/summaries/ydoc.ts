import {
  COLLAB_FIELD,
  type RichTextDoc,
  type RichTextMark,
  type RichTextNode,
} from '@technopolice/shared';
import * as Y from 'yjs';

/**
 * ProseMirror JSON ↔ Y.js, in the layout the editor's Collaboration extension (y-prosemirror)
 * uses: a node is a `Y.XmlElement` named after its type with its non-null attributes, text is
 * a `Y.XmlText` whose formatting attributes are the marks (`{bold: {}}`, `{link: {href}}`).
 * Read without a schema: what comes out is checked by `checkRichText` like any other body.
 */

type YChild = Y.XmlElement | Y.XmlText;

// y-prosemirror names overlapping marks of one type `type--<hash>`.
const markType = (key: string) => key.replace(/--[A-Za-z0-9+/=]+$/, '');

function textNodes(text: Y.XmlText): RichTextNode[] {
  const nodes: RichTextNode[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    // Embeds are not part of our schema: keep them visible to the checker, which refuses them.
    if (typeof op.insert !== 'string') {
      nodes.push({ type: 'embed' });
      continue;
    }
    const node: RichTextNode = { type: 'text', text: op.insert };
    const marks: RichTextMark[] = [];
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const attrs = Object.fromEntries(
        Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => v !== null),
      );
      marks.push(
        Object.keys(attrs).length > 0 ? { type: markType(key), attrs } : { type: markType(key) },
      );
    }
    if (marks.length > 0) node.marks = marks;
    nodes.push(node);
  }
  return nodes;
}

function elementNode(element: Y.XmlElement): RichTextNode {
  const node: RichTextNode = { type: element.nodeName };
  const attrs = Object.fromEntries(
    Object.entries(element.getAttributes() as Record<string, unknown>).filter(
      ([, value]) => value !== null && value !== undefined,
    ),
  );
  if (Object.keys(attrs).length > 0) node.attrs = attrs;
  const content = childrenOf(element.toArray() as YChild[]);
  if (content.length > 0) node.content = content;
  return node;
}

function childrenOf(items: YChild[]): RichTextNode[] {
  return items.flatMap((item) =>
    item instanceof Y.XmlText ? textNodes(item) : [elementNode(item)],
  );
}

/** The document a Y.js summary holds (an empty paragraph when nothing was written). */
export function yDocToJson(doc: Y.Doc): RichTextDoc {
  const content = childrenOf(doc.getXmlFragment(COLLAB_FIELD).toArray() as YChild[]);
  return { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
}

function toY(node: RichTextNode): YChild {
  if (node.type === 'text') {
    const text = new Y.XmlText();
    text.insert(0, node.text ?? '', marksOf(node));
    return text;
  }
  const element = new Y.XmlElement(node.type);
  for (const [key, value] of Object.entries(node.attrs ?? {}))
    if (value !== null && value !== undefined) element.setAttribute(key, value as string);
  element.insert(0, contentToY(node.content ?? []));
  return element;
}

function marksOf(node: RichTextNode): Record<string, unknown> {
  return Object.fromEntries((node.marks ?? []).map((mark) => [mark.type, mark.attrs ?? {}]));
}

// Adjacent text nodes share one Y.XmlText, each run with its own marks, as y-prosemirror does.
function contentToY(content: readonly RichTextNode[]): YChild[] {
  const out: YChild[] = [];
  let run: RichTextNode[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const text = new Y.XmlText();
    text.applyDelta(run.map((t) => ({ insert: t.text ?? '', attributes: marksOf(t) })));
    out.push(text);
    run = [];
  };
  for (const node of content) {
    if (node.type === 'text') run.push(node);
    else {
      flush();
      out.push(toY(node));
    }
  }
  flush();
  return out;
}

/** Replaces the whole content of a Y.js summary with `body`, in one transaction. */
export function replaceYContent(doc: Y.Doc, body: RichTextDoc, origin?: unknown): void {
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  doc.transact(() => {
    if (fragment.length > 0) fragment.delete(0, fragment.length);
    fragment.insert(0, contentToY(body.content ?? []));
  }, origin);
}

/** A new Y.js state holding `body`. */
export function jsonToYState(body: RichTextDoc): Uint8Array {
  const doc = new Y.Doc();
  replaceYContent(doc, body);
  return Y.encodeStateAsUpdate(doc);
}
