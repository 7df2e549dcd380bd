import { Editor, type JSONContent } from '@tiptap/core';
import {
  checkRichText,
  describeRichTextIssue,
  RICH_TEXT_MARKS,
  RICH_TEXT_NODES,
  type RichTextNode,
} from '@technopolice/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createExtensions, normalizeHref } from './extensions';

const USER = '11111111-1111-4111-8111-111111111111';
const DOCUMENT = '22222222-2222-4222-8222-222222222222';
const IMAGE = '33333333-3333-4333-8333-333333333333';
const CASE = '44444444-4444-4444-8444-444444444444';
const POST = '55555555-5555-4555-8555-555555555555';

const editors: Editor[] = [];
function createEditor(content?: JSONContent | string): Editor {
  const editor = new Editor({ extensions: createExtensions(), content });
  editors.push(editor);
  return editor;
}

afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/** Types text at the end, with marks switched on first. */
function type(editor: Editor, text: string, marks: string[] = []): void {
  const chain = editor.chain().focus('end');
  for (const mark of marks) chain.setMark(mark);
  chain.insertContent(text);
  for (const mark of marks) chain.unsetMark(mark);
  chain.run();
}

function collectTypes(node: RichTextNode, nodes = new Set<string>(), marks = new Set<string>()) {
  nodes.add(node.type);
  for (const mark of node.marks ?? []) marks.add(mark.type);
  for (const child of node.content ?? []) collectTypes(child, nodes, marks);
  return { nodes, marks };
}

describe('the editor extensions', () => {
  it('define exactly the nodes, marks and attributes of the shared schema', () => {
    const { schema } = createEditor();
    expect(Object.keys(schema.nodes).sort()).toEqual(Object.keys(RICH_TEXT_NODES).sort());
    expect(Object.keys(schema.marks).sort()).toEqual(Object.keys(RICH_TEXT_MARKS).sort());
    for (const [name, spec] of Object.entries(RICH_TEXT_NODES)) {
      const expected = 'attrs' in spec ? Object.keys(spec.attrs).sort() : [];
      expect(Object.keys(schema.nodes[name]!.spec.attrs ?? {}).sort(), name).toEqual(expected);
    }
    expect(Object.keys(schema.marks.link!.spec.attrs ?? {})).toEqual(['href']);
  });

  it('make documents the server accepts and loads them back unchanged (round trip)', () => {
    const editor = createEditor();
    editor.chain().setContent('').toggleHeading({ level: 1 }).insertContent('Title').run();
    editor.chain().focus('end').splitBlock().setParagraph().run();
    type(editor, 'Hello ');
    editor.commands.insertContent([
      { type: 'mention', attrs: { id: USER, label: 'Alice' } },
      { type: 'text', text: ' see ' },
      { type: 'documentRef', attrs: { id: DOCUMENT, label: 'Report.pdf' } },
      { type: 'text', text: ' and ' },
      { type: 'caseRef', attrs: { id: CASE, label: 'Cameras in Nice' } },
    ]);
    editor.commands.setHardBreak();
    type(editor, 'bold', ['bold']);
    type(editor, 'italic', ['italic']);
    type(editor, 'strike', ['strike']);
    type(editor, 'under', ['underline']);
    type(editor, 'code', ['code']);
    type(editor, ' ');
    // A link set on a selection, as the toolbar does.
    const from = editor.state.doc.content.size - 1;
    type(editor, 'our site');
    editor
      .chain()
      .setTextSelection({ from, to: editor.state.doc.content.size - 1 })
      .setLink({ href: 'https://example.org/page?a=1' })
      .run();
    // Autolink, as typed.
    editor.chain().focus('end').splitBlock().unsetAllMarks().run();
    type(editor, 'see www.example.org ');
    editor.chain().focus('end').splitBlock().toggleBulletList().insertContent('one').run();
    editor
      .chain()
      .focus('end')
      .splitListItem('listItem')
      .sinkListItem('listItem')
      .insertContent('nested')
      .run();
    editor.chain().focus('end').liftListItem('listItem').liftListItem('listItem').run();
    editor.chain().focus('end').toggleOrderedList().insertContent('first').run();
    editor
      .chain()
      .focus('end')
      .liftListItem('listItem')
      .toggleHeading({ level: 3 })
      .insertContent('Sub')
      .run();
    editor
      .chain()
      .focus('end')
      .splitBlock()
      .setParagraph()
      .toggleCodeBlock({ language: 'ts' })
      .insertContent('const a = 1;\nconst b = 2;')
      .run();
    editor.chain().focus('end').exitCode().setHorizontalRule().run();
    editor.commands.insertContentAt(editor.state.doc.content.size, [
      { type: 'image', attrs: { documentId: IMAGE, alt: 'A camera' } },
      {
        type: 'blockquote',
        attrs: { postId: POST, authorName: 'Bob' },
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quoted' }] }],
      },
      {
        type: 'blockquote',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'plain' }] }],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'The end.' }] },
    ]);

    const json = editor.getJSON();
    const checked = checkRichText(json);
    if (!checked.ok) throw new Error(checked.issues.map(describeRichTextIssue).join('\n'));
    // What Tiptap emits is already what the checker makes of it.
    expect(checked.doc).toEqual(json);
    expect(checked.refs).toEqual({
      mentions: [USER],
      documents: [DOCUMENT],
      images: [IMAGE],
      cases: [CASE],
      quotes: [POST],
    });
    const { nodes, marks } = collectTypes(checked.doc);
    expect([...nodes].sort()).toEqual(Object.keys(RICH_TEXT_NODES).sort());
    expect([...marks].sort()).toEqual(Object.keys(RICH_TEXT_MARKS).sort());
    const hrefs = JSON.stringify(json).match(/"href":"[^"]*"/g);
    expect(hrefs).toEqual([
      '"href":"https://example.org/page?a=1"',
      '"href":"https://www.example.org"',
    ]);

    expect(createEditor(json).getJSON()).toEqual(json);
  });

  it('keep unsafe links, foreign images and unknown markup out of pasted HTML', () => {
    const editor = createEditor(
      '<p><a href="javascript:alert(1)">a</a> <a href="/relative">b</a> <a href="https://ok.org" class="x" target="_self">c</a></p>' +
        '<img src="https://evil.org/x.png"><h5>five</h5><p style="color:red"><span>text</span><sup>2</sup></p>' +
        '<pre><code class="language-Python">x</code></pre><pre><code class="language-a&quot;b">y</code></pre>',
    );
    const json = editor.getJSON();
    expect(checkRichText(json).ok).toBe(true);
    expect(json).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a b ' },
            {
              type: 'text',
              text: 'c',
              marks: [{ type: 'link', attrs: { href: 'https://ok.org' } }],
            },
          ],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'five' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'text2' }] },
        {
          type: 'codeBlock',
          attrs: { language: 'python' },
          content: [{ type: 'text', text: 'x' }],
        },
        { type: 'codeBlock', attrs: { language: null }, content: [{ type: 'text', text: 'y' }] },
      ],
    });
    expect(editor.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
  });

  it('read back the HTML the server renders (copy from a post, paste in the editor)', () => {
    const html =
      `<blockquote class="rt-quote" data-post-id="${POST}"><cite>Bob</cite><p>Hi <span class="rt-mention" data-user-id="${USER}">@Alice Martin</span> ` +
      `<a class="rt-doc" href="/documents/${DOCUMENT}" data-document-id="${DOCUMENT}">#Report.pdf</a> ` +
      `<a class="rt-case" href="/cases/${CASE}" data-case-id="${CASE}">#Nice</a></p></blockquote>` +
      `<figure class="rt-image"><img alt="A camera" loading="lazy" data-document-id="${IMAGE}"></figure>`;
    const json = createEditor(html).getJSON();
    expect(json.content?.slice(0, 2)).toEqual([
      {
        type: 'blockquote',
        attrs: { postId: POST, authorName: 'Bob' },
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Hi ' },
              { type: 'mention', attrs: { id: USER, label: 'Alice Martin' } },
              { type: 'text', text: ' ' },
              { type: 'documentRef', attrs: { id: DOCUMENT, label: 'Report.pdf' } },
              { type: 'text', text: ' ' },
              { type: 'caseRef', attrs: { id: CASE, label: 'Nice' } },
            ],
          },
        ],
      },
      { type: 'image', attrs: { documentId: IMAGE, alt: 'A camera' } },
    ]);
    expect(checkRichText(json).ok).toBe(true);
  });
});

describe('normalizeHref', () => {
  it.each([
    ['example.org', 'https://example.org'],
    [' https://example.org/a ', 'https://example.org/a'],
    ['someone@example.org', 'mailto:someone@example.org'],
    ['mailto:someone@example.org', 'mailto:someone@example.org'],
    ['//example.org/x', 'https://example.org/x'],
    ['javascript:alert(1)', null],
    ['data:text/html,x', null],
    ['', null],
    ['https://user:pw@example.org', null],
  ])('%j → %j', (input, expected) => expect(normalizeHref(input)).toBe(expected));
});
