import { LockKeyhole, LogIn } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useAuth } from '../lib/auth';
import { AppShell } from './AppShell';
import { EmptyState } from './EmptyState';
import { PageHeader } from './PageHeader';
import { PublicLayout } from './PublicLayout';
import { Splash } from './Splash';

/** The workspace for people signed in, the public frame for everyone else. */
export function RootLayout() {
  const { status } = useAuth();
  if (status === 'loading') return <Splash />;
  return status === 'signed-in' ? <AppShell /> : <PublicLayout />;
}

/** Pages that need a session: signed out, they ask to sign in and come back here. */
export function RequireAuth() {
  const { status } = useAuth();
  return status === 'signed-in' ? <Outlet /> : <SignInRequired />;
}

function SignInRequired() {
  const { t } = useTranslation();
  const { login } = useAuth();
  return (
    <>
      <PageHeader title={t('auth.requiredTitle')} />
      <EmptyState icon={LockKeyhole}>
        <p>{t('auth.requiredBody')}</p>
        <p className="empty-state__actions">
          <button type="button" className="button button--primary" onClick={() => void login()}>
            <LogIn size={16} aria-hidden="true" />
            {t('auth.login')}
          </button>
        </p>
        <p className="empty-state__hint">{t('auth.invitationOnly')}</p>
      </EmptyState>
    </>
  );
}
