import { SUBSCRIPTION_LEVELS, type SubscriptionLevel } from '@technopolice/shared';
import { Bell, BellOff, BellRing } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

const ICONS = { watch: BellRing, normal: Bell, mute: BellOff } as const;

/**
 * How closely I follow a thread or a case: every post (watch), only what concerns me (normal),
 * nothing (mute). Saved as soon as it changes.
 */
export function SubscriptionSelect({
  level,
  scope,
  onChange,
  pending = false,
  failed = false,
}: {
  level: SubscriptionLevel | undefined;
  scope: 'thread' | 'case';
  onChange: (level: SubscriptionLevel) => void;
  pending?: boolean;
  failed?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const Icon = ICONS[level ?? 'normal'];
  return (
    <div className="subscription" data-level={level}>
      <Icon size={16} aria-hidden="true" className="subscription__icon" />
      <label htmlFor={id} className="visually-hidden">
        {t(`discussions.subscription.label.${scope}`)}
      </label>
      <select
        id={id}
        className="subscription__select"
        value={level ?? 'normal'}
        disabled={pending || level === undefined}
        title={t(`discussions.subscription.hint.${level ?? 'normal'}`)}
        aria-invalid={failed || undefined}
        onChange={(event) => onChange(event.target.value as SubscriptionLevel)}
      >
        {SUBSCRIPTION_LEVELS.map((entry) => (
          <option key={entry} value={entry}>
            {t(`discussions.subscription.levels.${entry}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
