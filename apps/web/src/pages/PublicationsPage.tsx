import { publicCasePath, TECHNOLOGIES, type CaseSummary } from '@technopolice/shared';
import { ExternalLink, Globe, MapPin, Newspaper, NotebookPen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState';
import { QueryErrorState } from '../components/ErrorState';
import { LoadingRegion, Skeleton } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { TechnologyIcon } from '../components/TechnologyIcon';
import { useLanguage } from '../i18n';
import { formatDate } from '../lib/format';
import { useGroups } from '../lib/identity';
import { usePublishedCases } from '../lib/publishing';

/** The public catalogue of every group's publications, served by the server. */
const CATALOGUE_PATH = '/p';

function CatalogueLink() {
  const { t } = useTranslation();
  return (
    <a className="button button--secondary" href={CATALOGUE_PATH}>
      <Globe size={16} aria-hidden="true" />
      {t('publications.catalogue')}
    </a>
  );
}

/** One published case: its group, title, city and technologies, and where to read it. */
function PublicationCard({
  item,
  group,
}: {
  item: CaseSummary;
  group: { slug: string; name: string } | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const summaryHref = `/dossiers/${encodeURIComponent(item.id)}?onglet=synthese`;
  return (
    <li className="publication-card">
      {group ? <p className="publication-card__group">{group.name}</p> : null}
      <h2 className="publication-card__title">
        <Link to={summaryHref}>{item.title}</Link>
      </h2>
      <p className="publication-card__city">
        <MapPin size={15} aria-hidden="true" />
        {item.city.name}
        {item.city.departmentCode ? ` (${item.city.departmentCode})` : null}
      </p>
      {item.technologies.length > 0 ? (
        <ul className="publication-card__technologies" aria-label={t('publications.technologies')}>
          {item.technologies.map((technology) => (
            <li key={technology} className="publication-card__technology">
              <TechnologyIcon id={technology} size={15} />
              {TECHNOLOGIES[technology][language]}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="publication-card__updated">
        {t('publications.updated', { date: formatDate(item.updatedAt, language) })}
      </p>
      <div className="publication-card__actions">
        {group ? (
          <a
            className="button button--secondary button--small"
            href={publicCasePath(group.slug, item.slug)}
          >
            <ExternalLink size={15} aria-hidden="true" />
            {t('publications.publicPage')}
          </a>
        ) : null}
        <Link className="button button--ghost button--small" to={summaryHref}>
          <NotebookPen size={15} aria-hidden="true" />
          {t('publications.openSummary')}
        </Link>
      </div>
    </li>
  );
}

/**
 * "Publications": the published summaries of my groups, latest first, each with its public
 * page and its summary tab, and the public catalogue of all groups.
 */
export function PublicationsPage() {
  const { t } = useTranslation();
  const groups = useGroups();
  // Without a group there is nothing of mine to list: no request.
  const hasGroups = (groups.data?.length ?? 0) > 0;
  const published = usePublishedCases(hasGroups);
  const groupOf = new Map(
    (groups.data ?? []).map((group) => [group.id, { slug: group.slug, name: group.name }]),
  );

  return (
    <>
      <PageHeader
        title={t('publications.title')}
        description={t('publications.description')}
        actions={<CatalogueLink />}
      />
      {(!hasGroups && !groups.isPending) || published.data?.length === 0 ? (
        <EmptyState icon={Newspaper} title={t('publications.emptyTitle')}>
          <p>{t('publications.emptyBody')}</p>
          <p className="empty-state__hint">{t('publications.emptyHint')}</p>
        </EmptyState>
      ) : published.isPending ? (
        <LoadingRegion label={t('publications.loading')}>
          <Skeleton className="skeleton--card" />
        </LoadingRegion>
      ) : published.isError ? (
        <QueryErrorState query={published} title={t('publications.failed')} />
      ) : (
        <>
          <p className="publications__count">
            {t('publications.count', { count: published.data.length })}
          </p>
          <ul className="publication-grid" aria-label={t('publications.listLabel')}>
            {published.data.map((item) => (
              <PublicationCard key={item.id} item={item} group={groupOf.get(item.groupId)} />
            ))}
          </ul>
          <p className="publications__catalogue">{t('publications.catalogueHint')}</p>
        </>
      )}
    </>
  );
}
