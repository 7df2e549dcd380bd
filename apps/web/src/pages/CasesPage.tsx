import { FolderOpen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function CasesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('cases.title')} description={t('cases.description')} />
      <EmptyState icon={FolderOpen} title={t('cases.emptyTitle')}>
        <p>{t('cases.emptyBody')}</p>
        <p className="empty-state__hint">{t('cases.emptyHint')}</p>
      </EmptyState>
    </>
  );
}
