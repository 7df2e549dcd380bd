import {
  FileText,
  FolderOpen,
  LayoutDashboard,
  type LucideIcon,
  Menu,
  MessagesSquare,
  Newspaper,
  ShieldCheck,
  UsersRound,
  X,
} from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { HealthStatus } from './HealthStatus';
import { LanguageSwitch } from './LanguageSwitch';
import { ForumUnreadBadge } from '../features/notifications/ForumUnreadBadge';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { SearchLauncher } from '../features/search/SearchLauncher';
import { setLanguage } from '../i18n';
import { useMe } from '../lib/identity';
import { BrandLink } from './Logo';
import { useFocusOnNavigation } from './useFocusOnNavigation';
import { UserMenu } from './UserMenu';

type NavKey = 'dashboard' | 'groups' | 'cases' | 'forum' | 'documents' | 'publications';

/** The sections of the workspace, in navigation order. */
export const NAV_ITEMS: readonly { key: NavKey; to: string; icon: LucideIcon }[] = [
  { key: 'dashboard', to: '/', icon: LayoutDashboard },
  { key: 'groups', to: '/groupes', icon: UsersRound },
  { key: 'cases', to: '/dossiers', icon: FolderOpen },
  { key: 'forum', to: '/forum', icon: MessagesSquare },
  { key: 'documents', to: '/documents', icon: FileText },
  { key: 'publications', to: '/publications', icon: Newspaper },
];

/** Once per visit, the interface takes the language chosen in the profile. */
function useProfileLanguage() {
  const me = useMe();
  const applied = useRef(false);
  const language = me.data?.language;
  useEffect(() => {
    if (!language || applied.current) return;
    applied.current = true;
    void setLanguage(language);
  }, [language]);
}

/** Sidebar (a top bar with a menu on small screens), main area and status line. */
export function AppShell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useFocusOnNavigation(pathname);
  useProfileLanguage();

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="sidebar" data-menu-open={menuOpen}>
        <div className="sidebar__bar">
          <BrandLink label={t('app.home')} onClick={() => setMenuOpen(false)} />
          <div className="sidebar__bar-actions">
            <NotificationBell />
            <LanguageSwitch />
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="primary-nav"
              onClick={() => setMenuOpen((open) => !open)}
            >
              {menuOpen ? (
                <X size={22} aria-hidden="true" />
              ) : (
                <Menu size={22} aria-hidden="true" />
              )}
              <span className="visually-hidden">
                {menuOpen ? t('nav.closeMenu') : t('nav.openMenu')}
              </span>
            </button>
          </div>
          <SearchLauncher />
        </div>
        <nav id="primary-nav" className="nav" aria-label={t('nav.label')}>
          <ul className="nav__list">
            {NAV_ITEMS.map(({ key, to, icon: Icon }) => (
              <li key={key}>
                <NavLink
                  to={to}
                  end={to === '/'}
                  className="nav__link"
                  onClick={() => setMenuOpen(false)}
                >
                  <Icon size={19} strokeWidth={1.9} aria-hidden="true" className="nav__icon" />
                  <span>{t(`nav.${key}`)}</span>
                  {key === 'forum' ? <ForumUnreadBadge /> : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar__footer">
          <UserMenu onNavigate={() => setMenuOpen(false)} />
          <p className="sidebar__privacy">
            <ShieldCheck size={16} aria-hidden="true" />
            <span>{t('status.privacy')}</span>
          </p>
        </div>
      </header>
      <div className="shell__body">
        <main id="main" className="main" tabIndex={-1}>
          <Outlet />
        </main>
        <footer className="statusbar">
          <HealthStatus />
          <span className="statusbar__product">
            {t('app.name')} · {t('app.tagline')}
          </span>
        </footer>
      </div>
    </div>
  );
}
