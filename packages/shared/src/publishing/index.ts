import { z } from 'zod';
import { actorKindSchema, cityCodeSchema, citySchema, isoDateSchema } from '../cases/index.js';
import { personSchema } from '../discussions/index.js';
import { type RichTextDoc } from '../editor/index.js';
import { type ApprovalRule, approvalRuleSchema, groupRoleSchema } from '../identity/index.js';
import { DOCUMENT_KIND_IDS, PROJECT_STATUS_IDS, TECHNOLOGY_IDS } from '../taxonomy/index.js';

/**
 * The summary of a case, its review and its publication: the schemas of the summary,
 * review, publication and public routes, and the names both ends use for the live
 * co-editing session.
 */

/** Languages a summary may be written in: French always, English when the group writes it. */
export const SUMMARY_LANGUAGES = ['fr', 'en'] as const;
/** A summary language. */
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];
/** A summary language. */
export const summaryLanguageSchema = z.enum(SUMMARY_LANGUAGES);

/** Where the co-editing WebSocket (Hocuspocus / Y.js) is served, on the API's origin. */
export const COLLAB_PATH = '/api/collab';
/** The Y.js fragment of a summary document the editor binds to (Tiptap's default). */
export const COLLAB_FIELD = 'default';

/** The Hocuspocus document name of a case's summary in one language. */
export function summaryDocumentName(caseId: string, language: SummaryLanguage): string {
  return `case-summary/${caseId}/${language}`;
}

/** The case id and language of a Hocuspocus document name, or `null` when it is not one. */
export function parseSummaryDocumentName(
  name: string,
): { caseId: string; language: SummaryLanguage } | null {
  const match =
    /^case-summary\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(fr|en)$/.exec(
      name,
    );
  return match ? { caseId: match[1]!, language: match[2] as SummaryLanguage } : null;
}

/** `?lang=` of the summary routes. */
export const summaryQuerySchema = z.object({ lang: summaryLanguageSchema.default('fr') }).strict();

/** `GET /api/cases/:caseId/summary`: the summary as last saved. */
export const summarySchema = z.object({
  caseId: z.uuid(),
  language: summaryLanguageSchema,
  /** ProseMirror JSON; an empty document before anyone wrote. */
  body: z.custom<RichTextDoc>(),
  html: z.string(),
  /** Grows with every saved change; `0` before anyone wrote. */
  version: z.number().int(),
  lastEditor: personSchema.nullable(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
  /**
   * Set when the live document holds something the schema refuses (a client sent it): the
   * saved `body` is then the last valid one, and the summary cannot be published.
   */
  problem: z.string().nullable(),
});
/** A case's summary in one language. */
export type Summary = z.infer<typeof summarySchema>;

/** `PUT /api/cases/:caseId/summary` (scripts): replaces the body if `version` is current. */
export const putSummarySchema = z
  .object({ body: z.unknown(), version: z.number().int().nonnegative() })
  .strict();
/** `PUT /api/cases/:caseId/summary`. */
export type PutSummary = z.infer<typeof putSummarySchema>;

/** Whether approvals satisfy a rule: `coordinators` counts approvals of coordinators and admins. */
export function ruleSatisfied(
  rule: ApprovalRule,
  approvals: { coordinators: number; all: number },
): boolean {
  return (
    (rule.coordinators > 0 && approvals.coordinators >= rule.coordinators) ||
    (rule.members > 0 && approvals.all >= rule.members)
  );
}

/** `POST /api/cases/:caseId/review`. */
export const requestReviewSchema = z
  .object({ note: z.string().trim().max(2000).optional() })
  .strict();

/** Why the caller may not approve now (`null`: they may). */
export const APPROVAL_BLOCKERS = ['not-in-review', 'last-editor', 'already-approved'] as const;
/** Why the caller may not approve now. */
export type ApprovalBlocker = (typeof APPROVAL_BLOCKERS)[number];

/** A comment of the review, optionally on a passage of the summary. */
export const reviewCommentSchema = z.object({
  id: z.uuid(),
  author: personSchema.nullable(),
  body: z.string(),
  /** The passage commented on, as it read then. */
  quote: z.string().nullable(),
  language: summaryLanguageSchema,
  resolved: z.boolean(),
  resolvedBy: personSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
/** A review comment. */
export type ReviewComment = z.infer<typeof reviewCommentSchema>;

/** `POST /api/cases/:caseId/review/comments`. */
export const createReviewCommentSchema = z
  .object({
    body: z.string().trim().min(1, 'must not be empty').max(5000),
    quote: z.string().trim().max(1000).optional(),
    language: summaryLanguageSchema.default('fr'),
  })
  .strict();
/** `PATCH /api/cases/:caseId/review/comments/:commentId`. */
export const updateReviewCommentSchema = z.object({ resolved: z.boolean() }).strict();

/** An approval of the summary as it stands. */
export const approvalSchema = z.object({
  user: personSchema,
  role: groupRoleSchema,
  createdAt: z.iso.datetime({ offset: true }),
});
/** An approval. */
export type Approval = z.infer<typeof approvalSchema>;

/** `GET /api/cases/:caseId/review`: where the summary stands on its way to the public. */
export const reviewSchema = z.object({
  caseId: z.uuid(),
  stage: z.string(),
  requestedAt: z.iso.datetime({ offset: true }).nullable(),
  requestedBy: personSchema.nullable(),
  note: z.string().nullable(),
  rule: approvalRuleSchema,
  /** Approvals of the summary as it stands (an edit resets them). */
  approvals: z.array(approvalSchema),
  approved: z.boolean(),
  lastEditor: personSchema.nullable(),
  /** Summary versions (fr, en) the approvals are for. */
  versions: z.record(z.string(), z.number().int()),
  canApprove: z.boolean(),
  blocker: z.enum(APPROVAL_BLOCKERS).nullable(),
  /** Whether the case was ever published (`GET …/publication` then answers, else 404). */
  published: z.boolean(),
  comments: z.array(reviewCommentSchema),
});
/** A case's review. */
export type Review = z.infer<typeof reviewSchema>;

/** `POST /api/cases/:caseId/publication`. */
export const publishSchema = z
  .object({
    /** Documents of the case to show on the public page, in this order. */
    documentIds: z.array(z.uuid()).max(200).default([]),
    /** What changed since the last revision (shown in the public revision log). */
    changeNote: z.string().trim().max(2000).optional(),
  })
  .strict();
/** `POST /api/cases/:caseId/publication`. */
export type Publish = z.input<typeof publishSchema>;

/** `DELETE /api/cases/:caseId/publication`: the reason is shown on the public page. */
export const retractSchema = z
  .object({ reason: z.string().trim().min(3, 'must say why').max(2000) })
  .strict();

/** One revision in a publication's log. */
export const revisionEntrySchema = z.object({
  number: z.number().int(),
  publishedAt: z.iso.datetime({ offset: true }),
  publishedBy: personSchema.nullable(),
  changeNote: z.string().nullable(),
  documentCount: z.number().int(),
});
/** A revision of the log. */
export type RevisionEntry = z.infer<typeof revisionEntrySchema>;

/** `GET /api/cases/:caseId/publication` (members): the public page's state; 404 if never published. */
export const publicationSchema = z.object({
  url: z.string(),
  status: z.enum(['published', 'retracted']),
  revision: z.number().int(),
  firstPublishedAt: z.iso.datetime({ offset: true }),
  retractedAt: z.iso.datetime({ offset: true }).nullable(),
  retractedReason: z.string().nullable(),
  /** Documents of the current revision. */
  documentIds: z.array(z.uuid()),
  revisions: z.array(revisionEntrySchema),
});
/** A case's publication. */
export type Publication = z.infer<typeof publicationSchema>;

/** The case's facts as frozen in a revision. */
export const publishedFactsSchema = z.object({
  title: z.string(),
  description: z.string(),
  city: citySchema,
  technologies: z.array(z.enum(TECHNOLOGY_IDS)),
  projectStatus: z.enum(PROJECT_STATUS_IDS),
  tags: z.array(z.string()),
  budgetEuros: z.number().nullable(),
  budgetSource: z.string(),
  actors: z.array(z.object({ name: z.string(), kind: actorKindSchema, role: z.string() })),
  timeline: z.array(
    z.object({ date: isoDateSchema, title: z.string(), documentId: z.uuid().nullable() }),
  ),
});
/** Facts of a revision. */
export type PublishedFacts = z.infer<typeof publishedFactsSchema>;

/** A document shown on a public page. */
export const publicDocumentSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KIND_IDS),
  date: isoDateSchema.nullable(),
  mimeType: z.string(),
  size: z.number().int(),
  pages: z.number().int().nullable(),
  /** Absolute URL of the bytes (metadata stripped at upload). */
  url: z.string(),
});
/** A public document. */
export type PublicDocument = z.infer<typeof publicDocumentSchema>;

/** `GET /api/public/cases`: a published case, open data. */
export const publicCaseSchema = z.object({
  url: z.string(),
  group: z.object({ slug: z.string(), name: z.string() }),
  slug: z.string(),
  title: z.string(),
  city: citySchema,
  technologies: z.array(z.string()),
  projectStatus: z.string(),
  budgetEuros: z.number().nullable(),
  actors: z.array(z.object({ name: z.string(), kind: z.string(), role: z.string() })),
  /** Plain-text start of the summary. */
  excerpt: z.string(),
  languages: z.array(summaryLanguageSchema),
  revision: z.number().int(),
  firstPublishedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  documents: z.array(publicDocumentSchema),
});
/** A published case. */
export type PublicCase = z.infer<typeof publicCaseSchema>;

/** `GET /api/public/cases` and `/p` filters. */
export const publicCaseQuerySchema = z
  .object({
    technology: z.enum(TECHNOLOGY_IDS).optional(),
    projectStatus: z.enum(PROJECT_STATUS_IDS).optional(),
    cityCode: cityCodeSchema.optional(),
    department: z
      .string()
      .regex(/^([0-9][0-9AB]|97[1-6])$/, 'is not a department')
      .optional(),
    group: z.string().max(100).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
/** Public listing filters. */
export type PublicCaseQuery = z.infer<typeof publicCaseQuerySchema>;

/** The public page of a published case (no origin: relative to `PUBLIC_URL`). */
export function publicCasePath(groupSlug: string, caseSlug: string): string {
  return `/p/${encodeURIComponent(groupSlug)}/${encodeURIComponent(caseSlug)}`;
}

/** The template a new summary starts from (French or English headings, one paragraph each). */
export function summaryTemplate(language: SummaryLanguage): RichTextDoc {
  const sections =
    language === 'fr'
      ? [
          ['Le projet', 'Ce que la ville a annoncé ou déployé, où, depuis quand.'],
          ['Technologies', 'Ce que font les dispositifs, ce qu’ils captent, qui les exploite.'],
          [
            'Acteurs et contrats',
            'Fournisseurs, prestataires, organismes publics ; marchés et contrats.',
          ],
          ['Budget', 'Montants, sources de financement (ville, État, Europe).'],
          ['Chronologie', 'Délibérations, signatures, mises en service.'],
          ['Base légale', 'Textes invoqués, avis de la CNIL, recours.'],
          ['Ce que nous demandons', 'Nos demandes aux élus et à l’administration.'],
        ]
      : [
          ['The project', 'What the city announced or deployed, where, since when.'],
          ['Technologies', 'What the devices do, what they capture, who runs them.'],
          ['Actors and contracts', 'Vendors, contractors, public bodies; tenders and contracts.'],
          ['Budget', 'Amounts and funding sources (city, State, Europe).'],
          ['Timeline', 'Council votes, signatures, commissioning.'],
          ['Legal basis', 'Laws invoked, opinions of the CNIL, legal challenges.'],
          ['What we ask for', 'Our demands to elected officials and the administration.'],
        ];
  return {
    type: 'doc',
    content: sections.flatMap(([heading, hint]) => [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: heading! }] },
      {
        type: 'paragraph',
        content: [{ type: 'text', text: hint!, marks: [{ type: 'italic' }] }],
      },
    ]),
  };
}
