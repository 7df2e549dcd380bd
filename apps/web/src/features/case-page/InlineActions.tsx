import type { LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';

interface InlineActionsProps {
  /** The row's class: where the buttons sit differs between cards and lists. */
  className: string;
  pending: boolean;
  onCancel: () => void;
  /** Defaults: "Enregistrer", "Enregistrement…", "Annuler". */
  label?: string;
  pendingLabel?: string;
  cancelLabel?: string;
  icon?: LucideIcon;
}

/** Submit and cancel of a small in-place editor (title, facts, tasks, timeline). */
export function InlineActions({
  className,
  pending,
  onCancel,
  label,
  pendingLabel,
  cancelLabel,
  icon: Icon,
}: InlineActionsProps) {
  const { t } = useTranslation();
  return (
    <div className={className}>
      <button type="submit" className="button button--primary button--small" disabled={pending}>
        {Icon ? <Icon size={15} aria-hidden="true" /> : null}
        {pending ? (pendingLabel ?? t('common.saving')) : (label ?? t('common.save'))}
      </button>
      <button type="button" className="button button--secondary button--small" onClick={onCancel}>
        {cancelLabel ?? t('common.cancel')}
      </button>
    </div>
  );
}
