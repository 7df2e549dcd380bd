import { describe, expect, it } from 'vitest';
import { checkRichText } from './check.js';
import { everything } from './fixtures.js';
import { escapeHtml, plainText, renderRichText, type RenderContext } from './render.js';
import { type RichTextDoc, type RichTextNode } from './schema.js';

const USER = '11111111-1111-4111-8111-111111111111';
const DOCUMENT = '22222222-2222-4222-8222-222222222222';
const IMAGE = '33333333-3333-4333-8333-333333333333';
const CASE = '44444444-4444-4444-8444-444444444444';
const GONE = '99999999-9999-4999-8999-999999999999';

const context: RenderContext = {
  user: (id) => (id === USER ? { displayName: 'Alice Martin' } : null),
  document: (id) =>
    id === DOCUMENT
      ? { title: 'Report <2024>.pdf', href: `/documents/${id}` }
      : id === IMAGE
        ? { title: 'camera.jpg', href: `/documents/${id}` }
        : null,
  case: (id) => (id === CASE ? { title: 'Cameras & Nice', href: `/cases/${id}` } : null),
  imageSrc: () => null,
};

const p = (...content: RichTextNode[]): RichTextNode => ({ type: 'paragraph', content });
const text = (value: string, marks?: RichTextNode['marks']): RichTextNode =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const doc = (...content: RichTextNode[]): RichTextDoc => ({ type: 'doc', content });
const render = (value: RichTextDoc, ctx = context) => renderRichText(value, ctx);

describe('renderRichText', () => {
  it('renders every node and mark', () => {
    expect(render(everything)).toBe(
      [
        '<h2>Title</h2>',
        '<h4>Sub</h4>',
        '<p>Hello <span class="rt-mention" data-user-id="11111111-1111-4111-8111-111111111111">@Alice Martin</span>',
        ', see <a class="rt-doc" href="/documents/22222222-2222-4222-8222-222222222222" data-document-id="22222222-2222-4222-8222-222222222222">#Report &lt;2024&gt;.pdf</a>',
        ' and <a class="rt-case" href="/cases/44444444-4444-4444-8444-444444444444" data-case-id="44444444-4444-4444-8444-444444444444">#Cameras &amp; Nice</a>',
        '<br>',
        '<strong>bold</strong><em>italic</em><s>strike</s><u>under</u><code>code</code>',
        '<a href="https://example.org/a?b=1" rel="noopener noreferrer nofollow" target="_blank"><strong>site</strong></a>',
        '<a href="mailto:someone@example.org" rel="noopener noreferrer nofollow" target="_blank">mail</a></p>',
        '<ul><li><p>one</p><ul><li><p>nested</p></li></ul></li></ul>',
        '<ol start="3"><li><p>three</p></li></ol>',
        '<blockquote class="rt-quote" data-post-id="55555555-5555-4555-8555-555555555555"><cite>Bob</cite><p>quoted</p></blockquote>',
        '<blockquote><p>plain</p></blockquote>',
        '<pre><code class="language-ts">const a = 1;\nconst b = 2;</code></pre>',
        '<pre><code></code></pre>',
        '<hr>',
        '<figure class="rt-image"><img alt="A camera" loading="lazy" data-document-id="33333333-3333-4333-8333-333333333333"></figure>',
        '<p></p>',
      ].join(''),
    );
  });

  it('uses the context: current names, hrefs, image sources; stored labels when it knows nothing', () => {
    const body = doc(
      p(
        { type: 'mention', attrs: { id: GONE, label: 'Old name' } },
        { type: 'documentRef', attrs: { id: GONE, label: 'gone.pdf' } },
        { type: 'caseRef', attrs: { id: CASE, label: 'Old title' } },
      ),
      { type: 'image', attrs: { documentId: IMAGE, alt: null } },
      { type: 'image', attrs: { documentId: GONE, alt: 'Deleted <b>' } },
    );
    expect(
      render(body, { ...context, imageSrc: (id) => `/api/documents/${id}/file?x=1&y=2` }),
    ).toBe(
      '<p><span class="rt-mention" data-user-id="99999999-9999-4999-8999-999999999999">@Old name</span>' +
        '<span class="rt-doc rt-missing">#gone.pdf</span>' +
        '<a class="rt-case" href="/cases/44444444-4444-4444-8444-444444444444" data-case-id="44444444-4444-4444-8444-444444444444">#Cameras &amp; Nice</a></p>' +
        '<figure class="rt-image"><img src="/api/documents/33333333-3333-4333-8333-333333333333/file?x=1&amp;y=2" alt="camera.jpg" loading="lazy" data-document-id="33333333-3333-4333-8333-333333333333"></figure>' +
        '<p class="rt-missing">Deleted &lt;b&gt;</p>',
    );
  });

  it('keeps marks shared by neighbours open, nesting them in one order whatever the input order', () => {
    const href = 'https://example.org';
    const body = doc(
      p(
        text('a', [{ type: 'bold' }]),
        text('b', [{ type: 'italic' }, { type: 'bold' }]),
        text('c', [{ type: 'bold' }, { type: 'italic' }]),
        text('d', [{ type: 'bold' }, { type: 'link', attrs: { href } }]),
        text('e', [{ type: 'link', attrs: { href } }]),
        text('f', [{ type: 'link', attrs: { href: `${href}/other` } }]),
        text('g'),
      ),
    );
    expect(render(body)).toBe(
      '<p><strong>a<em>bc</em></strong>' +
        '<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank"><strong>d</strong>e</a>' +
        '<a href="https://example.org/other" rel="noopener noreferrer nofollow" target="_blank">f</a>g</p>',
    );
  });

  it('renders list types, quotes with only an author, and headings of each level', () => {
    const item = { type: 'listItem', content: [p(text('x'))] };
    const body = doc(
      { type: 'orderedList', attrs: { start: 1, type: 'i' }, content: [item] },
      { type: 'blockquote', attrs: { postId: null, authorName: 'Zoé' }, content: [p(text('q'))] },
      { type: 'heading', attrs: { level: 2 }, content: [text('h')] },
    );
    expect(render(body)).toBe(
      '<ol type="i"><li><p>x</p></li></ol>' +
        '<blockquote class="rt-quote"><cite>Zoé</cite><p>q</p></blockquote>' +
        '<h3>h</h3>',
    );
  });

  describe('is safe by construction', () => {
    it('escapes text, names and attributes', () => {
      const evil = `"><script>alert('x')</script>&amp;`;
      const body = doc(
        p(text(evil, [{ type: 'link', attrs: { href: `https://e.org/"onmouseover='x'` } }])),
        { type: 'blockquote', attrs: { postId: null, authorName: evil }, content: [p(text('q'))] },
        { type: 'image', attrs: { documentId: IMAGE, alt: evil } },
        {
          type: 'codeBlock',
          attrs: { language: null },
          content: [text('</code><script>x</script>')],
        },
        p({ type: 'mention', attrs: { id: GONE, label: evil } }),
      );
      expect(checkRichText(body).ok).toBe(true);
      const html = render(body, {
        user: () => null,
        document: () => ({ title: evil, href: `/x"y` }),
        case: () => null,
        imageSrc: () => `/i"<>`,
      });
      const escaped = '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;';
      expect(html).toBe(
        `<p><a href="https://e.org/&quot;onmouseover=&#39;x&#39;" rel="noopener noreferrer nofollow" target="_blank">${escaped}</a></p>` +
          `<blockquote class="rt-quote"><cite>${escaped}</cite><p>q</p></blockquote>` +
          `<figure class="rt-image"><img src="/i&quot;&lt;&gt;" alt="${escaped}" loading="lazy" data-document-id="33333333-3333-4333-8333-333333333333"></figure>` +
          '<pre><code>&lt;/code&gt;&lt;script&gt;x&lt;/script&gt;</code></pre>' +
          `<p><span class="rt-mention" data-user-id="99999999-9999-4999-8999-999999999999">@${escaped}</span></p>`,
      );
      expect(html).not.toMatch(/<script/i);
    });

    it('drops unsafe links, unknown nodes and marks of a body that skipped the checker', () => {
      const body = {
        type: 'doc',
        content: [
          p(
            text('a', [{ type: 'link', attrs: { href: 'JaVaScRiPt:alert(1)' } }]),
            text('b', [{ type: 'link', attrs: { href: 'java\tscript:alert(1)' } }]),
            text('c', [{ type: 'link', attrs: { href: 'data:text/html,x' } }, { type: 'bold' }]),
            text('d', [{ type: 'onclick' }]),
            { type: 'iframe', attrs: { src: 'https://evil.org' } },
          ),
          { type: 'script', content: [text('alert(1)')] },
          { type: 'codeBlock', attrs: { language: '"><script>' }, content: [text('x')] },
          { type: 'heading', attrs: { level: '1><script>' }, content: [text('h')] },
          { type: 'orderedList', attrs: { start: '2"><script>' }, content: [] },
        ],
      } as RichTextDoc;
      expect(render(body)).toBe(
        '<p>ab<strong>c</strong>d</p>' +
          '<pre><code class="language-&quot;&gt;&lt;script&gt;">x</code></pre>' +
          '<h2>h</h2><ol></ol>',
      );
    });

    it('never nests a ref inside a link', () => {
      const body = doc(
        p({
          type: 'documentRef',
          attrs: { id: DOCUMENT, label: 'D' },
          marks: [{ type: 'link', attrs: { href: 'https://example.org' } }, { type: 'italic' }],
        }),
      );
      expect(render(body)).toBe(
        '<p><em><a class="rt-doc" href="/documents/22222222-2222-4222-8222-222222222222" data-document-id="22222222-2222-4222-8222-222222222222">#Report &lt;2024&gt;.pdf</a></em></p>',
      );
    });
  });

  it('renders a large body quickly', () => {
    const paragraphs = Array.from({ length: 300 }, (_, i) =>
      p(text(`Paragraph ${i} with <some> & "text" `), text('bold', [{ type: 'bold' }]), {
        type: 'mention',
        attrs: { id: USER, label: 'A' },
      }),
    );
    const body = doc(...paragraphs);
    const started = performance.now();
    for (let i = 0; i < 100; i++) render(body);
    // 100 bodies of 300 paragraphs: far below a millisecond per ordinary post.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters and nothing else', () => {
    expect(escapeHtml(`a&b<c>d"e'f é`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f é');
    expect(escapeHtml('plain')).toBe('plain');
  });
});

describe('plainText', () => {
  it('gives one line per block, mentions as @label, refs as #label, images as alt text', () => {
    expect(plainText(everything)).toBe(
      [
        'Title',
        'Sub',
        'Hello @Alice, see #Report.pdf and #Cameras in Nice',
        'bolditalicstrikeundercodesitemail',
        'one',
        'nested',
        'three',
        'quoted',
        'plain',
        'const a = 1;',
        'const b = 2;',
        'A camera',
      ].join('\n'),
    );
  });

  it('cuts at maxLength with an ellipsis, never inside a character', () => {
    const body = doc(p(text('Hello world, how are you?')));
    expect(plainText(body, 100)).toBe('Hello world, how are you?');
    expect(plainText(body, 12)).toBe('Hello world…');
    expect(plainText(body, 12)).toHaveLength(12);
    expect(plainText(doc(p(text('ab🎉cd'))), 4)).toBe('ab…');
    expect(plainText(body, 0)).toBe('');
  });

  it('is empty for an empty body, trimmed otherwise', () => {
    expect(plainText(doc(p()))).toBe('');
    expect(plainText(doc(p(text('  x  ')), p()))).toBe('x');
  });
});
