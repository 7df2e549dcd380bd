import { LogIn, ShieldCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useAuth } from '../lib/auth';
import { HealthStatus } from './HealthStatus';
import { LanguageSwitch } from './LanguageSwitch';
import { BrandLink } from './Logo';
import { useFocusOnNavigation } from './useFocusOnNavigation';

/** The frame for visitors who are not signed in: brand, language, sign-in, and the page. */
export function PublicLayout() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const { pathname } = useLocation();
  useFocusOnNavigation(pathname);

  return (
    <div className="public">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="public__bar">
        <div className="public__bar-inner">
          <BrandLink label={t('app.homePublic')} />
          <div className="public__actions">
            <LanguageSwitch />
            {/* The landing page has its own, larger button. */}
            {pathname === '/' ? null : (
              <button
                type="button"
                className="button button--bright public__login"
                onClick={() => void login()}
              >
                <LogIn size={16} aria-hidden="true" />
                {t('auth.login')}
              </button>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="main public__main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="statusbar public__footer">
        <HealthStatus />
        <span className="public__privacy">
          <ShieldCheck size={15} aria-hidden="true" />
          {t('status.privacy')}
        </span>
      </footer>
    </div>
  );
}
