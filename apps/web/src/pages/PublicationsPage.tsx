import { Newspaper } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function PublicationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('publications.title')} description={t('publications.description')} />
      <EmptyState icon={Newspaper} title={t('publications.emptyTitle')}>
        <p>{t('publications.emptyBody')}</p>
        <p className="empty-state__hint">{t('publications.emptyHint')}</p>
      </EmptyState>
    </>
  );
}
