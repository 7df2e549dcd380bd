import {
  type AnyExtension,
  type Editor,
  Extension,
  mergeAttributes,
  Node,
  type Range,
} from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { CodeBlock } from '@tiptap/extension-code-block';
import { Link } from '@tiptap/extension-link';
import { Mention } from '@tiptap/extension-mention';
import { Placeholder } from '@tiptap/extensions';
import { type EditorState, PluginKey } from '@tiptap/pm/state';
import { StarterKit } from '@tiptap/starter-kit';
import { Suggestion, type SuggestionOptions } from '@tiptap/suggestion';
import { isSafeHref, RICH_TEXT_MAX_HREF_LENGTH } from '@technopolice/shared';

/**
 * The Tiptap extensions of the editor, matching exactly the rich-text schema of
 * `@technopolice/shared` (`RICH_TEXT_NODES`, `RICH_TEXT_MARKS`): same node and mark names, same
 * attributes, nothing more (a round-trip test holds them together). What the schema lacks is
 * switched off, and pasted HTML can only bring what it allows.
 */

/** One entry of the `@` (members) or `#` (documents and cases) suggestions. */
export type SuggestionItem =
  | { kind: 'member'; id: string; label: string }
  | { kind: 'document'; id: string; label: string; mimeType: string }
  | { kind: 'case'; id: string; label: string };

/** The two suggestion triggers. */
export type SuggestionTrigger = '@' | '#';

/** The lifecycle handlers Tiptap calls for a suggestion popup. */
export type SuggestionHandlers = ReturnType<
  NonNullable<SuggestionOptions<SuggestionItem, SuggestionItem>['render']>
>;

export interface EditorExtensionOptions {
  placeholder?: string;
  /** Members matching what follows `@`. */
  searchMembers?: (query: string) => Promise<SuggestionItem[]>;
  /** Documents and cases matching what follows `#`. */
  searchReferences?: (query: string) => Promise<SuggestionItem[]>;
  /** The popup of a trigger; without it, suggestions work but show nothing. */
  renderSuggestion?: (trigger: SuggestionTrigger) => SuggestionHandlers;
  /** An URL for a document's image, shown in the editor. */
  imageUrl?: (documentId: string) => Promise<string>;
  /** Ctrl/Cmd+Enter; `true` when handled. */
  onSubmit?: (editor: Editor) => boolean;
  /**
   * Extensions binding the text to a shared Y.js document (co-editing): added last, and
   * Tiptap's own undo history is switched off (Y.js keeps its own).
   */
  collaboration?: AnyExtension[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE_LANGUAGE = /^[a-z0-9+#-]{1,20}$/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Cuts a label to what the schema allows. */
const cut = (value: string, max: number) => value.trim().slice(0, max);
const withoutPrefix = (value: string | null, prefix: string) =>
  (value ?? '').trim().replace(new RegExp(`^\\${prefix}`), '');

/**
 * The address a link gets from what someone typed: `example.org` → `https://example.org`,
 * `someone@example.org` → `mailto:…`; `null` when it is not a link we allow.
 */
export function normalizeHref(input: string): string | null {
  const value = input.trim();
  if (value === '') return null;
  const candidates = HAS_SCHEME.test(value)
    ? [value]
    : /^[^\s/@]+@[^\s/@]+\.[^\s/@]+$/.test(value)
      ? [`mailto:${value}`]
      : [`https://${value.replace(/^\/\//, '')}`];
  return candidates.find(isSafeHref) ?? null;
}

// Tiptap asks this of links as typed (autolink: `example.org`, before its protocol is added)
// and as stored (always absolute): both must end as a safe absolute link.
function isAllowedLink(url: string): boolean {
  return url.length <= RICH_TEXT_MAX_HREF_LENGTH && normalizeHref(url) !== null;
}

function canInsertInline(state: EditorState, position: number, type: string): boolean {
  const nodeType = state.schema.nodes[type];
  return (
    nodeType !== undefined &&
    state.doc.resolve(position).parent.type.contentMatch.matchType(nodeType) !== null
  );
}

/** Replaces the typed trigger and query with an inline atom and a space. */
function insertAtom(editor: Editor, range: Range, item: SuggestionItem): void {
  const type =
    item.kind === 'member' ? 'mention' : item.kind === 'document' ? 'documentRef' : 'caseRef';
  const label = cut(item.label, item.kind === 'member' ? 60 : 200);
  const to = editor.state.selection.$to.nodeAfter?.text?.startsWith(' ') ? range.to + 1 : range.to;
  editor
    .chain()
    .focus()
    .insertContentAt({ from: range.from, to }, [
      { type, attrs: { id: item.id, label } },
      { type: 'text', text: ' ' },
    ])
    .run();
}

// `id` and `label` only: Tiptap's own `mentionSuggestionChar` is not in the schema.
const idAndLabel = {
  id: {
    default: null,
    parseHTML: (element: HTMLElement) => element.getAttribute('data-id'),
    renderHTML: (attributes: Record<string, unknown>) => ({ 'data-id': attributes.id }),
  },
  label: {
    default: null,
    parseHTML: (element: HTMLElement) => element.getAttribute('data-label'),
    renderHTML: (attributes: Record<string, unknown>) => ({ 'data-label': attributes.label }),
  },
};

const MentionNode = Mention.extend({
  addAttributes: () => idAndLabel,
  parseHTML() {
    return [
      { tag: 'span[data-type="mention"]' },
      // A mention copied from a rendered post.
      {
        tag: 'span.rt-mention[data-user-id]',
        getAttrs: (element: HTMLElement) => ({
          id: element.getAttribute('data-user-id'),
          label: cut(withoutPrefix(element.textContent, '@'), 60),
        }),
      },
    ];
  },
});

/** An inline `#` reference to a document (`documentRef`) or a case (`caseRef`). */
function referenceNode(name: 'documentRef' | 'caseRef', className: string, dataId: string) {
  return Node.create({
    name,
    group: 'inline',
    inline: true,
    atom: true,
    selectable: false,
    addAttributes: () => idAndLabel,
    parseHTML() {
      return [
        { tag: `span[data-type="${name}"]` },
        // A ref copied from a rendered post.
        {
          tag: `a.${className}[${dataId}]`,
          getAttrs: (element: HTMLElement) => ({
            id: element.getAttribute(dataId),
            label: cut(withoutPrefix(element.textContent, '#'), 200),
          }),
        },
      ];
    },
    renderHTML({ node, HTMLAttributes }) {
      return [
        'span',
        mergeAttributes({ 'data-type': name, class: className }, HTMLAttributes),
        `#${String(node.attrs.label)}`,
      ];
    },
    renderText: ({ node }) => `#${String(node.attrs.label)}`,
  });
}

interface ImageOptions {
  imageUrl?: (documentId: string) => Promise<string>;
}

/** An image: a document of the case, never a URL. Shown through `imageUrl` (bearer token). */
const ImageNode = Node.create<ImageOptions>({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  addOptions: () => ({ imageUrl: undefined }),
  addAttributes() {
    return {
      documentId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-document-id'),
        renderHTML: (attributes) => ({ 'data-document-id': attributes.documentId as string }),
      },
      alt: {
        default: null,
        parseHTML: (element) => element.getAttribute('alt'),
        renderHTML: (attributes) =>
          attributes.alt == null ? {} : { alt: attributes.alt as string },
      },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'img[data-document-id]',
        getAttrs: (element) =>
          UUID.test(element.getAttribute('data-document-id') ?? '') ? null : false,
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ['figure', { class: 'rt-image' }, ['img', HTMLAttributes]];
  },
  addNodeView() {
    const imageUrl = this.options.imageUrl;
    return ({ node }) => {
      const dom = document.createElement('figure');
      dom.className = 'rt-image';
      const img = document.createElement('img');
      dom.append(img);
      let shown: string | null = null;
      const show = (documentId: string, alt: string | null) => {
        img.alt = alt ?? '';
        img.dataset.documentId = documentId;
        if (documentId === shown) return;
        shown = documentId;
        img.removeAttribute('src');
        if (!imageUrl) return;
        dom.classList.add('rt-image--loading');
        imageUrl(documentId).then(
          (url) => {
            if (shown !== documentId) return;
            img.src = url;
            dom.classList.remove('rt-image--loading');
          },
          () => {
            if (shown !== documentId) return;
            dom.classList.remove('rt-image--loading');
            dom.classList.add('rt-image--failed');
          },
        );
      };
      show(String(node.attrs.documentId), node.attrs.alt as string | null);
      return {
        dom,
        update: (updated) => {
          if (updated.type.name !== 'image') return false;
          show(String(updated.attrs.documentId), updated.attrs.alt as string | null);
          return true;
        },
      };
    };
  },
});

/** Blockquotes; a quote of a post carries the post's id and its author's name. */
const QuoteNode = Blockquote.extend({
  addAttributes() {
    return {
      postId: {
        default: null,
        parseHTML: (element) => {
          const id = element.getAttribute('data-post-id');
          return id !== null && UUID.test(id) ? id : null;
        },
        renderHTML: (attributes) =>
          attributes.postId ? { 'data-post-id': attributes.postId as string } : {},
      },
      authorName: {
        default: null,
        parseHTML: (element) => {
          const name =
            element.getAttribute('data-author-name') ??
            element.querySelector(':scope > cite')?.textContent ??
            null;
          return name ? cut(name, 60) : null;
        },
        renderHTML: (attributes) =>
          attributes.authorName ? { 'data-author-name': attributes.authorName as string } : {},
      },
    };
  },
  parseHTML() {
    // The author line of a rendered quote is an attribute, not text.
    return [{ tag: 'blockquote' }, { tag: 'blockquote.rt-quote > cite', ignore: true }];
  },
});

/** Code blocks, with a language only when it is a plain name (`ts`, `c++`, `c#`). */
const CodeBlockNode = CodeBlock.extend({
  addAttributes() {
    return {
      language: {
        default: null,
        parseHTML: (element) => {
          const code = element.firstElementChild;
          const name = [...(code?.classList ?? [])]
            .find((className) => className.startsWith('language-'))
            ?.slice('language-'.length)
            .toLowerCase();
          return name !== undefined && CODE_LANGUAGE.test(name) ? name : null;
        },
        rendered: false,
      },
    };
  },
});

/** Links: `href` only (no target, rel or class in the document), http(s) and mailto only. */
const LinkMark = Link.extend({
  addAttributes() {
    return { href: { default: null, parseHTML: (element) => element.getAttribute('href') } };
  },
  parseHTML() {
    return [
      {
        tag: 'a[href]',
        getAttrs: (element) => (isSafeHref(element.getAttribute('href') ?? '') ? null : false),
      },
    ];
  },
});

const SubmitShortcut = Extension.create<{ onSubmit?: (editor: Editor) => boolean }>({
  name: 'submitShortcut',
  addOptions: () => ({ onSubmit: undefined }),
  addKeyboardShortcuts() {
    return { 'Mod-Enter': () => this.options.onSubmit?.(this.editor) ?? false };
  },
});

interface ReferenceSuggestionOptions {
  search?: (query: string) => Promise<SuggestionItem[]>;
  render?: () => SuggestionHandlers;
}

/** `#` followed by a few letters: documents and cases of the group. */
const ReferenceSuggestion = Extension.create<ReferenceSuggestionOptions>({
  name: 'referenceSuggestion',
  addOptions: () => ({ search: undefined, render: undefined }),
  addProseMirrorPlugins() {
    const { search, render } = this.options;
    return [
      Suggestion<SuggestionItem, SuggestionItem>({
        editor: this.editor,
        char: '#',
        pluginKey: new PluginKey('referenceSuggestion'),
        // `#` alone may start a heading (`# `): nothing is proposed before a letter.
        minQueryLength: 1,
        items: ({ query }) => (search ? search(query) : []),
        render,
        allow: ({ state, range }) => canInsertInline(state, range.from, 'documentRef'),
        command: ({ editor, range, props }) => insertAtom(editor, range, props),
      }),
    ];
  },
});

/** The editor's extensions; without options (tests, read-only uses) nothing is searched. */
export function createExtensions(options: EditorExtensionOptions = {}): AnyExtension[] {
  const { renderSuggestion, searchMembers, searchReferences, collaboration } = options;
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      ...(collaboration ? { undoRedo: false as const } : {}),
      // Replaced by the versions below, limited to the schema.
      blockquote: false,
      codeBlock: false,
      link: false,
    }),
    QuoteNode,
    CodeBlockNode,
    LinkMark.configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      HTMLAttributes: { target: '_blank', rel: 'noopener noreferrer nofollow', class: null },
      isAllowedUri: (url) => isAllowedLink(url),
    }),
    ImageNode.configure({ imageUrl: options.imageUrl }),
    MentionNode.configure({
      HTMLAttributes: { class: 'rt-mention' },
      suggestion: {
        char: '@',
        pluginKey: new PluginKey('mentionSuggestion'),
        items: ({ query }: { query: string }) => (searchMembers ? searchMembers(query) : []),
        render: renderSuggestion ? () => renderSuggestion('@') : undefined,
        // Tiptap types the picked entry as the node's attributes: here it is our item.
        command: ({ editor, range, props }) =>
          insertAtom(editor, range, props as unknown as SuggestionItem),
      },
    }),
    referenceNode('documentRef', 'rt-doc', 'data-document-id'),
    referenceNode('caseRef', 'rt-case', 'data-case-id'),
    ReferenceSuggestion.configure({
      search: searchReferences,
      render: renderSuggestion ? () => renderSuggestion('#') : undefined,
    }),
    Placeholder.configure({ placeholder: options.placeholder ?? '' }),
    SubmitShortcut.configure({ onSubmit: options.onSubmit }),
    ...(collaboration ?? []),
  ];
}
