import { useTranslation } from 'react-i18next';
import { LoadingRegion, Skeleton } from './Loading';

/**
 * Where a page goes while its code loads (pages load on demand, see routes.tsx): the shell is
 * already there, the main area shows the shape of a page.
 */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <LoadingRegion label={t('common.loading')}>
      <Skeleton className="skeleton--heading" />
      <Skeleton className="skeleton--text" />
      <Skeleton className="skeleton--card" />
    </LoadingRegion>
  );
}
