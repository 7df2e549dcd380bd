import type { Editor } from '@tiptap/core';
import { FileText, FolderOpen, Image as ImageIcon } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../components/Avatar';
import type { SuggestionItem } from './extensions';
import type { SuggestionController } from './suggestion';

/** The icon of an entry: the member's initials, or what kind of thing it is. */
export function ItemIcon({ item }: { item: SuggestionItem }) {
  if (item.kind === 'member') return <Avatar name={item.label} size="sm" />;
  if (item.kind === 'case')
    return <FolderOpen size={16} aria-hidden="true" className="rt-option__icon" />;
  if (item.mimeType.startsWith('image/'))
    return <ImageIcon size={16} aria-hidden="true" className="rt-option__icon" />;
  return <FileText size={16} aria-hidden="true" className="rt-option__icon" />;
}

/**
 * The `@`/`#` suggestions: an ARIA listbox driven from the editor, which keeps the focus (arrows
 * move, Enter or Tab picks, Escape closes); the editor points at the active option through
 * `aria-activedescendant`.
 */
export function SuggestionPopup({
  controller,
  listboxId,
  editor,
}: {
  controller: SuggestionController;
  listboxId: string;
  editor: Editor;
}) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const visible = controller.visible(state);
  const popup = useRef<HTMLDivElement>(null);
  const optionId = (index: number) => `${listboxId}-${index}`;
  const activeId = visible && state.items.length > 0 ? optionId(state.active) : null;

  useLayoutEffect(() => {
    if (!visible || popup.current === null) return undefined;
    return controller.attach(popup.current);
  }, [visible, controller]);

  useEffect(() => {
    if (editor.isDestroyed) return;
    const editorElement = editor.view.dom;
    if (visible) editorElement.setAttribute('aria-controls', listboxId);
    else editorElement.removeAttribute('aria-controls');
    if (activeId) editorElement.setAttribute('aria-activedescendant', activeId);
    else editorElement.removeAttribute('aria-activedescendant');
  }, [editor, visible, activeId, listboxId]);

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  if (!visible) return null;
  const label =
    state.trigger === '@' ? t('editor.suggestions.members') : t('editor.suggestions.references');
  return (
    <div ref={popup} className="rt-popup">
      <ul role="listbox" id={listboxId} aria-label={label} className="rt-listbox">
        {state.items.map((item, index) => (
          <li
            key={`${item.kind}:${item.id}`}
            id={optionId(index)}
            role="option"
            aria-selected={index === state.active}
            className="rt-option"
            // The editor keeps the focus: a click must not blur it.
            onMouseDown={(event) => {
              event.preventDefault();
              controller.select(index);
            }}
            onMouseMove={() => controller.highlight(index)}
          >
            <ItemIcon item={item} />
            <span className="rt-option__label">{item.label}</span>
            {item.kind === 'member' ? null : (
              <span className="rt-option__kind">
                {item.kind === 'case'
                  ? t('editor.suggestions.case')
                  : t('editor.suggestions.document')}
              </span>
            )}
          </li>
        ))}
      </ul>
      {state.items.length === 0 ? (
        <p className="rt-popup__status" role="status">
          {state.loading ? t('editor.suggestions.loading') : t('editor.suggestions.empty')}
        </p>
      ) : null}
    </div>
  );
}
