import { RotateCcw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ErrorState } from './ErrorState';
import { PageHeader } from './PageHeader';

/** Shown inside the shell when a page throws while rendering. */
export function PageError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <>
      <PageHeader title={t('errors.pageTitle')} description={t('errors.pageDescription')} />
      <ErrorState error={error} title={t('errors.pageTitle')} />
      <p className="page-actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => window.location.reload()}
        >
          <RotateCcw size={16} aria-hidden="true" />
          {t('common.reload')}
        </button>
      </p>
    </>
  );
}

/** Last resort when the shell itself cannot render: no layout, just the message and a reload. */
export function RootError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main id="main" className="root-error">
      <title>{`${t('errors.pageTitle')} · ${t('app.name')}`}</title>
      <h1>{t('errors.pageTitle')}</h1>
      <p>{t('errors.pageDescription')}</p>
      <ErrorState error={error} title={t('errors.pageTitle')} />
      <button
        type="button"
        className="button button--primary"
        onClick={() => window.location.reload()}
      >
        <RotateCcw size={16} aria-hidden="true" />
        {t('common.reload')}
      </button>
    </main>
  );
}
