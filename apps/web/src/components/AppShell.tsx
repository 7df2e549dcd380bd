import {
  FileText,
  FolderOpen,
  LayoutDashboard,
  type LucideIcon,
  Menu,
  MessagesSquare,
  Newspaper,
  ShieldCheck,
  X,
} from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { HealthStatus } from './HealthStatus';
import { LanguageSwitch } from './LanguageSwitch';
import { LogoMark } from './Logo';

type NavKey = 'dashboard' | 'cases' | 'forum' | 'documents' | 'publications';

/** The sections of the workspace, in navigation order. */
export const NAV_ITEMS: readonly { key: NavKey; to: string; icon: LucideIcon }[] = [
  { key: 'dashboard', to: '/', icon: LayoutDashboard },
  { key: 'cases', to: '/dossiers', icon: FolderOpen },
  { key: 'forum', to: '/forum', icon: MessagesSquare },
  { key: 'documents', to: '/documents', icon: FileText },
  { key: 'publications', to: '/publications', icon: Newspaper },
];

/** Moves focus to the new page's title after client-side navigation (not on first load). */
function useFocusOnNavigation(pathname: string) {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const heading = document.querySelector<HTMLElement>('#main h1');
    heading?.focus();
  }, [pathname]);
}

/** Sidebar (a top bar with a menu on small screens), main area and status line. */
export function AppShell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useFocusOnNavigation(pathname);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="sidebar" data-menu-open={menuOpen}>
        <div className="sidebar__bar">
          <Link
            to="/"
            className="brand"
            aria-label={t('app.home')}
            onClick={() => setMenuOpen(false)}
          >
            <LogoMark className="brand__mark" />
            <span className="brand__text">
              <span className="brand__name">{t('app.name')}</span>
              <span className="brand__tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="sidebar__bar-actions">
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
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <p className="sidebar__privacy">
          <ShieldCheck size={16} aria-hidden="true" />
          <span>{t('status.privacy')}</span>
        </p>
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
