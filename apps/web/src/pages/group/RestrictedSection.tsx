import { LockKeyhole } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';

/** A section of the group page that the member's role does not open. */
export function RestrictedSection({ reason }: { reason: 'invite' | 'admin' }) {
  const { t } = useTranslation();
  return (
    <EmptyState icon={LockKeyhole} title={t('group.restricted.title')}>
      <p>{t(`group.restricted.${reason}`)}</p>
    </EmptyState>
  );
}
