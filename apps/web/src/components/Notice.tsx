import { CircleAlert, CircleCheck, Info, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'danger';

const ICONS: Record<Tone, LucideIcon> = {
  info: Info,
  success: CircleCheck,
  warning: TriangleAlert,
  danger: CircleAlert,
};

interface NoticeProps {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  /** `alert` for errors that just happened, `status` for confirmations; none for static text. */
  role?: 'alert' | 'status';
  className?: string;
}

/** A short message in a tinted box: a confirmation, a warning, an error next to a form. */
export function Notice({ tone = 'info', title, children, role, className }: NoticeProps) {
  const Icon = ICONS[tone];
  return (
    <div className={className ? `notice ${className}` : 'notice'} data-tone={tone} role={role}>
      <Icon size={18} aria-hidden="true" className="notice__icon" />
      <div className="notice__content">
        {title ? <p className="notice__title">{title}</p> : null}
        {children ? <div className="notice__body">{children}</div> : null}
      </div>
    </div>
  );
}
