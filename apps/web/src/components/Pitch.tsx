import type { Taxonomy } from '@technopolice/shared';
import { FilePlus2, FolderPlus, Send } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../i18n';
import { TechnologyIcon } from './TechnologyIcon';

/** How an investigation goes, told on the landing page and on the dashboard. */
export const PITCH_STEPS = [
  { key: 'open', icon: FolderPlus },
  { key: 'collect', icon: FilePlus2 },
  { key: 'publish', icon: Send },
] as const;

/** The technologies the platform documents, as a counted grid of cards. */
export function TechnologiesSection({
  technologies,
  className,
  titleId,
}: {
  technologies: Taxonomy['technologies'];
  className: string;
  titleId: string;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <section className={className} aria-labelledby={titleId}>
      <div className="section__header">
        <h2 id={titleId} className="section__title">
          {t('dashboard.technologiesTitle')}
        </h2>
        <span className="badge">
          {t('dashboard.technologiesCount', { count: technologies.length })}
        </span>
      </div>
      <p className="section__description">{t('dashboard.technologiesDescription')}</p>
      <ul className="tech-grid">
        {technologies.map((technology) => (
          <li key={technology.id} className="tech-card">
            <span className="tech-card__icon">
              <TechnologyIcon id={technology.id} />
            </span>
            <span className="tech-card__label">{label(technology.label)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
