import { EyeOff, LogIn, MailPlus, ServerCog, UserRoundPen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { PITCH_STEPS, TechnologiesSection } from '../components/Pitch';
import { useTaxonomy } from '../lib/api';
import { useAuth } from '../lib/auth';
import { useAuthConfig } from '../lib/identity';

const PROMISES = [
  { key: 'pseudonym', icon: UserRoundPen },
  { key: 'noThirdParty', icon: EyeOff },
  { key: 'invitation', icon: MailPlus },
  { key: 'selfHosted', icon: ServerCog },
] as const;

/** What visitors see before signing in: what Technopolice is, and how to get in. */
export function LandingPage() {
  const { t } = useTranslation();
  const { login, register } = useAuth();
  const taxonomy = useTaxonomy();
  const config = useAuthConfig();
  const openRegistration = config.data?.registration === 'open';

  return (
    <div className="landing">
      <title>{`${t('app.name')} · ${t('app.tagline')}`}</title>
      <section className="landing__hero" aria-labelledby="landing-title">
        <svg className="landing__art" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <path
            d="M3 16c3.6-5.6 7.9-8.4 13-8.4S25.4 10.4 29 16c-3.6 5.6-7.9 8.4-13 8.4S6.6 21.6 3 16Z"
            className="landing__art-eye"
          />
          <circle cx="16" cy="16" r="4.4" className="landing__art-pupil" />
          <circle cx="16" cy="16" r="8.2" className="landing__art-ring" />
          <path d="M6 26 26 6" className="landing__art-cross" />
        </svg>
        <p className="landing__eyebrow">{t('landing.eyebrow')}</p>
        <h1 id="landing-title" className="landing__title" tabIndex={-1}>
          {t('dashboard.welcomeTitle')}
        </h1>
        <p className="landing__lead">{t('dashboard.welcomeBody')}</p>
        <p className="landing__text">{t('dashboard.welcomeBody2')}</p>
        <div className="landing__cta">
          <button
            type="button"
            className="button button--bright button--large"
            onClick={() => void login({ redirectUri: `${window.location.origin}/` })}
          >
            <LogIn size={18} aria-hidden="true" />
            {t('auth.login')}
          </button>
          {openRegistration ? (
            <button
              type="button"
              className="button button--ghost-light button--large"
              onClick={() => void register()}
            >
              {t('auth.register')}
            </button>
          ) : null}
        </div>
        <p className="landing__invitation">
          <MailPlus size={16} aria-hidden="true" />
          <span>{openRegistration ? t('landing.openRegistration') : t('auth.invitationOnly')}</span>
        </p>
      </section>

      <section className="landing__section" aria-labelledby="promises-title">
        <h2 id="promises-title" className="section__title">
          {t('landing.promisesTitle')}
        </h2>
        <ul className="promise-grid">
          {PROMISES.map(({ key, icon: Icon }) => (
            <li key={key} className="promise">
              <span className="promise__icon" aria-hidden="true">
                <Icon size={20} strokeWidth={1.9} />
              </span>
              <strong className="promise__title">{t(`landing.promises.${key}.title`)}</strong>
              <span className="promise__body">{t(`landing.promises.${key}.body`)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="landing__section" aria-labelledby="steps-title">
        <h2 id="steps-title" className="section__title">
          {t('dashboard.stepsTitle')}
        </h2>
        <ol className="landing__steps">
          {PITCH_STEPS.map(({ key, icon: Icon }, index) => (
            <li key={key} className="landing-step">
              <span className="landing-step__number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="steps__icon" aria-hidden="true">
                <Icon size={18} strokeWidth={2} />
              </span>
              <strong className="steps__title">{t(`dashboard.steps.${key}.title`)}</strong>
              <span className="steps__body">{t(`dashboard.steps.${key}.body`)}</span>
            </li>
          ))}
        </ol>
      </section>

      {taxonomy.data ? (
        <TechnologiesSection
          technologies={taxonomy.data.technologies}
          className="landing__section"
          titleId="landing-technologies-title"
        />
      ) : null}
    </div>
  );
}
