import { z } from 'zod';
import { MAX_TITLE_LENGTH } from '../limits/index.js';
import { cleanText } from '../schemas/text.js';

/**
 * Discussions: threads of a case and of a group's forum, their posts, reactions, reading state,
 * drafts, moderation and notifications. Post bodies are rich-text documents checked against the
 * schema in `../editor`; the server answers the HTML it rendered from them.
 */

/** A rich-text body as sent: checked in depth by the server against the editor schema. */
export const richTextBodySchema = z
  .object({ type: z.literal('doc'), content: z.array(z.unknown()).optional() })
  .loose();
/** A rich-text body: a ProseMirror/Tiptap JSON document. */
export type RichTextBody = { type: 'doc'; content?: unknown[] } & Record<string, unknown>;

/** Who wrote or did something, as people see them. */
export const personSchema = z.object({ id: z.uuid(), displayName: z.string() });
/** Who wrote or did something. */
export type Person = z.infer<typeof personSchema>;

/** The reactions one may leave on a post: a small fixed set, as in a chat. */
export const REACTIONS = ['thumbs-up', 'heart', 'eyes', 'check', 'question', 'laugh'] as const;
/** A reaction's identifier. */
export const reactionSchema = z.enum(REACTIONS);
/** A reaction's identifier. */
export type Reaction = z.infer<typeof reactionSchema>;
/** How each reaction looks. */
export const REACTION_EMOJI: Readonly<Record<Reaction, string>> = {
  'thumbs-up': '👍',
  heart: '❤️',
  eyes: '👀',
  check: '✅',
  question: '❓',
  laugh: '😄',
};

/** How closely someone follows a thread or a case: watch (every post), mute (nothing). */
export const SUBSCRIPTION_LEVELS = ['watch', 'normal', 'mute'] as const;
/** How closely someone follows a thread or a case. */
export const subscriptionLevelSchema = z.enum(SUBSCRIPTION_LEVELS);
/** How closely someone follows a thread or a case. */
export type SubscriptionLevel = z.infer<typeof subscriptionLevelSchema>;

/** A thread, as listed and opened, with the caller's reading state. */
export const threadSchema = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  /** The case it discusses; `null` in the group's forum. */
  caseId: z.uuid().nullable(),
  /** The forum category; `null` for case threads and uncategorised forum threads. */
  categoryId: z.uuid().nullable(),
  title: z.string(),
  author: personSchema.nullable(),
  pinned: z.boolean(),
  locked: z.boolean(),
  /** Hidden by a coordinator: only coordinators see it in lists. */
  hidden: z.boolean(),
  postCount: z.number().int(),
  /** `seq` of the newest post. */
  lastSeq: z.number().int(),
  lastPostAt: z.string(),
  lastAuthor: personSchema.nullable(),
  createdAt: z.string(),
  /** Posts after the caller's last read one. */
  unread: z.number().int(),
  /** `seq` of the last post the caller read; 0 if never opened. */
  lastReadSeq: z.number().int(),
  /** The caller's own level on this thread (`normal` when they set nothing). */
  subscription: subscriptionLevelSchema,
});
/** A thread with the caller's reading state. */
export type Thread = z.infer<typeof threadSchema>;

/** One reaction on a post and who left it. */
export const reactionCountSchema = z.object({
  reaction: reactionSchema,
  count: z.number().int(),
  users: z.array(personSchema),
});
/** One reaction on a post and who left it. */
export type ReactionCount = z.infer<typeof reactionCountSchema>;

/** A post: its body as JSON and as the HTML the server rendered. */
export const postSchema = z.object({
  id: z.uuid(),
  threadId: z.uuid(),
  /** Position in its thread, from 1: posts are read in `seq` order. */
  seq: z.number().int(),
  author: personSchema.nullable(),
  /** `null` once deleted, or hidden from someone who may not see it. */
  body: richTextBodySchema.nullable(),
  html: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  /** Bumped by each edit of the body; an edit sends the version it started from. */
  version: z.number().int(),
  deleted: z.boolean(),
  /** Hidden by a coordinator, with their reason. */
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  /** The post it answers, if any. */
  replyTo: z.uuid().nullable(),
  reactions: z.array(reactionCountSchema),
  /** Open flags on this post: counted for coordinators, 0 for others. */
  flags: z.number().int(),
});
/** A post. */
export type Post = z.infer<typeof postSchema>;

/** An earlier version of an edited post. */
export const postRevisionSchema = z.object({
  version: z.number().int(),
  body: richTextBodySchema,
  html: z.string(),
  editedAt: z.string(),
  editor: personSchema.nullable(),
});
/** An earlier version of an edited post. */
export type PostRevision = z.infer<typeof postRevisionSchema>;

/** A category of a group's forum. */
export const forumCategorySchema = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  name: z.string(),
  description: z.string(),
  position: z.number().int(),
  threadCount: z.number().int(),
  unread: z.number().int(),
});
/** A category of a group's forum. */
export type ForumCategory = z.infer<typeof forumCategorySchema>;

const titleSchema = cleanText(false).pipe(
  z
    .string()
    .min(1, 'Give the thread a title.')
    .max(MAX_TITLE_LENGTH, `At most ${MAX_TITLE_LENGTH} characters.`),
);

/** `POST /api/cases/:caseId/threads` and `POST /api/groups/:groupId/forum/threads`. */
export const createThreadSchema = z
  .object({
    title: titleSchema,
    body: richTextBodySchema,
    /** Forum threads only. */
    categoryId: z.uuid().nullable().optional(),
  })
  .strict();
/** A new thread and its first post. */
export type CreateThread = z.input<typeof createThreadSchema>;

/**
 * `PATCH /api/threads/:threadId`: the author or a coordinator renames; coordinators pin, lock,
 * hide, and move it to another case of the group, to the forum (`caseId: null`) or to a category.
 */
export const updateThreadSchema = z
  .object({
    title: titleSchema.optional(),
    pinned: z.boolean().optional(),
    locked: z.boolean().optional(),
    hidden: z.boolean().optional(),
    caseId: z.uuid().nullable().optional(),
    categoryId: z.uuid().nullable().optional(),
    /** Why a coordinator did it, kept in the audit log. */
    reason: cleanText(true).pipe(z.string().max(500)).optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).some((key) => key !== 'reason'), 'Change something.');
/** A change to a thread. */
export type UpdateThread = z.input<typeof updateThreadSchema>;

/** `POST /api/threads/:threadId/posts`. */
export const createPostSchema = z
  .object({ body: richTextBodySchema, replyTo: z.uuid().nullable().optional() })
  .strict();
/** A new post. */
export type CreatePost = z.input<typeof createPostSchema>;

/** `PATCH /api/posts/:postId`: the author edits, from the version they started from. */
export const updatePostSchema = z
  .object({ body: richTextBodySchema, version: z.number().int().min(1) })
  .strict();
/** An edit of a post. */
export type UpdatePost = z.input<typeof updatePostSchema>;

/** `POST /api/posts/:postId/moderation`: a coordinator hides, shows, or moves a post. */
export const moderatePostSchema = z
  .object({
    action: z.enum(['hide', 'unhide', 'move']),
    /** For `move`: another thread of the same group. */
    threadId: z.uuid().optional(),
    reason: cleanText(true).pipe(z.string().max(500)).optional(),
  })
  .strict()
  .refine((value) => value.action !== 'move' || value.threadId, {
    message: 'Say which thread to move it to.',
    path: ['threadId'],
  });
/** A coordinator's action on a post. */
export type ModeratePost = z.input<typeof moderatePostSchema>;

/** `POST /api/posts/:postId/reactions`. */
export const reactSchema = z.object({ reaction: reactionSchema }).strict();

/** `POST /api/posts/:postId/flags`: a member asks coordinators to look at a post. */
export const flagPostSchema = z
  .object({
    reason: cleanText(true).pipe(z.string().min(1, 'Say what is wrong.').max(500)),
  })
  .strict();
/** A flag on a post. */
export type FlagPost = z.input<typeof flagPostSchema>;

/** An open flag, as coordinators see it. */
export const flagSchema = z.object({
  id: z.uuid(),
  postId: z.uuid(),
  threadId: z.uuid(),
  caseId: z.uuid().nullable(),
  threadTitle: z.string(),
  reason: z.string(),
  flaggedBy: personSchema.nullable(),
  createdAt: z.string(),
  post: postSchema,
});
/** An open flag. */
export type Flag = z.infer<typeof flagSchema>;

/** `POST /api/flags/:flagId/resolve`. */
export const resolveFlagSchema = z
  .object({ action: z.enum(['dismiss', 'hide']), reason: z.string().max(500).optional() })
  .strict();

/** `PUT /api/threads/:threadId/read`: read up to this post (never moves backwards). */
export const markReadSchema = z.object({ seq: z.number().int().min(0) }).strict();

/** `PUT /api/threads/:threadId/subscription` and `PUT /api/cases/:caseId/subscription`. */
export const subscriptionSchema = z.object({ level: subscriptionLevelSchema }).strict();

/** Drafts kept on the server while typing: a reply in a thread, or a new thread. */
export const draftSchema = z
  .object({
    title: z.string().max(MAX_TITLE_LENGTH).optional(),
    body: richTextBodySchema,
  })
  .strict();
/** A draft. */
export type Draft = z.input<typeof draftSchema>;
/** A draft as stored. */
export type StoredDraft = { title: string | null; body: RichTextBody; updatedAt: string };

/** `GET /api/cases/:caseId/threads`, `GET /api/groups/:groupId/forum/threads`. */
export const threadQuerySchema = z
  .object({
    categoryId: z.uuid().optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

/** `GET /api/threads/:threadId/posts?after=&before=&limit=`. */
export const postQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();

/** `POST /api/groups/:groupId/forum/categories` and `PATCH /api/forum/categories/:id`. */
export const categoryInputSchema = z
  .object({
    name: cleanText(false).pipe(z.string().min(1, 'Name the category.').max(80)),
    description: cleanText(true).pipe(z.string().max(500)).optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict();

/** Unread posts of a group, per case and for the forum: `GET /api/groups/:groupId/unread`. */
export const unreadSummarySchema = z.object({
  forum: z.number().int(),
  cases: z.record(z.string(), z.number().int()),
});
/** Unread posts of a group. */
export type UnreadSummary = z.infer<typeof unreadSummarySchema>;

/** Why someone is told something. */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'document', 'review', 'flag'] as const;
/** Why someone is told something. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** An entry of the notification centre. */
export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  groupId: z.uuid(),
  caseId: z.uuid().nullable(),
  threadId: z.uuid().nullable(),
  postId: z.uuid().nullable(),
  documentId: z.uuid().nullable(),
  actor: personSchema.nullable(),
  /** The thread's, case's or document's title. */
  title: z.string(),
  /** A short plain-text excerpt of what was written. */
  excerpt: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
/** An entry of the notification centre. */
export type Notification = z.infer<typeof notificationSchema>;

/** `POST /api/notifications/read`: some, or all. */
export const readNotificationsSchema = z
  .object({ ids: z.array(z.uuid()).max(500).optional(), all: z.literal(true).optional() })
  .strict()
  .refine((value) => value.ids || value.all, 'Send ids or all: true.');

/** How many posts one person may write in a burst, then per second: past it, 429. */
export const POST_RATE = { burst: 30, perSecond: 10 } as const;
/** Largest rich-text body, as JSON. */
export const MAX_RICH_TEXT_BYTES = 200_000;

/** How often the optional email digest of unread notifications is sent. */
export const DIGEST_FREQUENCIES = ['off', 'hourly', 'daily'] as const;

/** `PUT /api/me/digest`: an address for the digest alone (never shown to anyone), and how often. */
export const digestSettingsSchema = z
  .object({
    email: z.email('must be an email address').max(254).nullable(),
    frequency: z.enum(DIGEST_FREQUENCIES),
  })
  .strict()
  .refine((value) => value.frequency === 'off' || value.email, {
    message: 'Give an address to receive the digest.',
    path: ['email'],
  });
/** The digest settings, and whether this instance can send email at all. */
export type DigestSettings = z.output<typeof digestSettingsSchema> & { available: boolean };

/**
 * Where a notification leads in the web app: the post in its case's Discussions tab
 * (`?onglet=discussions&fil=<thread>&message=<post>`) or in the forum (`/forum/<thread>`), the
 * document, the case's summary for a review. The web app and the email digest both use it.
 */
export function notificationPath(notification: {
  kind: NotificationKind;
  groupId: string;
  caseId: string | null;
  threadId: string | null;
  postId: string | null;
  documentId: string | null;
}): string {
  const id = encodeURIComponent;
  if (notification.kind === 'document' && notification.documentId)
    return `/documents/${id(notification.documentId)}`;
  if (notification.kind === 'review' && notification.caseId)
    return `/dossiers/${id(notification.caseId)}?onglet=synthese`;
  if (notification.threadId) {
    const post = notification.postId ? `message=${id(notification.postId)}` : '';
    return notification.caseId
      ? `/dossiers/${id(notification.caseId)}?onglet=discussions&fil=${id(notification.threadId)}${post ? `&${post}` : ''}`
      : `/forum/${id(notification.threadId)}${post ? `?${post}` : ''}`;
  }
  if (notification.documentId) return `/documents/${id(notification.documentId)}`;
  if (notification.caseId) return `/dossiers/${id(notification.caseId)}`;
  return `/forum?groupe=${id(notification.groupId)}`;
}
