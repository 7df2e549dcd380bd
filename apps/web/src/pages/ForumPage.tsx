import { MessagesSquare } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function ForumPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('forum.title')} description={t('forum.description')} />
      <EmptyState icon={MessagesSquare} title={t('forum.emptyTitle')}>
        <p>{t('forum.emptyBody')}</p>
        <p className="empty-state__hint">{t('forum.emptyHint')}</p>
      </EmptyState>
    </>
  );
}
