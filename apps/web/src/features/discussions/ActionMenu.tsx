import { EllipsisVertical, type LucideIcon } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

export interface MenuAction {
  id: string;
  label: string;
  icon: LucideIcon;
  onSelect: () => void;
  danger?: boolean;
}

/**
 * A menu button (ARIA menu pattern): Enter, Space or ↓ opens it on the first item, ↑ on the
 * last; arrows, Home and End move; Escape closes and returns to the button; a click elsewhere or
 * Tab closes it.
 */
export function ActionMenu({
  label,
  actions,
  icon: Icon = EllipsisVertical,
  className,
}: {
  /** The button's accessible name: "Actions sur le message de Camille". */
  label: string;
  actions: readonly MenuAction[];
  icon?: LucideIcon;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const focusOnOpen = useRef<'first' | 'last' | null>(null);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);

  const items = () =>
    Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open || !focusOnOpen.current) return;
    const list = items();
    (focusOnOpen.current === 'first' ? list[0] : list.at(-1))?.focus();
    focusOnOpen.current = null;
  }, [open]);

  useEffect(() => {
    if (!open) return undefined;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapperRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  if (actions.length === 0) return null;

  const openMenu = (focus: 'first' | 'last') => {
    focusOnOpen.current = focus;
    setOpen(true);
  };
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openMenu('first');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openMenu('last');
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close(false);
  }

  return (
    <div className={className ? `action-menu ${className}` : 'action-menu'} ref={wrapperRef}>
      <button
        ref={buttonRef}
        type="button"
        className="icon-button action-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        title={label}
        onClick={() => (open ? close(false) : openMenu('first'))}
        onKeyDown={onButtonKeyDown}
      >
        <Icon size={17} aria-hidden="true" />
      </button>
      {open ? (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className="action-menu__list"
          onKeyDown={onMenuKeyDown}
        >
          {actions.map((action) => {
            const ActionIcon = action.icon;
            return (
              <li key={action.id} role="none">
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="action-menu__item"
                  data-danger={action.danger || undefined}
                  onClick={() => {
                    close(true);
                    action.onSelect();
                  }}
                >
                  <ActionIcon size={16} aria-hidden="true" />
                  {action.label}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
