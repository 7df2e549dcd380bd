import { LANGUAGES } from '@technopolice/shared';
import { useTranslation } from 'react-i18next';
import { setLanguage, useLanguage } from '../i18n';

/** FR / EN toggle; each button names its language in that language. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = useLanguage();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="lang-switch__button"
          aria-pressed={current === language}
          aria-label={t(`language.${language}`)}
          onClick={() => void setLanguage(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
