// Builders of rich-text bodies (ProseMirror JSON, the schema of packages/shared/src/editor), so
// the demo's posts and summaries read like prose in scripts/demo/content.mjs.

/** A document: blocks, or strings taken as paragraphs. */
export const doc = (...blocks) => ({ type: 'doc', content: blocks.map(block) });

/** A paragraph of strings and inline nodes. */
export const p = (...inline) => ({ type: 'paragraph', content: inline.map(inlineNode) });

export const h2 = (title) => ({
  type: 'heading',
  attrs: { level: 2 },
  content: [{ type: 'text', text: title }],
});

export const bold = (value) => ({ type: 'text', text: value, marks: [{ type: 'bold' }] });
export const italic = (value) => ({ type: 'text', text: value, marks: [{ type: 'italic' }] });
export const link = (value, href) => ({
  type: 'text',
  text: value,
  marks: [{ type: 'link', attrs: { href } }],
});

/** A bulleted list; each item is a string or an array of inline parts. */
export const list = (...items) => ({
  type: 'bulletList',
  content: items.map((item) => ({
    type: 'listItem',
    content: [Array.isArray(item) ? p(...item) : p(item)],
  })),
});

/** A quote of another post, with its author's name as it was then. */
export const quote = (post, ...blocks) => ({
  type: 'blockquote',
  attrs: { postId: post.id, authorName: post.authorName },
  content: blocks.map(block),
});

const block = (value) => (typeof value === 'string' ? p(value) : value);
const inlineNode = (value) => (typeof value === 'string' ? { type: 'text', text: value } : value);
