import { useTranslation } from 'react-i18next';
import { LogoMark } from './Logo';

/** While the issuer tells whether a session exists: the mark, then (if slow) a word. */
export function Splash() {
  const { t } = useTranslation();
  return (
    <div className="splash" role="status" aria-live="polite">
      <LogoMark size={48} className="splash__mark" />
      <span className="splash__text">{t('auth.checking')}</span>
    </div>
  );
}
