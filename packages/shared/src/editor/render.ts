import { isSafeHref } from './check.js';
import {
  RICH_TEXT_MARKS,
  type RichTextDoc,
  type RichTextMark,
  type RichTextNode,
} from './schema.js';

/** What the renderer asks about the things a body points at; `null`: gone or not visible. */
export interface RenderContext {
  user(id: string): { displayName: string } | null;
  document(id: string): { title: string; href: string } | null;
  case(id: string): { title: string; href: string } | null;
  /** Where an image's bytes are; `null` to leave only `data-document-id` (the web loads it). */
  imageSrc(documentId: string): string | null;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/** Text made safe for HTML, in element content and in quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, (char) => ESCAPES[char] ?? char) : value;
}

// Marks nest in the schema's order (link outermost, code innermost), whatever order a body
// lists them in, so that the same body always gives the same HTML.
const MARK_RANK = new Map(Object.keys(RICH_TEXT_MARKS).map((type, rank) => [type, rank]));
const MARK_TAGS: Readonly<Record<string, readonly [string, string]>> = {
  bold: ['<strong>', '</strong>'],
  italic: ['<em>', '</em>'],
  underline: ['<u>', '</u>'],
  strike: ['<s>', '</s>'],
  code: ['<code>', '</code>'],
};
const NO_MARKS: readonly RichTextMark[] = [];

function hrefOf(mark: RichTextMark): string | null {
  const href = mark.attrs?.href;
  return typeof href === 'string' && isSafeHref(href) ? href : null;
}

// The marks to render around an inline node: known ones, in rank order. A link is dropped when
// unsafe (a body that skipped the checker) and around refs, which are links themselves.
function marksOf(node: RichTextNode, linkable: boolean): readonly RichTextMark[] {
  const marks = node.marks;
  if (marks === undefined || marks.length === 0) return NO_MARKS;
  const kept = marks.filter((mark) =>
    mark.type === 'link' ? linkable && hrefOf(mark) !== null : MARK_TAGS[mark.type] !== undefined,
  );
  if (kept.length > 1)
    kept.sort((a, b) => (MARK_RANK.get(a.type) ?? 0) - (MARK_RANK.get(b.type) ?? 0));
  return kept;
}

function sameMark(a: RichTextMark, b: RichTextMark): boolean {
  return a.type === b.type && (a.type !== 'link' || a.attrs?.href === b.attrs?.href);
}

function openTag(mark: RichTextMark): string {
  if (mark.type === 'link')
    return `<a href="${escapeHtml(hrefOf(mark) ?? '')}" rel="noopener noreferrer nofollow" target="_blank">`;
  return MARK_TAGS[mark.type]?.[0] ?? '';
}

function closeTag(mark: RichTextMark): string {
  return mark.type === 'link' ? '</a>' : (MARK_TAGS[mark.type]?.[1] ?? '');
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The HTML of a checked body: every text and attribute escaped, links limited to http, https and
 * mailto, images only as documents the context knows. Mentions and refs show current names from
 * the context, the stored labels when it knows nothing of them.
 */
export function renderRichText(doc: RichTextDoc, context: RenderContext): string {
  const blocks = (nodes: readonly RichTextNode[] | undefined): string => {
    if (nodes === undefined) return '';
    let html = '';
    for (const node of nodes) html += block(node);
    return html;
  };

  const inline = (nodes: readonly RichTextNode[] | undefined): string => {
    if (nodes === undefined) return '';
    let html = '';
    // Marks shared by neighbours stay open: `<strong>a <em>b</em></strong>`.
    const open: RichTextMark[] = [];
    for (const node of nodes) {
      const marks = marksOf(node, node.type !== 'documentRef' && node.type !== 'caseRef');
      let keep = 0;
      while (keep < open.length && keep < marks.length && sameMark(open[keep]!, marks[keep]!))
        keep++;
      while (open.length > keep) html += closeTag(open.pop()!);
      for (let index = keep; index < marks.length; index++) {
        html += openTag(marks[index]!);
        open.push(marks[index]!);
      }
      html += inlineNode(node);
    }
    while (open.length > 0) html += closeTag(open.pop()!);
    return html;
  };

  const ref = (node: RichTextNode, kind: 'doc' | 'case'): string => {
    const id = str(node.attrs?.id);
    const target = kind === 'doc' ? context.document(id) : context.case(id);
    if (target === null)
      return `<span class="rt-${kind} rt-missing">#${escapeHtml(str(node.attrs?.label))}</span>`;
    const data = kind === 'doc' ? 'data-document-id' : 'data-case-id';
    return `<a class="rt-${kind}" href="${escapeHtml(target.href)}" ${data}="${escapeHtml(id)}">#${escapeHtml(target.title)}</a>`;
  };

  const inlineNode = (node: RichTextNode): string => {
    switch (node.type) {
      case 'text':
        return escapeHtml(str(node.text));
      case 'hardBreak':
        return '<br>';
      case 'mention': {
        const id = str(node.attrs?.id);
        const name = context.user(id)?.displayName ?? str(node.attrs?.label);
        return `<span class="rt-mention" data-user-id="${escapeHtml(id)}">@${escapeHtml(name)}</span>`;
      }
      case 'documentRef':
        return ref(node, 'doc');
      case 'caseRef':
        return ref(node, 'case');
      default:
        return '';
    }
  };

  const image = (node: RichTextNode): string => {
    const id = str(node.attrs?.documentId);
    const alt = node.attrs?.alt;
    const document = context.document(id);
    if (document === null) return `<p class="rt-missing">${escapeHtml(str(alt))}</p>`;
    const src = context.imageSrc(id);
    return (
      `<figure class="rt-image"><img${src === null ? '' : ` src="${escapeHtml(src)}"`}` +
      ` alt="${escapeHtml(typeof alt === 'string' ? alt : document.title)}" loading="lazy"` +
      ` data-document-id="${escapeHtml(id)}"></figure>`
    );
  };

  const block = (node: RichTextNode): string => {
    switch (node.type) {
      case 'paragraph':
        return `<p>${inline(node.content)}</p>`;
      case 'heading': {
        // The page has its own h1: levels 1–3 are h2–h4.
        const level = node.attrs?.level;
        const tag = level === 3 ? 'h4' : level === 2 ? 'h3' : 'h2';
        return `<${tag}>${inline(node.content)}</${tag}>`;
      }
      case 'bulletList':
        return `<ul>${blocks(node.content)}</ul>`;
      case 'orderedList': {
        const start = node.attrs?.start;
        const type = node.attrs?.type;
        const startAttr = typeof start === 'number' && start !== 1 ? ` start="${start}"` : '';
        const typeAttr = typeof type === 'string' ? ` type="${escapeHtml(type)}"` : '';
        return `<ol${startAttr}${typeAttr}>${blocks(node.content)}</ol>`;
      }
      case 'listItem':
        return `<li>${blocks(node.content)}</li>`;
      case 'blockquote': {
        const postId = node.attrs?.postId;
        const author = node.attrs?.authorName;
        if (typeof postId !== 'string' && typeof author !== 'string')
          return `<blockquote>${blocks(node.content)}</blockquote>`;
        const data = typeof postId === 'string' ? ` data-post-id="${escapeHtml(postId)}"` : '';
        const cite = typeof author === 'string' ? `<cite>${escapeHtml(author)}</cite>` : '';
        return `<blockquote class="rt-quote"${data}>${cite}${blocks(node.content)}</blockquote>`;
      }
      case 'codeBlock': {
        const language = node.attrs?.language;
        const cls =
          typeof language === 'string' && language !== ''
            ? ` class="language-${escapeHtml(language)}"`
            : '';
        let code = '';
        for (const child of node.content ?? []) code += escapeHtml(str(child.text));
        return `<pre><code${cls}>${code}</code></pre>`;
      }
      case 'horizontalRule':
        return '<hr>';
      case 'image':
        return image(node);
      default:
        return '';
    }
  };

  return blocks(doc.content);
}

const BLOCK_SEPARATED = new Set([
  'paragraph',
  'heading',
  'listItem',
  'blockquote',
  'codeBlock',
  'horizontalRule',
  'image',
]);

/**
 * The body's text, for excerpts, notifications and search: one line per block, mentions as
 * `@label`, refs as `#label`, images as their alt text; trimmed and, past `maxLength`, cut with
 * "…" (the result then being `maxLength` long).
 */
export function plainText(doc: RichTextNode, maxLength = Infinity): string {
  if (maxLength <= 0) return '';
  let out = '';
  // Walking stops once there is more than enough to cut.
  const enough = () => out.length > maxLength + 1;
  const newline = () => {
    if (out !== '' && !out.endsWith('\n')) out += '\n';
  };
  const walk = (node: RichTextNode): void => {
    if (enough()) return;
    switch (node.type) {
      case 'text':
        out += node.text ?? '';
        return;
      case 'hardBreak':
        out += '\n';
        return;
      case 'mention':
        out += `@${str(node.attrs?.label)}`;
        return;
      case 'documentRef':
      case 'caseRef':
        out += `#${str(node.attrs?.label)}`;
        return;
      case 'image':
        newline();
        out += str(node.attrs?.alt);
        newline();
        return;
      default:
        break;
    }
    const separated = BLOCK_SEPARATED.has(node.type);
    if (separated) newline();
    for (const child of node.content ?? []) walk(child);
    if (separated) newline();
  };
  walk(doc);
  const text = out.trim();
  if (text.length <= maxLength) return text;
  let cut = text.slice(0, maxLength - 1);
  // Never split a character outside the basic plane in two.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
