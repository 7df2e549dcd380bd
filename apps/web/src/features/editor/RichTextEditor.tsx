import { emptyDoc, type RichTextDoc, type RichTextNode } from '@technopolice/shared';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import {
  Bold,
  Code,
  FileText,
  Heading,
  Image as ImageIcon,
  Italic,
  Link as LinkIcon,
  List,
  ListOrdered,
  type LucideIcon,
  Quote,
  SquareCode,
  Strikethrough,
} from 'lucide-react';
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { createExtensions, normalizeHref, type SuggestionItem } from './extensions';
import { DocumentPicker, LinkPanel } from './Panels';
import { SuggestionController } from './suggestion';
import { SuggestionPopup } from './SuggestionPopup';
import type { DocumentOption, QuoteSource, RichTextEditorProps } from './types';
import './editor.css';

/** How many entries a suggestion popup lists, per kind. */
const MEMBER_SUGGESTIONS = 8;
const REFERENCE_SUGGESTIONS = 6;

type Panel = 'link' | 'image' | 'document';

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function shortcutLabel(keys: string): string {
  return isMac() ? keys.replace('Mod+', '⌘').replace('Shift+', '⇧') : keys.replace('Mod+', 'Ctrl+');
}

/** The blocks of a quoted post, without the quotes it quoted itself (one level is enough). */
function quotedBlocks(content: QuoteSource['content']): RichTextNode[] {
  const blocks = Array.isArray(content) ? content : (content.content ?? []);
  const kept = blocks.filter((block) => !(block.type === 'blockquote' && block.attrs?.postId));
  return kept.length > 0 ? kept : [{ type: 'paragraph' }];
}

interface Tool {
  key: string;
  icon: LucideIcon;
  label: string;
  shortcut?: string;
  /** A toggle's state (`aria-pressed`). */
  pressed?: boolean;
  /** A panel opener's state (`aria-expanded`). */
  expanded?: boolean;
  run: () => void;
}

/**
 * The editor is created once; its callbacks (searches, change, submit) read the props of the
 * latest render through this, so that new callbacks need no new editor.
 */
class PropsBridge {
  constructor(private props: RichTextEditorProps) {}
  update(props: RichTextEditorProps): void {
    this.props = props;
  }
  latest(): RichTextEditorProps {
    return this.props;
  }
}

/**
 * The rich-text editor of posts: a compact composer that grows with its text, with a toolbar,
 * `@` mentions, `#` references to documents and cases, images from the case's documents, and
 * quotes of other posts. Produces documents of the shared schema (`checkRichText` accepts
 * them). Loaded on demand: use `LazyRichTextEditor`.
 */
export default function RichTextEditor(props: RichTextEditorProps) {
  const {
    initialContent,
    placeholder,
    autofocus = false,
    ariaLabel,
    disabled = false,
    actions,
    className,
    ref,
    collaboration,
  } = props;
  const { t } = useTranslation();
  const id = useId();
  const [bridge] = useState(() => new PropsBridge(props));
  useLayoutEffect(() => bridge.update(props));
  const [controller] = useState(() => new SuggestionController());
  const [panel, setPanel] = useState<Panel | null>(null);

  // Created once, like the editor: the callbacks read the latest props when called.
  const [extensions] = useState(() =>
    createExtensions({
      placeholder,
      searchMembers: async (query) =>
        (await bridge.latest().sources.members(query))
          .slice(0, MEMBER_SUGGESTIONS)
          .map((member): SuggestionItem => ({
            kind: 'member',
            id: member.id,
            label: member.displayName,
          })),
      searchReferences: async (query) => {
        const { sources } = bridge.latest();
        // One list failing leaves the other.
        const [found, foundCases] = await Promise.allSettled([
          sources.documents(query),
          sources.cases(query),
        ]);
        const documents = found.status === 'fulfilled' ? found.value : [];
        const cases = foundCases.status === 'fulfilled' ? foundCases.value : [];
        return [
          ...documents.slice(0, REFERENCE_SUGGESTIONS).map((document): SuggestionItem => ({
            kind: 'document',
            id: document.id,
            label: document.title,
            mimeType: document.mimeType,
          })),
          ...cases
            .slice(0, REFERENCE_SUGGESTIONS)
            .map((item): SuggestionItem => ({ kind: 'case', id: item.id, label: item.title })),
        ];
      },
      renderSuggestion: (trigger) => controller.handlers(trigger),
      collaboration,
      imageUrl: (documentId) => bridge.latest().sources.imageUrl(documentId),
      onSubmit: (current) => {
        const { onSubmit } = bridge.latest();
        if (!onSubmit) return false;
        onSubmit(current.getJSON() as RichTextDoc);
        return true;
      },
    }),
  );

  const editor = useEditor(
    {
      extensions,
      // Our CSP refuses inline styles: editor.css styles ProseMirror instead.
      injectCSS: false,
      // A shared document brings its own text.
      ...(collaboration ? {} : { content: initialContent ?? emptyDoc() }),
      autofocus: autofocus ? 'end' : false,
      editable: !disabled,
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': ariaLabel,
          'aria-autocomplete': 'list',
          class: 'rich-text rt-editor__text',
        },
        handleKeyDown: (_view, event) => {
          if (
            (event.ctrlKey || event.metaKey) &&
            !event.shiftKey &&
            event.key.toLowerCase() === 'k'
          ) {
            event.preventDefault();
            setPanel('link');
            return true;
          }
          return false;
        },
      },
      onUpdate: ({ editor: current }) => bridge.latest().onChange(current.getJSON() as RichTextDoc),
    },
    [],
  );

  useEffect(() => {
    editor.setOptions({
      editorProps: {
        ...editor.options.editorProps,
        attributes: {
          ...(editor.options.editorProps.attributes as Record<string, string>),
          'aria-label': ariaLabel,
        },
      },
    });
  }, [editor, ariaLabel]);

  useEffect(() => {
    if (editor.isEditable === !disabled) return;
    editor.setEditable(!disabled, false);
  }, [editor, disabled]);

  useEffect(() => () => controller.close(), [controller]);

  useImperativeHandle(
    ref,
    () => ({
      insertQuote: ({ postId, authorName, content }) => {
        editor
          .chain()
          .focus()
          .insertContent([
            {
              type: 'blockquote',
              attrs: { postId, authorName: authorName.trim().slice(0, 60) || null },
              content: quotedBlocks(content),
            },
            { type: 'paragraph' },
          ])
          .run();
      },
      clear: () => {
        editor.commands.clearContent(true);
      },
      focus: () => {
        editor.commands.focus('end');
      },
      setContent: (doc) => {
        editor.commands.setContent(doc, { emitUpdate: false });
      },
      selectedText: () => {
        const { from, to, empty } = editor.state.selection;
        return empty ? '' : editor.state.doc.textBetween(from, to, '\n', ' ').trim();
      },
    }),
    [editor],
  );

  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      strike: current.isActive('strike'),
      code: current.isActive('code'),
      link: current.isActive('link'),
      heading: current.isActive('heading'),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      blockquote: current.isActive('blockquote'),
      codeBlock: current.isActive('codeBlock'),
    }),
  });

  const searchDocuments = useCallback(
    (query: string) => bridge.latest().sources.documents(query),
    [bridge],
  );
  const closePanel = () => {
    setPanel(null);
    editor.commands.focus();
  };
  const togglePanel = (next: Panel) => setPanel((current) => (current === next ? null : next));
  const chain = () => editor.chain().focus();

  const tools: (Tool | 'separator')[] = [
    {
      key: 'bold',
      icon: Bold,
      label: t('editor.bold'),
      shortcut: 'Mod+B',
      pressed: active.bold,
      run: () => chain().toggleBold().run(),
    },
    {
      key: 'italic',
      icon: Italic,
      label: t('editor.italic'),
      shortcut: 'Mod+I',
      pressed: active.italic,
      run: () => chain().toggleItalic().run(),
    },
    {
      key: 'strike',
      icon: Strikethrough,
      label: t('editor.strike'),
      shortcut: 'Mod+Shift+S',
      pressed: active.strike,
      run: () => chain().toggleStrike().run(),
    },
    {
      key: 'code',
      icon: Code,
      label: t('editor.code'),
      shortcut: 'Mod+E',
      pressed: active.code,
      run: () => chain().toggleCode().run(),
    },
    {
      key: 'link',
      icon: LinkIcon,
      label: t('editor.link'),
      shortcut: 'Mod+K',
      pressed: active.link,
      expanded: panel === 'link',
      run: () => togglePanel('link'),
    },
    'separator',
    {
      key: 'heading',
      icon: Heading,
      label: t('editor.heading'),
      pressed: active.heading,
      run: () => chain().toggleHeading({ level: 1 }).run(),
    },
    {
      key: 'bulletList',
      icon: List,
      label: t('editor.bulletList'),
      shortcut: 'Mod+Shift+8',
      pressed: active.bulletList,
      run: () => chain().toggleBulletList().run(),
    },
    {
      key: 'orderedList',
      icon: ListOrdered,
      label: t('editor.orderedList'),
      shortcut: 'Mod+Shift+7',
      pressed: active.orderedList,
      run: () => chain().toggleOrderedList().run(),
    },
    {
      key: 'quote',
      icon: Quote,
      label: t('editor.quote'),
      shortcut: 'Mod+Shift+B',
      pressed: active.blockquote,
      run: () => chain().toggleBlockquote().run(),
    },
    {
      key: 'codeBlock',
      icon: SquareCode,
      label: t('editor.codeBlock'),
      shortcut: 'Mod+Alt+C',
      pressed: active.codeBlock,
      run: () => chain().toggleCodeBlock().run(),
    },
    'separator',
    {
      key: 'image',
      icon: ImageIcon,
      label: t('editor.image'),
      expanded: panel === 'image',
      run: () => togglePanel('image'),
    },
    {
      key: 'documentRef',
      icon: FileText,
      label: t('editor.documentRef'),
      expanded: panel === 'document',
      run: () => togglePanel('document'),
    },
  ];
  const buttons = tools.filter((tool): tool is Tool => tool !== 'separator');
  const buttonIndex = new Map(buttons.map((tool, position) => [tool.key, position]));

  // One tab stop for the whole toolbar; arrows move between its buttons (ARIA toolbar).
  const [focusIndex, setFocusIndex] = useState(0);
  const toolbar = useRef<HTMLDivElement>(null);
  const onToolbarKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowRight: focusIndex + 1,
      ArrowLeft: focusIndex - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined || !(event.target instanceof HTMLButtonElement)) return;
    event.preventDefault();
    const next = (target + buttons.length) % buttons.length;
    setFocusIndex(next);
    toolbar.current?.querySelectorAll<HTMLButtonElement>('[data-tool]')[next]?.focus();
  };

  const pickDocument = (document: DocumentOption) => {
    const insert =
      panel === 'image'
        ? { type: 'image', attrs: { documentId: document.id, alt: null } }
        : [
            {
              type: 'documentRef',
              attrs: { id: document.id, label: document.title.slice(0, 200) },
            },
            { type: 'text', text: ' ' },
          ];
    setPanel(null);
    editor.chain().focus().insertContent(insert).run();
  };

  const applyLink = (href: string) => {
    setPanel(null);
    if (editor.state.selection.empty && !editor.isActive('link'))
      chain()
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run();
    else chain().extendMarkRange('link').setLink({ href }).run();
  };

  return (
    <div
      className={className ? `rt-editor ${className}` : 'rt-editor'}
      data-disabled={disabled || undefined}
    >
      <EditorContent editor={editor} className="rt-editor__content" />
      <SuggestionPopup controller={controller} listboxId={`${id}-suggestions`} editor={editor} />
      {panel !== null && !disabled ? (
        <div className="rt-editor__panel">
          {panel === 'link' ? (
            <LinkPanel
              initialHref={String(editor.getAttributes('link').href ?? '')}
              normalize={normalizeHref}
              onApply={applyLink}
              onRemove={
                active.link
                  ? () => {
                      setPanel(null);
                      chain().extendMarkRange('link').unsetLink().run();
                    }
                  : undefined
              }
              onClose={closePanel}
            />
          ) : (
            <DocumentPicker
              kind={panel}
              search={searchDocuments}
              onPick={pickDocument}
              onClose={closePanel}
            />
          )}
        </div>
      ) : null}
      <div className="rt-editor__bar">
        <div
          ref={toolbar}
          role="toolbar"
          aria-label={t('editor.toolbar')}
          className="rt-toolbar"
          onKeyDown={onToolbarKeyDown}
        >
          {tools.map((tool, position) => {
            if (tool === 'separator')
              return (
                <span
                  key={`separator-${position}`}
                  className="rt-toolbar__separator"
                  aria-hidden="true"
                />
              );
            const mine = buttonIndex.get(tool.key) ?? 0;
            const Icon = tool.icon;
            return (
              <button
                key={tool.key}
                type="button"
                data-tool={tool.key}
                className="rt-tool"
                aria-label={tool.label}
                title={
                  tool.shortcut
                    ? t('editor.withShortcut', {
                        label: tool.label,
                        shortcut: shortcutLabel(tool.shortcut),
                      })
                    : tool.label
                }
                aria-pressed={tool.pressed}
                aria-expanded={tool.expanded}
                tabIndex={mine === focusIndex ? 0 : -1}
                disabled={disabled}
                // The text keeps its selection while a button is clicked.
                onMouseDown={(event) => event.preventDefault()}
                onFocus={() => setFocusIndex(mine)}
                onClick={tool.run}
              >
                <Icon size={16} strokeWidth={2.25} aria-hidden="true" />
              </button>
            );
          })}
        </div>
        {actions ? <div className="rt-editor__actions">{actions}</div> : null}
      </div>
    </div>
  );
}
