import { describe, expect, it } from 'vitest';
import {
  checkRichText,
  describeRichTextIssue,
  isSafeHref,
  type RichTextCheck,
  type RichTextIssue,
} from './check.js';
import {
  emptyDoc,
  isEmptyRichText,
  RICH_TEXT_MARKS,
  RICH_TEXT_NODES,
  type RichTextDoc,
  type RichTextNode,
} from './schema.js';
import { CASE, DOCUMENT, everything, IMAGE, POST, USER } from './fixtures.js';

const p = (...content: RichTextNode[]): RichTextNode =>
  content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
const text = (value: string, marks?: RichTextNode['marks']): RichTextNode =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const doc = (...content: unknown[]): unknown => ({ type: 'doc', content });
const link = (href: string) => [{ type: 'link', attrs: { href } }];

function accepted(value: unknown): Extract<RichTextCheck, { ok: true }> {
  const result = checkRichText(value);
  if (!result.ok) throw new Error(result.issues.map(describeRichTextIssue).join('\n'));
  return result;
}

function refused(value: unknown): RichTextIssue[] {
  const result = checkRichText(value);
  if (result.ok) throw new Error('accepted');
  return result.issues;
}

describe('checkRichText accepts', () => {
  it('every node and mark of the schema, unchanged', () => {
    const result = accepted(everything);
    expect(result.doc).toEqual(everything);
    expect(result.doc).not.toBe(everything);
    const types = new Set<string>();
    const marks = new Set<string>();
    const walk = (node: RichTextNode) => {
      types.add(node.type);
      for (const mark of node.marks ?? []) marks.add(mark.type);
      node.content?.forEach(walk);
    };
    walk(result.doc);
    expect([...types].sort()).toEqual(Object.keys(RICH_TEXT_NODES).sort());
    expect([...marks].sort()).toEqual(Object.keys(RICH_TEXT_MARKS).sort());
  });

  it('the empty document', () => {
    expect(accepted(emptyDoc()).doc).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });

  it('missing optional attributes, set to their defaults; ids in lower case; empty arrays dropped', () => {
    const result = accepted(
      doc(
        { type: 'heading', content: [] },
        { type: 'orderedList', content: [{ type: 'listItem', content: [p()] }] },
        { type: 'blockquote', content: [p()] },
        { type: 'codeBlock', attrs: {} },
        { type: 'image', attrs: { documentId: IMAGE.toUpperCase() } },
        { type: 'paragraph', marks: [], attrs: {}, content: [text('x', [])] },
        { type: 'horizontalRule', content: [] },
      ),
    );
    expect(result.doc).toEqual(
      doc(
        { type: 'heading', attrs: { level: 1 } },
        {
          type: 'orderedList',
          attrs: { start: 1, type: null },
          content: [{ type: 'listItem', content: [p()] }],
        },
        { type: 'blockquote', attrs: { postId: null, authorName: null }, content: [p()] },
        { type: 'codeBlock', attrs: { language: null } },
        { type: 'image', attrs: { documentId: IMAGE, alt: null } },
        p(text('x')),
        { type: 'horizontalRule' },
      ),
    );
  });

  it('marks on inline atoms and hard breaks, combined marks, the HTML list types', () => {
    accepted(
      doc(
        p(
          { type: 'mention', attrs: { id: USER, label: 'A' }, marks: [{ type: 'bold' }] },
          { type: 'hardBreak', marks: [{ type: 'italic' }] },
          text('x', [
            { type: 'bold' },
            { type: 'italic' },
            { type: 'strike' },
            { type: 'underline' },
          ]),
        ),
        {
          type: 'orderedList',
          attrs: { start: 1, type: 'a' },
          content: [{ type: 'listItem', content: [p()] }],
        },
      ),
    );
  });

  it('tabs and line breaks in text, emoji', () => {
    accepted(doc(p(text('a\tb\nc 🎉 é'))));
  });

  it('exactly the limits', () => {
    accepted(doc(p(text('x'.repeat(50_000)))));
    const nodes = Array.from({ length: 4998 }, () => ({ type: 'hardBreak' }));
    accepted(doc(p(...nodes)));
    let nested: RichTextNode = p(text('deep'));
    // doc > 18 blockquotes > paragraph > text: the text sits at depth 20.
    for (let i = 0; i < 18; i++) nested = { type: 'blockquote', content: [nested] };
    accepted(doc(nested));
  });
});

describe('checkRichText refuses', () => {
  const cases: [string, unknown, Partial<RichTextIssue>][] = [
    ['a string', 'hello', { path: '', code: 'invalid_rich_text' }],
    ['null', null, { path: '' }],
    ['an array', [], { path: '' }],
    ['another root', p(text('x')), { path: 'type', message: 'a body must be a "doc" node' }],
    [
      'an empty doc',
      { type: 'doc', content: [] },
      { path: '', message: 'doc needs at least one block' },
    ],
    [
      'a doc without content',
      { type: 'doc' },
      { path: '', message: 'doc needs at least one block' },
    ],
    [
      'an unknown node',
      doc(p(), { type: 'iframe' }),
      { path: 'content.1', message: 'unknown node "iframe"' },
    ],
    ['a node without type', doc({ content: [] }), { path: 'content.0.type' }],
    ['a node that is no object', doc('text'), { path: 'content.0' }],
    [
      'an inherited name as a type',
      doc({ type: 'constructor' }),
      { message: 'unknown node "constructor"' },
    ],
    [
      'an unknown mark',
      doc(p(text('x', [{ type: 'sup' }]))),
      { path: 'content.0.content.0.marks.0', message: 'unknown mark "sup"' },
    ],
    [
      'an unknown attribute',
      doc({ type: 'paragraph', attrs: { textAlign: 'left' } }),
      { path: 'content.0.attrs', message: 'paragraph has no attributes' },
    ],
    [
      'an unknown attribute among known ones',
      doc({ type: 'heading', attrs: { level: 1, id: 'x' } }),
      { path: 'content.0.attrs.id', message: 'unknown attribute "id" on heading' },
    ],
    [
      'an unknown key',
      doc({ type: 'paragraph', style: 'color:red' }),
      { path: 'content.0.style', message: 'unknown key "style" on paragraph' },
    ],
    [
      'heading level 4',
      doc({ type: 'heading', attrs: { level: 4 } }),
      { path: 'content.0.attrs.level', message: 'heading.level must be one of 1, 2, 3' },
    ],
    [
      'heading level as a string',
      doc({ type: 'heading', attrs: { level: '1' } }),
      { path: 'content.0.attrs.level' },
    ],
    [
      'list start 0',
      doc({
        type: 'orderedList',
        attrs: { start: 0 },
        content: [{ type: 'listItem', content: [p()] }],
      }),
      { path: 'content.0.attrs.start' },
    ],
    [
      'list start 1.5',
      doc({
        type: 'orderedList',
        attrs: { start: 1.5 },
        content: [{ type: 'listItem', content: [p()] }],
      }),
      { path: 'content.0.attrs.start', message: 'orderedList.start must be an integer' },
    ],
    [
      'a list type outside HTML',
      doc({
        type: 'orderedList',
        attrs: { type: 'disc' },
        content: [{ type: 'listItem', content: [p()] }],
      }),
      { path: 'content.0.attrs.type' },
    ],
    [
      'a code language with a quote',
      doc({ type: 'codeBlock', attrs: { language: 'js" onload="x' } }),
      { path: 'content.0.attrs.language' },
    ],
    [
      'an upper-case code language',
      doc({ type: 'codeBlock', attrs: { language: 'TS' } }),
      { path: 'content.0.attrs.language' },
    ],
    [
      'a quote author of 61 characters',
      doc({ type: 'blockquote', attrs: { authorName: 'a'.repeat(61) }, content: [p()] }),
      {
        path: 'content.0.attrs.authorName',
        message: 'blockquote.authorName is longer than 60 characters',
      },
    ],
    [
      'a quoted post that is not a UUID',
      doc({ type: 'blockquote', attrs: { postId: '42' }, content: [p()] }),
      { path: 'content.0.attrs.postId', message: 'blockquote.postId must be a UUID' },
    ],
    [
      'a mention without id',
      doc(p({ type: 'mention', attrs: { label: 'A' } })),
      { path: 'content.0.content.0.attrs.id', message: 'mention.id is required' },
    ],
    [
      'a mention with an empty label',
      doc(p({ type: 'mention', attrs: { id: USER, label: ' ' } })),
      { path: 'content.0.content.0.attrs.label' },
    ],
    [
      'a mention label of 61 characters',
      doc(p({ type: 'mention', attrs: { id: USER, label: 'a'.repeat(61) } })),
      { path: 'content.0.content.0.attrs.label' },
    ],
    [
      "Tiptap's default mention char attribute",
      doc(p({ type: 'mention', attrs: { id: USER, label: 'A', mentionSuggestionChar: '@' } })),
      { path: 'content.0.content.0.attrs.mentionSuggestionChar' },
    ],
    [
      'a document ref label of 201 characters',
      doc(p({ type: 'documentRef', attrs: { id: DOCUMENT, label: 'a'.repeat(201) } })),
      { path: 'content.0.content.0.attrs.label' },
    ],
    [
      'a case ref with a numeric id',
      doc(p({ type: 'caseRef', attrs: { id: 12, label: 'x' } })),
      { path: 'content.0.content.0.attrs.id' },
    ],
    [
      'an empty text node',
      doc(p(text(''))),
      { path: 'content.0.content.0.text', message: 'empty text node' },
    ],
    ['a text node without text', doc(p({ type: 'text' })), { path: 'content.0.content.0.text' }],
    ['a NUL in text', doc(p(text('a\u0000b'))), { path: 'content.0.content.0.text' }],
    ['a lone surrogate in text', doc(p(text('a\ud800b'))), { path: 'content.0.content.0.text' }],
    [
      'a line break in a label',
      doc(p({ type: 'mention', attrs: { id: USER, label: 'a\nb' } })),
      { path: 'content.0.content.0.attrs.label' },
    ],
    [
      'text at block level',
      doc(text('x')),
      { path: 'content.0', message: 'text is not allowed here in doc (expected block)' },
    ],
    [
      'a block inside a paragraph',
      doc(p({ type: 'horizontalRule' })),
      { path: 'content.0.content.0', message: 'horizontalRule is not allowed in paragraph' },
    ],
    [
      'an image inside a paragraph',
      doc(p({ type: 'image', attrs: { documentId: IMAGE } })),
      { path: 'content.0.content.0' },
    ],
    [
      'a list item outside a list',
      doc({ type: 'listItem', content: [p()] }),
      { path: 'content.0' },
    ],
    [
      'a paragraph in a list',
      doc({ type: 'bulletList', content: [p()] }),
      {
        path: 'content.0.content.0',
        message: 'paragraph is not allowed here in bulletList (expected listItem)',
      },
    ],
    [
      'an empty list',
      doc({ type: 'bulletList', content: [] }),
      { path: 'content.0', message: 'bulletList needs at least one listItem' },
    ],
    [
      'a list item starting with a list',
      doc({
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [p()] }] }],
          },
        ],
      }),
      {
        path: 'content.0.content.0.content.0',
        message: 'bulletList is not allowed here in listItem (expected paragraph)',
      },
    ],
    ['an empty blockquote', doc({ type: 'blockquote', content: [] }), { path: 'content.0' }],
    [
      'a hard break in a code block',
      doc({ type: 'codeBlock', content: [{ type: 'hardBreak' }] }),
      { path: 'content.0.content.0' },
    ],
    [
      'marks in a code block',
      doc({ type: 'codeBlock', content: [text('x', [{ type: 'bold' }])] }),
      { path: 'content.0.content.0.marks', message: 'text cannot have marks here' },
    ],
    [
      'marks on a block',
      doc({ type: 'paragraph', marks: [{ type: 'bold' }] }),
      { path: 'content.0.marks' },
    ],
    [
      'content in a leaf',
      doc({ type: 'horizontalRule', content: [p()] }),
      { path: 'content.0.content', message: 'horizontalRule cannot have content' },
    ],
    [
      'content that is no array',
      doc({ type: 'paragraph', content: {} }),
      { path: 'content.0.content' },
    ],
    [
      'the same mark twice',
      doc(p(text('x', [{ type: 'bold' }, { type: 'bold' }]))),
      { path: 'content.0.content.0.marks.1', message: 'mark bold is set twice' },
    ],
    [
      'inline code with another mark',
      doc(p(text('x', [{ type: 'bold' }, { type: 'code' }]))),
      {
        path: 'content.0.content.0.marks',
        message: 'mark code cannot be combined with other marks',
      },
    ],
    [
      'attributes on bold',
      doc(p(text('x', [{ type: 'bold', attrs: { style: 'x' } }]))),
      { path: 'content.0.content.0.marks.0.attrs' },
    ],
    [
      "Tiptap's default link attributes",
      doc(
        p(
          text('x', [
            {
              type: 'link',
              attrs: { href: 'https://a.org', target: '_blank', rel: null, class: null },
            },
          ]),
        ),
      ),
      {
        path: 'content.0.content.0.marks.0.attrs.target',
        message: 'unknown attribute "target" on link',
      },
    ],
    [
      'a link without href',
      doc(p(text('x', [{ type: 'link' }]))),
      {
        path: 'content.0.content.0.marks.0.attrs.href',
        code: 'invalid_rich_text',
        message: 'link.href is required',
      },
    ],
    [
      'a link of 2001 characters',
      doc(p(text('x', link(`https://a.org/${'a'.repeat(1987)}`)))),
      { path: 'content.0.content.0.marks.0.attrs.href', code: 'invalid_rich_text' },
    ],
  ];

  it.each(cases)('%s', (_name, value, expected) => {
    const issues = refused(value);
    expect(issues[0]).toMatchObject({ code: 'invalid_rich_text', ...expected });
  });

  it('text past 50,000 characters, in total', () => {
    const issues = refused(doc(p(text('x'.repeat(30_000))), p(text('y'.repeat(20_001)))));
    expect(issues).toEqual([
      {
        code: 'invalid_rich_text',
        path: '',
        message: 'too long: more than 50000 characters of text',
      },
    ]);
  });

  it('more than 5,000 nodes', () => {
    const nodes = Array.from({ length: 4999 }, () => ({ type: 'hardBreak' }));
    expect(refused(doc(p(...nodes)))).toEqual([
      { code: 'invalid_rich_text', path: '', message: 'too many nodes (more than 5000)' },
    ]);
  });

  it('nesting past 20 levels, and a million levels without overflowing the stack', () => {
    let nested: RichTextNode = p(text('deep'));
    for (let i = 0; i < 20; i++) nested = { type: 'blockquote', content: [nested] };
    const issues = refused(doc(nested));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe('nested more than 20 levels deep');
    expect(issues[0]!.path).toBe(Array.from({ length: 21 }, () => 'content.0').join('.'));

    let huge: unknown = p();
    for (let i = 0; i < 1_000_000; i++) huge = { type: 'blockquote', content: [huge] };
    expect(refused(doc(huge))[0]!.message).toBe('nested more than 20 levels deep');
  });

  it('lists several issues at once, at most 20', () => {
    const issues = refused(
      doc({ type: 'iframe' }, p(text('')), { type: 'heading', attrs: { level: 9 } }),
    );
    expect(issues.map(describeRichTextIssue)).toEqual([
      'content.0: unknown node "iframe"',
      'content.1.content.0.text: empty text node',
      'content.2.attrs.level: heading.level must be one of 1, 2, 3',
    ]);
    expect(refused(doc(...Array.from({ length: 100 }, () => ({ type: 'video' }))))).toHaveLength(
      20,
    );
  });

  it('images with a src or without a document, as foreign_image', () => {
    const message = 'Images must be documents of this case: upload it first.';
    expect(
      refused(doc({ type: 'image', attrs: { documentId: IMAGE, src: 'https://evil.org/x.png' } })),
    ).toEqual([{ code: 'foreign_image', path: 'content.0.attrs.src', message }]);
    expect(refused(doc({ type: 'image', attrs: { src: 'data:image/png;base64,AAAA' } }))).toEqual([
      { code: 'foreign_image', path: 'content.0.attrs.src', message },
      { code: 'foreign_image', path: 'content.0.attrs.documentId', message },
    ]);
    expect(refused(doc({ type: 'image', attrs: { documentId: 'x.png' } }))[0]).toMatchObject({
      code: 'foreign_image',
      path: 'content.0.attrs.documentId',
    });
    expect(refused(doc({ type: 'image' }))[0]!.code).toBe('foreign_image');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript&#58;alert(1)',
    'java&#x09;script:alert(1)',
    '&#106;avascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org',
    '/relative/path',
    '//example.org/protocol-relative',
    'example.org',
    '#anchor',
    'https://user:secret@example.org/',
    'https://user@example.org/',
    'https://example.org/ space',
    'https://example.org/\u0000',
    'https:\\\\example.org',
    'http:example.org',
    'https://',
    'mailto:',
    '',
  ])('the link %j, as unsafe_link', (href) => {
    const issues = refused(doc(p(text('x', link(href)))));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'unsafe_link',
      path: 'content.0.content.0.marks.0.attrs.href',
    });
  });

  it('a link of another type than string, as invalid_rich_text', () => {
    expect(refused(doc(p(text('x', [{ type: 'link', attrs: { href: 42 } }]))))[0]).toMatchObject({
      code: 'invalid_rich_text',
      message: 'link.href must be a string',
    });
  });
});

describe('isSafeHref', () => {
  it.each([
    'https://example.org',
    'HTTPS://EXAMPLE.ORG/Path?q=<1>&r="2"',
    'http://localhost:8080/x#y',
    'mailto:someone@example.org',
    'MailTo:someone@example.org?subject=Hi',
    'https://münchen.de/straße',
  ])('accepts %j', (href) => expect(isSafeHref(href)).toBe(true));
});

describe('refs', () => {
  it('lists each id once, by kind, in order of appearance', () => {
    const other = '66666666-6666-4666-8666-666666666666';
    const result = accepted(
      doc(
        p(
          { type: 'mention', attrs: { id: USER, label: 'A' } },
          { type: 'mention', attrs: { id: other, label: 'B' } },
          { type: 'mention', attrs: { id: USER.toUpperCase(), label: 'A' } },
          { type: 'documentRef', attrs: { id: DOCUMENT, label: 'D' } },
          { type: 'caseRef', attrs: { id: CASE, label: 'C' } },
          { type: 'caseRef', attrs: { id: CASE, label: 'C' } },
        ),
        { type: 'image', attrs: { documentId: IMAGE } },
        { type: 'image', attrs: { documentId: DOCUMENT } },
        { type: 'blockquote', attrs: { postId: POST }, content: [p()] },
        {
          type: 'blockquote',
          content: [{ type: 'blockquote', attrs: { postId: POST }, content: [p()] }],
        },
      ),
    );
    expect(result.refs).toEqual({
      mentions: [USER, other],
      documents: [DOCUMENT],
      images: [IMAGE, DOCUMENT],
      cases: [CASE],
      quotes: [POST],
    });
  });

  it('are empty for plain text', () => {
    expect(accepted(doc(p(text('x')))).refs).toEqual({
      mentions: [],
      documents: [],
      images: [],
      cases: [],
      quotes: [],
    });
  });
});

describe('isEmptyRichText', () => {
  it('is true without text or atoms', () => {
    expect(isEmptyRichText(emptyDoc())).toBe(true);
    expect(
      isEmptyRichText(
        doc(p(text('  \n ')), p({ type: 'hardBreak' }), { type: 'horizontalRule' }) as RichTextDoc,
      ),
    ).toBe(true);
    expect(
      isEmptyRichText(
        doc({ type: 'bulletList', content: [{ type: 'listItem', content: [p()] }] }) as RichTextDoc,
      ),
    ).toBe(true);
  });

  it('is false with text, a mention, a ref or an image', () => {
    expect(isEmptyRichText(doc(p(text('x'))) as RichTextDoc)).toBe(false);
    expect(
      isEmptyRichText(doc(p({ type: 'mention', attrs: { id: USER, label: 'A' } })) as RichTextDoc),
    ).toBe(false);
    expect(
      isEmptyRichText(doc(p({ type: 'caseRef', attrs: { id: CASE, label: 'C' } })) as RichTextDoc),
    ).toBe(false);
    expect(
      isEmptyRichText(doc({ type: 'image', attrs: { documentId: IMAGE } }) as RichTextDoc),
    ).toBe(false);
    expect(
      isEmptyRichText(
        doc({
          type: 'blockquote',
          content: [{ type: 'codeBlock', content: [text('x')] }],
        }) as RichTextDoc,
      ),
    ).toBe(false);
  });
});
