import { z } from 'zod';
import {
  RICH_TEXT_LINK_PROTOCOLS,
  RICH_TEXT_MARKS,
  RICH_TEXT_MAX_DEPTH,
  RICH_TEXT_MAX_HREF_LENGTH,
  RICH_TEXT_MAX_NODES,
  RICH_TEXT_MAX_TEXT_LENGTH,
  RICH_TEXT_NODES,
  type RichTextAttrSpec,
  type RichTextDoc,
  type RichTextMark,
  type RichTextNode,
  type RichTextNodeSpec,
} from './schema.js';

/** One problem found in a body, with where it is (`content.2.content.0.marks.0.attrs.href`). */
export interface RichTextIssue {
  code: 'invalid_rich_text' | 'unsafe_link' | 'foreign_image';
  path: string;
  /** What is wrong, in English, without the path (see `describeRichTextIssue`). */
  message: string;
}

/** What a body points at: the server checks each belongs to the group, and notifies mentions. */
export interface RichTextRefs {
  mentions: string[];
  documents: string[];
  images: string[];
  cases: string[];
  quotes: string[];
}

export type RichTextCheck =
  { ok: true; doc: RichTextDoc; refs: RichTextRefs } | { ok: false; issues: RichTextIssue[] };

/** An issue as one line: `content.1: unknown node "iframe"`. */
export function describeRichTextIssue(issue: RichTextIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

// The WHATWG URL parser exists in Node and in browsers; the es2023 library does not declare it.
declare const URL: new (input: string) => {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
};

// Spaces, C0/C1 controls: browsers strip or skip them in URLs (`java\tscript:`), so a link
// holding any is refused rather than second-guessed.
// eslint-disable-next-line no-control-regex
const HREF_FORBIDDEN = /[\u0000-\u0020\u007f-\u009f]/;

/**
 * Whether a link may be rendered: an absolute http, https or mailto URL, without credentials,
 * spaces or control characters, at most 2,000 characters. The web editor uses it too.
 */
export function isSafeHref(href: string): boolean {
  if (href.length === 0 || href.length > RICH_TEXT_MAX_HREF_LENGTH) return false;
  if (HREF_FORBIDDEN.test(href)) return false;
  // What the browser will read must start with the very scheme checked below.
  const start = href.slice(0, 8).toLowerCase();
  if (!start.startsWith('http://') && !start.startsWith('https://') && !start.startsWith('mailto:'))
    return false;
  let url;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (!(RICH_TEXT_LINK_PROTOCOLS as readonly string[]).includes(url.protocol)) return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.protocol === 'mailto:' ? href.length > 'mailto:'.length : url.hostname !== '';
}

const UUID = z.regexes.uuid();
// Controls but tab and line breaks (NUL above all, which PostgreSQL refuses), and lone
// surrogates (which jsonb refuses).
const BAD_TEXT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// In attributes (names, labels, alt texts), no control at all.
const BAD_ATTR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_ISSUES = 20;

const NODES = RICH_TEXT_NODES as Readonly<Record<string, RichTextNodeSpec>>;
const MARKS = RICH_TEXT_MARKS as Readonly<
  Record<string, { attrs?: Readonly<Record<string, RichTextAttrSpec>>; exclusive?: boolean }>
>;
const NODE_KEYS = new Set(['type', 'attrs', 'content', 'marks']);
const TEXT_KEYS = new Set(['type', 'text', 'marks']);
const MARK_KEYS = new Set(['type', 'attrs']);

interface ContentTerm {
  label: string;
  types: ReadonlySet<string>;
  min: number;
  max: number;
}

// Content expressions are compiled once: `paragraph block*` → two terms.
const CONTENT: ReadonlyMap<string, ContentTerm[]> = new Map(
  Object.entries(NODES).flatMap(([type, spec]) => {
    if (spec.content === undefined) return [];
    const terms = spec.content.split(' ').map((word): ContentTerm => {
      const quantifier = /[*+?]$/.test(word) ? word.slice(-1) : '';
      const label = quantifier === '' ? word : word.slice(0, -1);
      const types = new Set(
        Object.entries(NODES)
          .filter(([name, other]) => name === label || other.group === label)
          .map(([name]) => name),
      );
      return {
        label,
        types,
        min: quantifier === '' || quantifier === '+' ? 1 : 0,
        max: quantifier === '' || quantifier === '?' ? 1 : Infinity,
      };
    });
    return [[type, terms] as const];
  }),
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

function join(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}

// Names from the input land in messages: quoted, and cut short.
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

class Abort extends Error {}

/** One run of the checker over one body. */
class Checker {
  readonly issues: RichTextIssue[] = [];
  private nodes = 0;
  private textLength = 0;
  private readonly refs = {
    mentions: new Set<string>(),
    documents: new Set<string>(),
    images: new Set<string>(),
    cases: new Set<string>(),
    quotes: new Set<string>(),
  };

  collectedRefs(): RichTextRefs {
    return {
      mentions: [...this.refs.mentions],
      documents: [...this.refs.documents],
      images: [...this.refs.images],
      cases: [...this.refs.cases],
      quotes: [...this.refs.quotes],
    };
  }

  issue(path: string, message: string, code: RichTextIssue['code'] = 'invalid_rich_text'): void {
    this.issues.push({ code, path, message });
    if (this.issues.length >= MAX_ISSUES) throw new Abort();
  }

  /** Fails the whole check at once: a size limit, past which nothing more is read. */
  abort(message: string, path = ''): never {
    this.issues.push({ code: 'invalid_rich_text', path, message });
    throw new Abort();
  }

  node(value: unknown, path: string, depth: number, marksAllowed: boolean): RichTextNode | null {
    if (!isRecord(value)) {
      this.issue(path, 'must be a node (an object with a "type")');
      return null;
    }
    if (++this.nodes > RICH_TEXT_MAX_NODES)
      this.abort(`too many nodes (more than ${RICH_TEXT_MAX_NODES})`);
    const type = value.type;
    if (typeof type !== 'string') {
      this.issue(join(path, 'type'), 'node without a "type"');
      return null;
    }
    const spec = has(NODES, type) ? NODES[type] : undefined;
    if (spec === undefined) {
      this.issue(path, `unknown node ${quote(type)}`);
      return null;
    }
    if (depth > RICH_TEXT_MAX_DEPTH)
      this.abort(`nested more than ${RICH_TEXT_MAX_DEPTH} levels deep`, path);

    let valid = true;
    const allowedKeys = type === 'text' ? TEXT_KEYS : NODE_KEYS;
    for (const key of Object.keys(value)) {
      if (allowedKeys.has(key)) continue;
      valid = false;
      this.issue(join(path, key), `unknown key ${quote(key)} on ${type}`);
    }

    const out: RichTextNode = { type };
    if (spec.attrs !== undefined) {
      const attrs = this.attrs(spec.attrs, value.attrs, join(path, 'attrs'), type);
      if (attrs === null) valid = false;
      else out.attrs = attrs;
    } else if (value.attrs !== undefined && !(isRecord(value.attrs) && isEmpty(value.attrs))) {
      valid = false;
      this.issue(join(path, 'attrs'), `${type} has no attributes`);
    }

    if (value.marks !== undefined) {
      const marks = this.marks(value.marks, join(path, 'marks'), type, marksAllowed);
      if (marks === null) valid = false;
      else if (marks.length > 0) out.marks = marks;
    }

    if (type === 'text') {
      const text = value.text;
      if (typeof text !== 'string' || text === '') {
        this.issue(join(path, 'text'), 'empty text node');
        return null;
      }
      if (BAD_TEXT.test(text)) {
        this.issue(join(path, 'text'), 'text must not hold control characters');
        return null;
      }
      this.textLength += text.length;
      if (this.textLength > RICH_TEXT_MAX_TEXT_LENGTH)
        this.abort(`too long: more than ${RICH_TEXT_MAX_TEXT_LENGTH} characters of text`);
      out.text = text;
      return valid ? out : null;
    }

    const terms = CONTENT.get(type);
    const content = value.content;
    if (terms === undefined) {
      if (content !== undefined && !(Array.isArray(content) && content.length === 0)) {
        this.issue(join(path, 'content'), `${type} cannot have content`);
        return null;
      }
      if (!valid) return null;
      this.collect(out);
      return out;
    }
    if (content !== undefined && !Array.isArray(content)) {
      this.issue(join(path, 'content'), 'content must be an array of nodes');
      return null;
    }
    const children = (content ?? []) as unknown[];
    const childMarks = spec.marks ?? true;
    const checked: RichTextNode[] = [];
    for (let index = 0; index < children.length; index++) {
      const child = this.node(
        children[index],
        join(join(path, 'content'), index),
        depth + 1,
        childMarks,
      );
      if (child === null) valid = false;
      else checked.push(child);
    }
    if (!this.fits(type, terms, children, path)) valid = false;
    if (!valid) return null;
    if (checked.length > 0) out.content = checked;
    this.collect(out);
    return out;
  }

  /** Whether the children's types follow the parent's content expression. */
  private fits(type: string, terms: ContentTerm[], children: unknown[], path: string): boolean {
    // Children whose type is unknown were reported already: the rest must fit.
    const known: { index: number; type: string }[] = [];
    children.forEach((child, index) => {
      if (isRecord(child) && typeof child.type === 'string' && has(NODES, child.type))
        known.push({ index, type: child.type });
    });
    let at = 0;
    for (const term of terms) {
      let count = 0;
      while (at < known.length && count < term.max && term.types.has(known[at]!.type)) {
        at++;
        count++;
      }
      if (count < term.min) {
        const next = known[at];
        if (next === undefined) this.issue(path, `${type} needs at least one ${term.label}`);
        else
          this.issue(
            join(join(path, 'content'), next.index),
            `${next.type} is not allowed here in ${type} (expected ${term.label})`,
          );
        return false;
      }
    }
    const extra = known[at];
    if (extra !== undefined) {
      this.issue(
        join(join(path, 'content'), extra.index),
        `${extra.type} is not allowed in ${type}`,
      );
      return false;
    }
    return true;
  }

  private collect(node: RichTextNode): void {
    const attrs = node.attrs;
    if (attrs === undefined) return;
    switch (node.type) {
      case 'mention':
        this.refs.mentions.add(attrs.id as string);
        break;
      case 'documentRef':
        this.refs.documents.add(attrs.id as string);
        break;
      case 'caseRef':
        this.refs.cases.add(attrs.id as string);
        break;
      case 'image':
        this.refs.images.add(attrs.documentId as string);
        break;
      case 'blockquote':
        if (typeof attrs.postId === 'string') this.refs.quotes.add(attrs.postId);
        break;
      default:
        break;
    }
  }

  private attrs(
    specs: Readonly<Record<string, RichTextAttrSpec>>,
    value: unknown,
    path: string,
    type: string,
  ): Record<string, unknown> | null {
    const image = type === 'image';
    if (value != null && !isRecord(value)) {
      this.issue(path, `attributes of ${type} must be an object`);
      return null;
    }
    const raw = value ?? {};
    let valid = true;
    for (const key of Object.keys(raw)) {
      if (has(specs, key)) continue;
      valid = false;
      if (image && key === 'src')
        this.issue(
          join(path, key),
          'Images must be documents of this case: upload it first.',
          'foreign_image',
        );
      else this.issue(join(path, key), `unknown attribute ${quote(key)} on ${type}`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(specs)) {
      const result = this.attr(
        spec,
        has(raw, key) ? raw[key] : undefined,
        join(path, key),
        type,
        key,
      );
      if (result === INVALID) valid = false;
      else out[key] = result;
    }
    return valid ? out : null;
  }

  private attr(
    spec: RichTextAttrSpec,
    value: unknown,
    path: string,
    type: string,
    key: string,
  ): unknown {
    const name = `${type}.${key}`;
    const fail = (message: string): typeof INVALID => {
      if (type === 'image' && key === 'documentId')
        this.issue(
          path,
          'Images must be documents of this case: upload it first.',
          'foreign_image',
        );
      else this.issue(path, message);
      return INVALID;
    };
    switch (spec.kind) {
      case 'uuid':
        if (value == null) return spec.required ? fail(`${name} is required`) : null;
        if (typeof value !== 'string' || !UUID.test(value)) return fail(`${name} must be a UUID`);
        return value.toLowerCase();
      case 'string':
        if (value == null) return spec.required ? fail(`${name} is required`) : null;
        if (typeof value !== 'string') return fail(`${name} must be a string`);
        // Empty links and links with controls are unsafe links, checked with the mark.
        if (name === 'link.href' && value.length <= spec.maxLength) return value;
        if (spec.required && value.trim() === '') return fail(`${name} must not be empty`);
        if (value.length > spec.maxLength)
          return fail(`${name} is longer than ${spec.maxLength} characters`);
        if (BAD_ATTR.test(value)) return fail(`${name} must not hold control characters`);
        if (spec.pattern !== undefined && !patternOf(spec.pattern).test(value))
          return fail(`${name} does not match ${spec.pattern}`);
        return value;
      case 'integer':
        if (value == null) return spec.default;
        if (typeof value !== 'number' || !Number.isInteger(value))
          return fail(`${name} must be an integer`);
        if (value < spec.min || value > spec.max)
          return fail(`${name} must be between ${spec.min} and ${spec.max}`);
        return value;
      case 'enum':
        if (value === undefined) return spec.default;
        if (!spec.values.includes(value as string | number | null))
          return fail(
            `${name} must be one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`,
          );
        return value;
    }
  }

  private marks(
    value: unknown,
    path: string,
    type: string,
    allowed: boolean,
  ): RichTextMark[] | null {
    if (!Array.isArray(value)) {
      this.issue(path, 'marks must be an array');
      return null;
    }
    if (value.length === 0) return [];
    if (!allowed || NODES[type]?.group !== 'inline') {
      this.issue(path, `${type} cannot have marks here`);
      return null;
    }
    let valid = true;
    const out: RichTextMark[] = [];
    const seen = new Set<string>();
    value.forEach((mark: unknown, index) => {
      const at = join(path, index);
      if (!isRecord(mark) || typeof mark.type !== 'string') {
        valid = false;
        this.issue(at, 'must be a mark (an object with a "type")');
        return;
      }
      const spec = has(MARKS, mark.type) ? MARKS[mark.type] : undefined;
      if (spec === undefined) {
        valid = false;
        this.issue(at, `unknown mark ${quote(mark.type)}`);
        return;
      }
      for (const key of Object.keys(mark)) {
        if (MARK_KEYS.has(key)) continue;
        valid = false;
        this.issue(join(at, key), `unknown key ${quote(key)} on mark ${mark.type}`);
      }
      if (seen.has(mark.type)) {
        valid = false;
        this.issue(at, `mark ${mark.type} is set twice`);
        return;
      }
      seen.add(mark.type);
      if (spec.attrs === undefined) {
        if (mark.attrs !== undefined && !(isRecord(mark.attrs) && isEmpty(mark.attrs))) {
          valid = false;
          this.issue(join(at, 'attrs'), `mark ${mark.type} has no attributes`);
          return;
        }
        out.push({ type: mark.type });
        return;
      }
      const attrs = this.attrs(spec.attrs, mark.attrs, join(at, 'attrs'), mark.type);
      if (attrs === null) {
        valid = false;
        return;
      }
      if (mark.type === 'link' && !isSafeHref(attrs.href as string)) {
        valid = false;
        this.issue(
          join(join(at, 'attrs'), 'href'),
          `link to ${quote(attrs.href as string)} is not allowed: only absolute http, https and mailto links are`,
          'unsafe_link',
        );
        return;
      }
      out.push({ type: mark.type, attrs });
    });
    if (valid && out.length > 1) {
      const exclusive = out.find((mark) => MARKS[mark.type]?.exclusive);
      if (exclusive !== undefined) {
        this.issue(path, `mark ${exclusive.type} cannot be combined with other marks`);
        return null;
      }
    }
    return valid ? out : null;
  }
}

const INVALID = Symbol('invalid');

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (pattern === undefined) {
    pattern = new RegExp(source);
    patterns.set(source, pattern);
  }
  return pattern;
}

function isEmpty(record: Record<string, unknown>): boolean {
  for (const _ in record) return false;
  return true;
}

/**
 * Checks a body against the schema. On success, `doc` is a fresh copy holding only known keys,
 * with every attribute set (missing optional ones at their default, ids in lower case), and
 * `refs` the unique ids it points at. Otherwise, up to 20 issues, each with its path.
 */
export function checkRichText(value: unknown): RichTextCheck {
  if (!isRecord(value))
    return {
      ok: false,
      issues: [
        {
          code: 'invalid_rich_text',
          path: '',
          message: 'a body must be a rich-text document (an object)',
        },
      ],
    };
  if (value.type !== 'doc')
    return {
      ok: false,
      issues: [{ code: 'invalid_rich_text', path: 'type', message: 'a body must be a "doc" node' }],
    };
  const checker = new Checker();
  let doc: RichTextNode | null = null;
  try {
    doc = checker.node(value, '', 0, false);
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
  }
  if (doc === null || checker.issues.length > 0) return { ok: false, issues: checker.issues };
  return { ok: true, doc: doc as RichTextDoc, refs: checker.collectedRefs() };
}
