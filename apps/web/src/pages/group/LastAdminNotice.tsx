import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice';

/** 409 `last_admin`: a group always keeps at least one administrator. */
export function LastAdminNotice({ action }: { action: 'leave' | 'demote' | 'remove' }) {
  const { t } = useTranslation();
  return (
    <Notice tone="warning" role="alert" title={t('group.lastAdmin.title')}>
      <p>{t(`group.lastAdmin.${action}`)}</p>
    </Notice>
  );
}
