import {
  PROJECT_STATUSES,
  TECHNOLOGIES,
  type CaseSummary,
  type ProjectStatus,
} from '@technopolice/shared';
import { ListChecks, MapPin } from 'lucide-react';
import type { ComponentPropsWithoutRef, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar } from '../../../components/Avatar';
import { TechnologyIcon } from '../../../components/TechnologyIcon';
import { useLabel } from '../../../i18n';

/** "Marseille (13)": how the product names a commune everywhere. */
export function cityLabel(city: { name: string; departmentCode: string }): string {
  return city.departmentCode ? `${city.name} (${city.departmentCode})` : city.name;
}

/** Where a case's page lives. */
export function casePath(caseId: string): string {
  return `/dossiers/${encodeURIComponent(caseId)}`;
}

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  const label = useLabel();
  return (
    <span className="project-status" data-status={status}>
      {label(PROJECT_STATUSES[status])}
    </span>
  );
}

/** Technology chips; beyond `max`, a "+n" chip names the rest in its tooltip. */
export function TechnologyChips({
  technologies,
  max = 3,
}: {
  technologies: readonly string[];
  max?: number;
}) {
  const label = useLabel();
  const nameOf = (id: string) =>
    Object.hasOwn(TECHNOLOGIES, id) ? label(TECHNOLOGIES[id as keyof typeof TECHNOLOGIES]) : id;
  const shown = technologies.slice(0, max);
  const rest = technologies.slice(max);
  return (
    <ul className="tech-chips">
      {shown.map((id) => (
        <li key={id} className="tech-chip" data-technology={id}>
          <TechnologyIcon id={id} size={13} />
          <span>{nameOf(id)}</span>
        </li>
      ))}
      {rest.length > 0 ? (
        <li className="tech-chip tech-chip--more" title={rest.map(nameOf).join(', ')}>
          +{rest.length}
        </li>
      ) : null}
    </ul>
  );
}

export function AssigneeStack({
  assignees,
  max = 3,
}: {
  assignees: CaseSummary['assignees'];
  max?: number;
}) {
  const { t } = useTranslation();
  if (assignees.length === 0) return null;
  const names = assignees.map((person) => person.displayName);
  return (
    <span
      className="assignee-stack"
      role="img"
      aria-label={t('board.card.assignees', { names: names.join(', ') })}
      title={names.join(', ')}
    >
      {assignees.slice(0, max).map((person) => (
        <Avatar key={person.id} name={person.displayName} size="sm" />
      ))}
      {assignees.length > max ? (
        <span className="assignee-stack__more" aria-hidden="true">
          +{assignees.length - max}
        </span>
      ) : null}
    </span>
  );
}

type LinkProps = Omit<ComponentPropsWithoutRef<'a'>, 'href'>;

interface CaseCardProps {
  item: CaseSummary;
  /** Props of the link that opens the case (the drag handle on the board). */
  linkProps?: LinkProps;
  linkRef?: Ref<HTMLAnchorElement>;
  /** The copy following the pointer while dragging: no link, no id. */
  overlay?: boolean;
}

/** What a card says about a case: title, city, status, technologies, tasks, people, tags. */
export function CaseCardBody({ item, linkProps, linkRef, overlay = false }: CaseCardProps) {
  const { t } = useTranslation();
  const title = overlay ? (
    <span className="case-card__title">{item.title}</span>
  ) : (
    <Link
      ref={linkRef}
      to={casePath(item.id)}
      className="case-card__link"
      // The browser's own dragging of links would cancel the board's pointer drag.
      draggable={false}
      {...linkProps}
    >
      <span className="case-card__title">{item.title}</span>
    </Link>
  );
  return (
    <>
      <h3 className="case-card__heading">{title}</h3>
      <p className="case-card__city">
        <MapPin size={13} aria-hidden="true" />
        {cityLabel(item.city)}
      </p>
      <TechnologyChips technologies={item.technologies} />
      {item.tags.length > 0 ? (
        <ul className="case-card__tags" aria-label={t('board.card.tags')}>
          {item.tags.map((tag) => (
            <li key={tag} className="tag">
              #{tag}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="case-card__footer">
        <ProjectStatusBadge status={item.projectStatus} />
        <span className="case-card__meta">
          {item.openTasks > 0 ? (
            <span
              className="case-card__tasks"
              title={t('board.card.openTasks', { count: item.openTasks })}
            >
              <ListChecks size={14} aria-hidden="true" />
              <span aria-hidden="true">{item.openTasks}</span>
              <span className="visually-hidden">
                {t('board.card.openTasks', { count: item.openTasks })}
              </span>
            </span>
          ) : null}
          <AssigneeStack assignees={item.assignees} />
        </span>
      </div>
    </>
  );
}
