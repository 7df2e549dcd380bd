import { LANGUAGES, type Language } from '@technopolice/shared';
import { useTranslation } from 'react-i18next';
import { setLanguage, useLanguage } from '../i18n';
import { useAuth } from '../lib/auth';
import { useUpdateMe } from '../lib/identity';

/**
 * FR / EN toggle; each button names its language in that language, after the code it shows (a
 * voice command says what it sees: "FR"). Signed in, the profile follows.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = useLanguage();
  const { status } = useAuth();
  const updateMe = useUpdateMe();

  const choose = (language: Language) => {
    void setLanguage(language);
    if (status === 'signed-in' && language !== current) updateMe.mutate({ language });
  };

  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="lang-switch__button"
          aria-pressed={current === language}
          aria-label={`${language.toUpperCase()}, ${t(`language.${language}`)}`}
          onClick={() => choose(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
