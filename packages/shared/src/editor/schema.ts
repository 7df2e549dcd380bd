/**
 * The rich-text schema as data: which nodes, marks and attributes a body may hold. The checker
 * (`check.ts`) reads it, the renderer (`render.ts`) follows it, and the web app's Tiptap
 * extensions are written to match it (a round-trip test keeps them in step).
 */

/** A mark on an inline node, as in ProseMirror JSON. */
export interface RichTextMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** A checked rich-text document (ProseMirror JSON). */
export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextNode[];
  marks?: RichTextMark[];
  text?: string;
}
/** A checked rich-text document. */
export type RichTextDoc = RichTextNode & { type: 'doc' };

/** How an attribute's value is checked. `null` stands for "not set" wherever `nullable`. */
export type RichTextAttrSpec =
  | {
      kind: 'uuid';
      /** Missing or invalid is refused (otherwise `null` is allowed and the default). */
      required: boolean;
    }
  | {
      kind: 'string';
      required: boolean;
      maxLength: number;
      /** A JavaScript regular expression's source the whole value must match. */
      pattern?: string;
    }
  | { kind: 'integer'; min: number; max: number; default: number }
  | { kind: 'enum'; values: readonly (string | number | null)[]; default: string | number | null };

/** A node type: its content expression (ProseMirror syntax), group, attributes and traits. */
export interface RichTextNodeSpec {
  /** `block` or `inline`; the document itself has none. */
  group?: 'block' | 'inline';
  /**
   * Allowed children, ProseMirror style: a sequence of `name`, `name*`, `name+` or `name?` where
   * a name is a node type or a group. Absent: a leaf.
   */
  content?: string;
  attrs?: Readonly<Record<string, RichTextAttrSpec>>;
  /** Whether inline children may carry marks (default: yes when the content is inline). */
  marks?: boolean;
  /** A leaf that counts as content (someone wrote something) though it holds no text. */
  atom?: boolean;
}

/** Longest text of a body, all text nodes together. */
export const RICH_TEXT_MAX_TEXT_LENGTH = 50_000;
/** Most nodes in a body, the document included. */
export const RICH_TEXT_MAX_NODES = 5_000;
/** Deepest nesting: the document's children are at depth 1. */
export const RICH_TEXT_MAX_DEPTH = 20;
/** Longest link. */
export const RICH_TEXT_MAX_HREF_LENGTH = 2_000;
/** Protocols a link may use. */
export const RICH_TEXT_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const;

const uuid = { kind: 'uuid', required: true } as const;
const optionalUuid = { kind: 'uuid', required: false } as const;

/** Every node type a body may hold. */
export const RICH_TEXT_NODES = {
  doc: { content: 'block+' },
  paragraph: { group: 'block', content: 'inline*' },
  heading: {
    group: 'block',
    content: 'inline*',
    attrs: { level: { kind: 'enum', values: [1, 2, 3], default: 1 } },
  },
  bulletList: { group: 'block', content: 'listItem+' },
  orderedList: {
    group: 'block',
    content: 'listItem+',
    attrs: {
      start: { kind: 'integer', min: 1, max: 1_000_000, default: 1 },
      // Tiptap's HTML list type (`null` unless pasted from a list that set one).
      type: { kind: 'enum', values: [null, '1', 'a', 'A', 'i', 'I'], default: null },
    },
  },
  listItem: { content: 'paragraph block*' },
  blockquote: {
    group: 'block',
    content: 'block+',
    // A quote of another post carries the post and its author's name at the time.
    attrs: {
      postId: optionalUuid,
      authorName: { kind: 'string', required: false, maxLength: 60 },
    },
  },
  codeBlock: {
    group: 'block',
    content: 'text*',
    marks: false,
    attrs: {
      language: { kind: 'string', required: false, maxLength: 20, pattern: '^[a-z0-9+#-]{1,20}$' },
    },
  },
  horizontalRule: { group: 'block' },
  // Images are documents of the case, never a URL: the server checks each belongs to the group.
  image: {
    group: 'block',
    atom: true,
    attrs: { documentId: uuid, alt: { kind: 'string', required: false, maxLength: 300 } },
  },
  hardBreak: { group: 'inline' },
  text: { group: 'inline' },
  mention: {
    group: 'inline',
    atom: true,
    attrs: { id: uuid, label: { kind: 'string', required: true, maxLength: 60 } },
  },
  documentRef: {
    group: 'inline',
    atom: true,
    attrs: { id: uuid, label: { kind: 'string', required: true, maxLength: 200 } },
  },
  caseRef: {
    group: 'inline',
    atom: true,
    attrs: { id: uuid, label: { kind: 'string', required: true, maxLength: 200 } },
  },
} as const satisfies Record<string, RichTextNodeSpec>;

/** A node type's name. */
export type RichTextNodeType = keyof typeof RICH_TEXT_NODES;

/**
 * Every mark, in the order they nest when rendered (outermost first). `exclusive`: cannot be
 * combined with another mark (Tiptap's inline code excludes all others).
 */
export const RICH_TEXT_MARKS = {
  link: {
    attrs: { href: { kind: 'string', required: true, maxLength: RICH_TEXT_MAX_HREF_LENGTH } },
  },
  bold: {},
  italic: {},
  underline: {},
  strike: {},
  code: { exclusive: true },
} as const satisfies Record<
  string,
  { attrs?: Readonly<Record<string, RichTextAttrSpec>>; exclusive?: boolean }
>;

/** A mark type's name. */
export type RichTextMarkType = keyof typeof RICH_TEXT_MARKS;

/** An empty body: one empty paragraph, as an empty editor holds. */
export function emptyDoc(): RichTextDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** Whether a body holds nothing worth posting: no text but blanks, no mention, ref or image. */
export function isEmptyRichText(doc: RichTextNode): boolean {
  const stack: RichTextNode[] = [doc];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'text') {
      if (node.text != null && node.text.trim() !== '') return false;
    } else if ((RICH_TEXT_NODES as Record<string, RichTextNodeSpec>)[node.type]?.atom) {
      return false;
    }
    if (Array.isArray(node.content)) stack.push(...node.content);
  }
  return true;
}
