import { FileText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { useLabel } from '../i18n';
import { useTaxonomy } from '../lib/api';

export function DocumentsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const taxonomy = useTaxonomy();
  return (
    <>
      <PageHeader title={t('documents.title')} description={t('documents.description')} />
      <EmptyState icon={FileText} title={t('documents.emptyTitle')}>
        <p>{t('documents.emptyBody')}</p>
        <p className="empty-state__hint">{t('documents.emptyHint')}</p>
        {taxonomy.data ? (
          <div className="empty-state__extra">
            <h3 className="empty-state__subtitle">{t('documents.kindsTitle')}</h3>
            <ul className="chip-list">
              {taxonomy.data.documentKinds.map((kind) => (
                <li key={kind.id} className="chip">
                  {label(kind.label)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </EmptyState>
    </>
  );
}
