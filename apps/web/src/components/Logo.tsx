import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The Technopolice mark: an eye under watch, crossed out. Decorative next to the name. */
export function LogoMark({ size = 32, className }: { size?: number; className?: string }) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" className="logo-mark__tile" />
      <path
        d="M5 16c3.2-5 6.9-7.5 11-7.5S23.8 11 27 16c-3.2 5-6.9 7.5-11 7.5S8.2 21 5 16Z"
        className="logo-mark__stroke"
        fill="none"
        strokeWidth="2.2"
        strokeLinejoin="round"
      />
      <circle cx="16" cy="16" r="3.6" className="logo-mark__pupil" />
      <path d="M7 25 25 7" className="logo-mark__stroke" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The mark, name and tagline, linking home. Named by what it shows (a voice command says what it
 * sees); `label`, where it leads, is its tooltip and description.
 */
export function BrandLink({ label, onClick }: { label: string; onClick?: () => void }) {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand" title={label} onClick={onClick}>
      <LogoMark className="brand__mark" />
      <span className="brand__text">
        <span className="brand__name">{t('app.name')}</span>
        <span className="brand__tagline">{t('app.tagline')}</span>
      </span>
    </Link>
  );
}
