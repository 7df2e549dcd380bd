import { ChevronsUpDown, LogOut, type LucideIcon, ShieldHalf, UserRound } from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../lib/auth';
import { useMe } from '../lib/identity';
import { Avatar } from './Avatar';

/** One page of the menu: a link that is a menu item, reached with the arrows rather than Tab. */
function MenuLink({
  to,
  icon: Icon,
  onClick,
  children,
}: {
  to: string;
  icon: LucideIcon;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <li role="none">
      <Link role="menuitem" tabIndex={-1} to={to} className="user-menu__item" onClick={onClick}>
        <Icon size={17} aria-hidden="true" />
        {children}
      </Link>
    </li>
  );
}

/**
 * The signed-in person and their menu (menu button pattern): Enter, Space or ↓ opens it on the
 * first item, ↑ on the last; arrows, Home and End move; Escape closes and returns to the button;
 * Tab or a click elsewhere closes it.
 */
export function UserMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const me = useMe();
  const [open, setOpen] = useState(false);
  // Which item gets focus once the menu is rendered open.
  const pendingFocus = useRef<'first' | 'last' | null>(null);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);

  const items = () =>
    Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open || !pendingFocus.current) return;
    const list = items();
    (pendingFocus.current === 'first' ? list[0] : list[list.length - 1])?.focus();
    pendingFocus.current = null;
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapperRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const openMenu = (focus: 'first' | 'last') => {
    pendingFocus.current = focus;
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
    const focusAt = (next: number) => list[(next + list.length) % list.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusAt(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusAt(0);
        break;
      case 'End':
        event.preventDefault();
        focusAt(list.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      default:
        break;
    }
  }

  const chosen = () => {
    close(false);
    onNavigate?.();
  };

  const name = me.data?.displayName ?? '';
  return (
    <div className="user-menu" ref={wrapperRef} data-open={open}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => (open ? close(false) : openMenu('first'))}
        onKeyDown={onButtonKeyDown}
        // The name starts with what the button shows, caption and name (WCAG 2.5.3).
        aria-label={
          me.data ? `${t('userMenu.signedInAs')} ${t('userMenu.button', { name })}` : undefined
        }
      >
        {me.data ? <Avatar name={name} size="sm" /> : <span className="avatar avatar--empty" />}
        <span className="user-menu__who">
          <span className="user-menu__label">{t('userMenu.signedInAs')}</span>{' '}
          <span className="user-menu__name">{me.data ? name : t('common.loading')}</span>
        </span>
        <ChevronsUpDown size={16} aria-hidden="true" className="user-menu__chevron" />
      </button>
      <ul
        id={menuId}
        ref={menuRef}
        role="menu"
        aria-label={t('userMenu.label')}
        className="user-menu__list"
        hidden={!open}
        onKeyDown={onMenuKeyDown}
      >
        <MenuLink to="/profil" icon={UserRound} onClick={chosen}>
          {t('userMenu.profile')}
        </MenuLink>
        {me.data?.isInstanceAdmin ? (
          <MenuLink to="/admin" icon={ShieldHalf} onClick={chosen}>
            {t('userMenu.admin')}
          </MenuLink>
        ) : null}
        <li role="none" className="user-menu__separator">
          <button
            role="menuitem"
            tabIndex={-1}
            type="button"
            className="user-menu__item"
            onClick={() => {
              close(false);
              void logout();
            }}
          >
            <LogOut size={17} aria-hidden="true" />
            {t('userMenu.logout')}
          </button>
        </li>
      </ul>
    </div>
  );
}
