import { ArrowLeft, MapPinOff } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function NotFoundPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader eyebrow="404" title={t('notFound.title')} />
      <EmptyState icon={MapPinOff}>
        <p>
          <Trans
            i18nKey="notFound.body"
            values={{ path: pathname }}
            components={{ path: <code className="inline-code" /> }}
          />
        </p>
        <p className="empty-state__actions">
          <Link to="/" className="button button--primary">
            <ArrowLeft size={16} aria-hidden="true" />
            {t('common.backHome')}
          </Link>
        </p>
      </EmptyState>
    </>
  );
}
