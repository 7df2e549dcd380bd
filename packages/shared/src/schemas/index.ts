import { z } from 'zod';
import {
  CASE_STAGE_IDS,
  DOCUMENT_KIND_IDS,
  PROJECT_STATUS_IDS,
  TECHNOLOGY_IDS,
} from '../taxonomy/index.js';

/**
 * zod schemas for what crosses the wire. The API parses request bodies with them, the web app
 * types its client with their `z.infer`.
 */

/** Which database the server runs on. */
export const databaseKindSchema = z.enum(['pglite', 'postgres']);
/** Which database the server runs on. */
export type DatabaseKind = z.infer<typeof databaseKindSchema>;

/** `GET /api/health`. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  database: databaseKindSchema,
});
/** `GET /api/health`. */
export type Health = z.infer<typeof healthSchema>;

/** A technology identifier from the taxonomy. */
export const technologySchema = z.enum(TECHNOLOGY_IDS);
/** A project status identifier from the taxonomy. */
export const projectStatusSchema = z.enum(PROJECT_STATUS_IDS);
/** A document kind identifier from the taxonomy. */
export const documentKindSchema = z.enum(DOCUMENT_KIND_IDS);
/** A case stage identifier. */
export const caseStageSchema = z.enum(CASE_STAGE_IDS);

/** Both labels of a taxonomy entry. */
export const labelSchema = z.object({ fr: z.string(), en: z.string() });
const entrySchema = z.object({ id: z.string(), label: labelSchema });

/** `GET /api/taxonomy`. */
export const taxonomySchema = z.object({
  technologies: z.array(entrySchema),
  projectStatuses: z.array(entrySchema),
  documentKinds: z.array(entrySchema),
  acquisitionMethods: z.array(entrySchema),
  caseStages: z.array(entrySchema),
  groupRoles: z.array(entrySchema),
});

/** The body of every error answer. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** A cursor-paginated list, as every list route answers. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
