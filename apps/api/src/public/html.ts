import { escapeHtml } from '@technopolice/shared';

/** Markup that is already safe: made by `markup` or, for HTML the server rendered itself, `raw`. */
export class Html {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** What may sit in a `${}` of `markup`: text is escaped, `Html` kept, lists joined, nothing dropped. */
export type Part = Html | string | number | null | undefined | false | readonly Part[];

function partToString(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (typeof part === 'string') return escapeHtml(part);
  if (typeof part === 'number') return String(part);
  return part.map(partToString).join('');
}

/**
 * Template tag of the public pages and the feed: every interpolated value is escaped (element
 * content and quoted attribute values alike) unless it is `Html` already. Attribute values must
 * be quoted in the template. (Not named `html`: Prettier would reformat such templates as HTML,
 * changing the whitespace of what they render.)
 */
export function markup(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < parts.length; i++) out += partToString(parts[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup, as is: only for HTML the server rendered and escaped at publication. */
export function raw(markup: string): Html {
  return new Html(markup);
}

// Characters XML 1.0 forbids even escaped; they could come in with pasted text.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text that may go into an XML document (the feed): forbidden control characters removed. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '');
}

/** The start of a plain text, whole words, at most `max` characters with the ellipsis. */
export function excerpt(text: string, max = 220): string {
  // Blocks (a heading, then its paragraph) become one line: a dash where no punctuation ends one.
  const flat = text
    .split(/\n+/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .reduce(
      (out, line) =>
        out === '' ? line : /[.!?…:;»)]$/.test(out) ? `${out} ${line}` : `${out} — ${line}`,
      '',
    );
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
