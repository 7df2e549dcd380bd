import { useTranslation } from 'react-i18next';
import { useHealth } from '../lib/api';

/** The status line: is the server there, and on which database. */
export function HealthStatus() {
  const { t } = useTranslation();
  const health = useHealth();

  let state: 'checking' | 'online' | 'offline';
  let text: string;
  if (health.data && !health.isError) {
    state = 'online';
    text = t('status.online', { database: t(`status.database.${health.data.database}`) });
  } else if (health.isError) {
    state = 'offline';
    text = t('status.offline');
  } else {
    state = 'checking';
    text = t('status.checking');
  }

  return (
    <p className="health" data-state={state} role="status" aria-label={t('status.label')}>
      <span className="health__dot" aria-hidden="true" />
      <span className="health__text">{text}</span>
    </p>
  );
}
