import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { ErrorState } from './ErrorState';

interface FormFooterProps {
  /** The form-level failure, if any (field failures show next to their fields). */
  error: unknown;
  errorTitle: string;
  pending: boolean;
  icon: LucideIcon;
  label: string;
  pendingLabel: string;
  /** Shown between the failure and the button, e.g. a success notice. */
  children?: ReactNode;
}

/** The end of a form: its failure, an optional notice, and the submit button. */
export function FormFooter({
  error,
  errorTitle,
  pending,
  icon: Icon,
  label,
  pendingLabel,
  children,
}: FormFooterProps) {
  return (
    <>
      {error ? <ErrorState error={error} title={errorTitle} /> : null}
      {children}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          <Icon size={16} aria-hidden="true" />
          {pending ? pendingLabel : label}
        </button>
      </div>
    </>
  );
}
