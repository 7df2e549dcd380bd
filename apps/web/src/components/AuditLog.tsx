import {
  AUDIT_EVENT_TYPES,
  GROUP_ROLES,
  type AuditEvent,
  type AuditEventType,
  type GroupRole,
} from '@technopolice/shared';
import {
  Ban,
  EyeOff,
  Flag,
  FolderCog,
  FileUp,
  Globe,
  GlobeLock,
  KeyRound,
  LockKeyhole,
  LogIn,
  MailPlus,
  NotebookText,
  PencilLine,
  ShieldAlert,
  Trash2,
  UserMinus,
  UserPlus,
  UserRoundCog,
  UserRoundPlus,
  UsersRound,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLabel, useLanguage } from '../i18n';
import { formatDateTime } from '../lib/format';
import { EmptyState } from './EmptyState';

/**
 * i18n key and pictogram of each security event type: `audit.types.<key>`, or a full key
 * (with dots) for the types a feature words itself (publishing: `publication.audit.*`).
 */
const TYPES: Record<AuditEventType, { key: string; icon: LucideIcon; tone?: 'danger' }> = {
  'sign-in.failed': { key: 'signInFailed', icon: LogIn, tone: 'danger' },
  'sign-in.locked': { key: 'signInLocked', icon: ShieldAlert, tone: 'danger' },
  'account.created': { key: 'accountCreated', icon: UserRoundPlus },
  'group.created': { key: 'groupCreated', icon: UsersRound },
  'group.updated': { key: 'groupUpdated', icon: PencilLine },
  'member.joined': { key: 'memberJoined', icon: UserPlus },
  'member.role-changed': { key: 'memberRoleChanged', icon: UserRoundCog },
  'member.removed': { key: 'memberRemoved', icon: UserMinus, tone: 'danger' },
  'member.left': { key: 'memberLeft', icon: UserMinus },
  'invitation.created': { key: 'invitationCreated', icon: MailPlus },
  'invitation.revoked': { key: 'invitationRevoked', icon: Ban },
  'signing-key.rotated': { key: 'signingKeyRotated', icon: KeyRound },
  'case.deleted': { key: 'caseDeleted', icon: Trash2, tone: 'danger' },
  'cases.imported': { key: 'casesImported', icon: FileUp },
  'thread.moderated': { key: 'threadModerated', icon: EyeOff },
  'post.moderated': { key: 'postModerated', icon: EyeOff },
  'post.deleted': { key: 'postDeleted', icon: Trash2, tone: 'danger' },
  'flag.resolved': { key: 'flagResolved', icon: Flag },
  'forum-category.changed': { key: 'forumCategoryChanged', icon: FolderCog },
  'case.published': { key: 'publication.audit.published', icon: Globe },
  'case.retracted': { key: 'publication.audit.retracted', icon: GlobeLock, tone: 'danger' },
};

/** The full translation key of an event type's label. */
export function auditTypeKey(key: string): string {
  return key.includes('.') ? key : `audit.types.${key}`;
}

/** Moderation actions the log names (`audit.actions.<action>`). */
const ACTIONS = [
  'pin',
  'unpin',
  'lock',
  'unlock',
  'hide',
  'unhide',
  'move',
  'rename',
  'dismiss',
  'create',
  'update',
  'delete',
] as const;

export const AUDIT_TYPE_KEYS = AUDIT_EVENT_TYPES.map((type) => TYPES[type].key);

function isRole(value: unknown): value is GroupRole {
  return typeof value === 'string' && Object.hasOwn(GROUP_ROLES, value);
}

const GROUP_FIELDS = ['name', 'description'] as const;

/**
 * The human details of an event, from the keys its data is known to carry. Only these keys are
 * read: whatever else the data holds is never shown (and no IP address is ever kept).
 */
function useDetails(names?: ReadonlyMap<string, string>): (event: AuditEvent) => string[] {
  const { t } = useTranslation();
  const label = useLabel();
  return (event) => {
    const data = event.data;
    const out: string[] = [];
    if (typeof data.userId === 'string') {
      const name = names?.get(data.userId);
      out.push(name ? t('audit.details.person', { name }) : t('audit.details.formerMember'));
    }
    if (typeof data.username === 'string' && data.username.trim())
      out.push(t('audit.details.username', { username: data.username }));
    if (event.type === 'group.created' && typeof data.name === 'string')
      out.push(t('audit.details.group', { name: data.name }));
    if (Array.isArray(data.fields)) {
      const fields = GROUP_FIELDS.filter((field) => (data.fields as unknown[]).includes(field));
      if (fields.length > 0)
        out.push(
          t('audit.details.fields', {
            fields: fields.map((field) => t(`audit.fields.${field}`)).join(', '),
          }),
        );
    }
    const from = data.from;
    const to = data.to ?? data.role;
    if (isRole(from) && isRole(to))
      out.push(
        t('audit.details.roleChange', {
          from: label(GROUP_ROLES[from]),
          to: label(GROUP_ROLES[to]),
        }),
      );
    else if (isRole(to)) out.push(t('audit.details.role', { role: label(GROUP_ROLES[to]) }));
    if (event.type === 'invitation.created') {
      if (typeof data.maxUses === 'number')
        out.push(t('audit.details.maxUses', { count: data.maxUses }));
      else if (data.maxUses === null) out.push(t('audit.details.unlimited'));
    }
    if (typeof data.failures === 'number')
      out.push(t('audit.details.failures', { count: data.failures }));
    if (data.instanceAdmin === true) out.push(t('audit.details.instanceAdmin'));
    if (Array.isArray(data.actions)) {
      const actions = ACTIONS.filter((action) => (data.actions as unknown[]).includes(action));
      if (actions.length > 0)
        out.push(actions.map((action) => t(`audit.actions.${action}`)).join(', '));
    }
    if (typeof data.title === 'string' && data.title.trim())
      out.push(t('audit.details.title', { title: data.title }));
    if (typeof data.reason === 'string' && data.reason.trim())
      out.push(t('audit.details.reason', { reason: data.reason }));
    return out;
  };
}

/** A list of security events: what happened, who did it, when. */
export function AuditLog({
  events,
  emptyBody,
  names,
}: {
  events: readonly AuditEvent[];
  emptyBody: string;
  /** Display names of the people events refer to by id (the group's members). */
  names?: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const details = useDetails(names);

  if (events.length === 0) {
    return (
      <EmptyState icon={NotebookText} title={t('audit.emptyTitle')} headingLevel={3}>
        <p>{emptyBody}</p>
      </EmptyState>
    );
  }

  return (
    <ol className="audit-log">
      {events.map((event) => {
        const type = TYPES[event.type] ?? { key: 'unknown', icon: LockKeyhole };
        const Icon = type.icon;
        const extra = details(event);
        return (
          <li key={event.id} className="audit-log__entry" data-tone={type.tone}>
            <span className="audit-log__icon" aria-hidden="true">
              <Icon size={17} />
            </span>
            <span className="audit-log__text">
              <span className="audit-log__what">
                {t(auditTypeKey(type.key) as 'audit.types.groupCreated')}
              </span>
              {extra.length > 0 ? (
                <span className="audit-log__details">{extra.join(' · ')}</span>
              ) : null}
              <span className="audit-log__who">
                {event.actor
                  ? t('audit.by', { name: event.actor.displayName })
                  : t('audit.bySystem')}
              </span>
            </span>
            <time className="audit-log__when" dateTime={event.createdAt}>
              {formatDateTime(event.createdAt, language)}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
