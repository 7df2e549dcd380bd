import { Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorState } from '../components/ErrorState';
import { GroupList } from '../components/GroupCards';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { PITCH_STEPS, TechnologiesSection } from '../components/Pitch';
import { useLabel } from '../i18n';
import { useTaxonomy } from '../lib/api';
import { useGroups } from '../lib/identity';

function TaxonomySkeleton() {
  return (
    <div className="dashboard__sections">
      <section className="section">
        <Skeleton className="skeleton--heading" />
        <Skeleton className="skeleton--text" />
        <div className="tech-grid">
          {Array.from({ length: 8 }, (_, index) => (
            <Skeleton key={index} className="skeleton--card" />
          ))}
        </div>
      </section>
    </div>
  );
}

/** "Mes groupes": where the work happens, first thing on the dashboard. */
function MyGroups() {
  const { t } = useTranslation();
  const groups = useGroups();
  return (
    <section className="section my-groups" aria-labelledby="my-groups-title">
      <div className="section__header section__header--split">
        <h2 id="my-groups-title" className="section__title">
          {t('groups.mine')}
        </h2>
        {groups.data && groups.data.length > 0 ? (
          <Link to="/groupes" className="section__link">
            {t('groups.manage')}
          </Link>
        ) : null}
      </div>
      <GroupList
        groups={groups}
        empty={
          <p className="empty-state__actions">
            <Link to="/groupes" className="button button--primary">
              <Plus size={16} aria-hidden="true" />
              {t('groups.create')}
            </Link>
          </p>
        }
      />
    </section>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const taxonomy = useTaxonomy();

  return (
    <>
      <PageHeader
        eyebrow={t('dashboard.eyebrow')}
        title={t('dashboard.title')}
        description={t('dashboard.description')}
      />

      <MyGroups />

      <section className="welcome" aria-labelledby="welcome-title">
        <div className="welcome__intro">
          <h2 id="welcome-title" className="welcome__title">
            {t('dashboard.welcomeTitle')}
          </h2>
          <p>{t('dashboard.welcomeBody')}</p>
          <p>{t('dashboard.welcomeBody2')}</p>
        </div>
        <div className="welcome__steps">
          <h3 className="welcome__steps-title">{t('dashboard.stepsTitle')}</h3>
          <ol className="steps">
            {PITCH_STEPS.map(({ key, icon: Icon }) => (
              <li key={key} className="steps__item">
                <span className="steps__icon" aria-hidden="true">
                  <Icon size={18} strokeWidth={2} />
                </span>
                <span>
                  <strong className="steps__title">{t(`dashboard.steps.${key}.title`)}</strong>
                  <span className="steps__body">{t(`dashboard.steps.${key}.body`)}</span>
                </span>
              </li>
            ))}
          </ol>
        </div>
      </section>

      {taxonomy.isPending ? (
        <LoadingRegion label={t('dashboard.loadingTaxonomy')}>
          <TaxonomySkeleton />
        </LoadingRegion>
      ) : taxonomy.isError ? (
        <QueryErrorState query={taxonomy} />
      ) : (
        <div className="dashboard__sections">
          <TechnologiesSection
            technologies={taxonomy.data.technologies}
            className="section"
            titleId="technologies-title"
          />

          <section className="section" aria-labelledby="stages-title">
            <div className="section__header">
              <h2 id="stages-title" className="section__title">
                {t('dashboard.stagesTitle')}
              </h2>
            </div>
            <p className="section__description">{t('dashboard.stagesDescription')}</p>
            <ol className="stage-board">
              {taxonomy.data.caseStages.map((stage, index) => (
                <li key={stage.id} className="stage-board__column" data-stage={stage.id}>
                  <span className="stage-board__head">
                    <span className="stage-board__number">
                      {t('dashboard.stageNumber', { number: index + 1 })}
                    </span>
                    <span className="stage-board__label">{label(stage.label)}</span>
                  </span>
                  <span className="stage-board__lane" aria-hidden="true" />
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </>
  );
}
