import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageHeaderProps {
  title: string;
  description?: string;
  eyebrow?: string;
  actions?: ReactNode;
}

/** Title of the page (also the document title) and a one-line description. */
export function PageHeader({ title, description, eyebrow, actions }: PageHeaderProps) {
  const { t } = useTranslation();
  return (
    <div className="page-header">
      <title>{`${title} · ${t('app.name')}`}</title>
      <div className="page-header__text">
        {eyebrow ? <p className="page-header__eyebrow">{eyebrow}</p> : null}
        <h1 className="page-header__title" tabIndex={-1}>
          {title}
        </h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
