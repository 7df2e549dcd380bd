import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: LucideIcon;
  /** Omitted when the page title already says it all. */
  title?: string;
  children: ReactNode;
  /** Heading level of the title, so the outline stays correct where it is used. */
  headingLevel?: 2 | 3;
}

/** What a list looks like before it holds anything: what will appear here, and why. */
export function EmptyState({ icon: Icon, title, children, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="empty-state">
      <span className="empty-state__icon" aria-hidden="true">
        <Icon size={28} strokeWidth={1.75} />
      </span>
      {title ? <Heading className="empty-state__title">{title}</Heading> : null}
      <div className="empty-state__body">{children}</div>
    </section>
  );
}
