import { z } from 'zod';
import {
  INVITATION_DEFAULT_DAYS,
  INVITATION_MAX_DAYS,
  MAX_DESCRIPTION_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_TITLE_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
} from '../limits/index.js';
import { GROUP_ROLE_IDS, LANGUAGES } from '../taxonomy/index.js';

/**
 * Accounts, groups, memberships and invitations: the schemas of the identity routes.
 */

/** A group role identifier. */
export const groupRoleSchema = z.enum(GROUP_ROLE_IDS);
/** A language of the interface. */
export const languageSchema = z.enum(LANGUAGES);

/** A pseudonym is enough: no real name is ever asked. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_DISPLAY_NAME_LENGTH, `must be at most ${MAX_DISPLAY_NAME_LENGTH} characters`);

/** What people type to sign in. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, '3 to 32 characters: letters, digits, dot, dash or underscore');

/** The password policy, the same in forms and on the server. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** `POST /api/admin/users` (instance admins, built-in issuer). */
export const createUserSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    displayName: displayNameSchema.optional(),
  })
  .strict()
  .refine((value) => value.password.toLowerCase() !== value.username, {
    path: ['password'],
    message: 'must differ from the username',
  });
/** `POST /api/admin/users`. */
export type CreateUser = z.infer<typeof createUserSchema>;

/** A group as its member sees it in a list. */
export const groupSummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  role: groupRoleSchema,
});
/** A group as its member sees it in a list. */
export type GroupSummary = z.infer<typeof groupSummarySchema>;

/** `GET /api/me`. */
export const meSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  language: languageSchema,
  isInstanceAdmin: z.boolean(),
  groups: z.array(groupSummarySchema),
});
/** `GET /api/me`. */
export type Me = z.infer<typeof meSchema>;

/** `PATCH /api/me`. */
export const updateMeSchema = z
  .object({ displayName: displayNameSchema.optional(), language: languageSchema.optional() })
  .strict();
/** `PATCH /api/me`. */
export type UpdateMe = z.infer<typeof updateMeSchema>;

/** `POST /api/groups`. */
export const createGroupSchema = z
  .object({
    name: z.string().trim().min(2, 'must be at least 2 characters').max(MAX_TITLE_LENGTH),
    description: z.string().trim().max(MAX_DESCRIPTION_LENGTH).optional(),
  })
  .strict();
/** `POST /api/groups`. */
export type CreateGroup = z.infer<typeof createGroupSchema>;

/**
 * How many approvals publishing needs, per group: `coordinators` approvals from coordinators
 * or admins, or `members` approvals from anyone; `0` turns that way off. The last editor's
 * approval never counts. Default: one coordinator or two members.
 */
export const approvalRuleSchema = z
  .object({
    coordinators: z.number().int().min(0).max(10),
    members: z.number().int().min(0).max(20),
  })
  .strict()
  .refine((rule) => rule.coordinators + rule.members > 0, {
    message: 'at least one approval must be needed',
    path: ['members'],
  });
/** A group's approval rule. */
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;
/** The rule of a group that never set one. */
export const DEFAULT_APPROVAL_RULE: ApprovalRule = { coordinators: 1, members: 2 };

/** `PATCH /api/groups/:groupId` (admins). */
export const updateGroupSchema = createGroupSchema
  .extend({ approvalRule: approvalRuleSchema })
  .partial()
  .strict();
/** `PATCH /api/groups/:groupId`. */
export type UpdateGroup = z.infer<typeof updateGroupSchema>;

/** `GET /api/groups/:groupId`. */
export const groupSchema = groupSummarySchema.extend({
  description: z.string(),
  /** What publishing a summary needs. */
  approvalRule: approvalRuleSchema,
  memberCount: z.number().int(),
  createdAt: z.iso.datetime(),
});
/** `GET /api/groups/:groupId`. */
export type Group = z.infer<typeof groupSchema>;

/** One member of a group. */
export const memberSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: groupRoleSchema,
  joinedAt: z.iso.datetime(),
});
/** One member of a group. */
export type Member = z.infer<typeof memberSchema>;

/** `PATCH /api/groups/:groupId/members/:userId` (admins). */
export const updateMemberSchema = z.object({ role: groupRoleSchema }).strict();

/** `POST /api/groups/:groupId/invitations` (admins, coordinators). */
export const createInvitationSchema = z
  .object({
    role: groupRoleSchema.default('member'),
    /** How many people may join with the link; `null`: any number until it expires. */
    maxUses: z.number().int().min(1).max(1000).nullable().default(1),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(INVITATION_MAX_DAYS)
      .default(INVITATION_DEFAULT_DAYS),
  })
  .strict();
/** `POST /api/groups/:groupId/invitations`. */
export type CreateInvitation = z.input<typeof createInvitationSchema>;

/** An invitation as the group's admins see it (the token itself is never stored). */
export const invitationSchema = z.object({
  id: z.uuid(),
  role: groupRoleSchema,
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  createdBy: z.object({ id: z.uuid(), displayName: z.string() }),
});
/** An invitation as the group's admins see it. */
export type Invitation = z.infer<typeof invitationSchema>;

/** The answer to creating an invitation: the only time the token is shown. */
export const createdInvitationSchema = invitationSchema.extend({
  token: z.string(),
  url: z.string(),
});
/** The answer to creating an invitation. */
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;

/** Why an invitation link no longer works. */
export const invitationProblemSchema = z.enum(['expired', 'revoked', 'used_up']);

/** `GET /api/invitations/:token` (no sign-in): what the link offers, for the landing page. */
export const invitationPreviewSchema = z.object({
  group: z.object({ name: z.string(), slug: z.string() }),
  role: groupRoleSchema,
  expiresAt: z.iso.datetime(),
  problem: invitationProblemSchema.nullable(),
});
/** `GET /api/invitations/:token`. */
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

/** `POST /api/invitations/:token/accept`. */
export const acceptedInvitationSchema = z.object({ groupId: z.uuid(), role: groupRoleSchema });

/** Security events kept in the audit log. */
export const AUDIT_EVENT_TYPES = [
  'sign-in.failed',
  'sign-in.locked',
  'account.created',
  'group.created',
  'group.updated',
  'member.joined',
  'member.role-changed',
  'member.removed',
  'member.left',
  'invitation.created',
  'invitation.revoked',
  'signing-key.rotated',
  'case.deleted',
  'cases.imported',
  'thread.moderated',
  'post.moderated',
  'post.deleted',
  'flag.resolved',
  'forum-category.changed',
  'case.published',
  'case.retracted',
] as const;
/** A security event type. */
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** One entry of the audit log (never an IP address). */
export const auditEventSchema = z.object({
  id: z.uuid(),
  type: z.enum(AUDIT_EVENT_TYPES),
  groupId: z.uuid().nullable(),
  actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
/** One entry of the audit log. */
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** How accounts are made: through invitations only, open to all, or not here (Keycloak). */
export const registrationModeSchema = z.enum(['invitation', 'open', 'none']);
/** How accounts are made. */
export type RegistrationMode = z.infer<typeof registrationModeSchema>;

/** `GET /api/auth/config` (no sign-in): what keycloak-js needs, the same in both modes. */
export const authConfigSchema = z.object({
  url: z.string(),
  realm: z.string(),
  clientId: z.string(),
  registration: registrationModeSchema,
});
/** `GET /api/auth/config`. */
export type AuthConfig = z.infer<typeof authConfigSchema>;

/** `GET /api/admin/settings`, and the body of `PATCH /api/admin/settings` (instance admins). */
export const instanceSettingsSchema = z.object({ registrationOpen: z.boolean() }).strict();
/** Instance-wide settings. */
export type InstanceSettings = z.infer<typeof instanceSettingsSchema>;

/** The answer to `POST /api/admin/users`. */
export const createdUserSchema = z.object({ id: z.uuid(), username: z.string() });
/** The answer to `POST /api/admin/users`. */
export type CreatedUser = z.infer<typeof createdUserSchema>;
