import { type RichTextDoc, type RichTextNode } from './schema.js';

// Sample ids and a body using every node and mark, for tests (here and in the apps).

export const USER = '11111111-1111-4111-8111-111111111111';
export const DOCUMENT = '22222222-2222-4222-8222-222222222222';
export const IMAGE = '33333333-3333-4333-8333-333333333333';
export const CASE = '44444444-4444-4444-8444-444444444444';
export const POST = '55555555-5555-4555-8555-555555555555';

const p = (...content: RichTextNode[]): RichTextNode =>
  content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
const text = (value: string, marks?: RichTextNode['marks']): RichTextNode =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const link = (href: string) => [{ type: 'link', attrs: { href } }];

/** A body using every node and mark, as Tiptap emits it (every attribute set). */
export const everything: RichTextDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [text('Title')] },
    { type: 'heading', attrs: { level: 3 }, content: [text('Sub')] },
    p(
      text('Hello '),
      { type: 'mention', attrs: { id: USER, label: 'Alice' } },
      text(', see '),
      { type: 'documentRef', attrs: { id: DOCUMENT, label: 'Report.pdf' } },
      text(' and '),
      { type: 'caseRef', attrs: { id: CASE, label: 'Cameras in Nice' } },
      { type: 'hardBreak' },
      text('bold', [{ type: 'bold' }]),
      text('italic', [{ type: 'italic' }]),
      text('strike', [{ type: 'strike' }]),
      text('under', [{ type: 'underline' }]),
      text('code', [{ type: 'code' }]),
      text('site', [
        { type: 'link', attrs: { href: 'https://example.org/a?b=1' } },
        { type: 'bold' },
      ]),
      text('mail', link('mailto:someone@example.org')),
    ),
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            p(text('one')),
            { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('nested'))] }] },
          ],
        },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 3, type: null },
      content: [{ type: 'listItem', content: [p(text('three'))] }],
    },
    {
      type: 'blockquote',
      attrs: { postId: POST, authorName: 'Bob' },
      content: [p(text('quoted'))],
    },
    { type: 'blockquote', attrs: { postId: null, authorName: null }, content: [p(text('plain'))] },
    { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1;\nconst b = 2;')] },
    { type: 'codeBlock', attrs: { language: null } },
    { type: 'horizontalRule' },
    { type: 'image', attrs: { documentId: IMAGE, alt: 'A camera' } },
    p(),
  ],
};
