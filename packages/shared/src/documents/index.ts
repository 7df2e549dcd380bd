import { z } from 'zod';
import { MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH } from '../limits/index.js';
import { documentKindSchema } from '../schemas/index.js';
import { ACQUISITION_METHOD_IDS } from '../taxonomy/index.js';
import { isoDateSchema } from '../cases/index.js';
import { cleanText } from '../schemas/text.js';

/**
 * Documents: what a group digs up and attaches to a case (answers to freedom-of-information
 * requests, deliberations, contracts, photos). Schemas of the document routes, the types the
 * server accepts, and the state of their text.
 */

/** Broad families of accepted files: how the viewer shows them and what extraction does. */
export const DOCUMENT_FAMILIES = ['pdf', 'image', 'office', 'text', 'audio', 'video'] as const;
/** Family of an accepted file. */
export type DocumentFamily = (typeof DOCUMENT_FAMILIES)[number];

/**
 * The allow-list: every type the server stores, as sniffed from the bytes, with its family and
 * the file-name extensions that may carry it. A file whose bytes are none of these is refused
 * (415), and so is a file whose extension names another type than its bytes.
 */
export const ACCEPTED_TYPES: Readonly<
  Record<string, { family: DocumentFamily; extensions: readonly string[] }>
> = {
  'application/pdf': { family: 'pdf', extensions: ['pdf'] },
  'image/jpeg': { family: 'image', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  'image/png': { family: 'image', extensions: ['png'] },
  'image/webp': { family: 'image', extensions: ['webp'] },
  'image/gif': { family: 'image', extensions: ['gif'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    family: 'office',
    extensions: ['docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    family: 'office',
    extensions: ['xlsx'],
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    family: 'office',
    extensions: ['pptx'],
  },
  'application/vnd.oasis.opendocument.text': { family: 'office', extensions: ['odt'] },
  'application/vnd.oasis.opendocument.spreadsheet': { family: 'office', extensions: ['ods'] },
  'application/vnd.oasis.opendocument.presentation': { family: 'office', extensions: ['odp'] },
  'text/plain': { family: 'text', extensions: ['txt', 'text', 'md', 'eml'] },
  'text/csv': { family: 'text', extensions: ['csv', 'tsv'] },
  'audio/mpeg': { family: 'audio', extensions: ['mp3'] },
  'audio/ogg': { family: 'audio', extensions: ['ogg', 'oga', 'opus'] },
  'audio/wav': { family: 'audio', extensions: ['wav'] },
  'audio/x-m4a': { family: 'audio', extensions: ['m4a'] },
  'audio/mp4': { family: 'audio', extensions: ['m4a', 'mp4'] },
  'audio/flac': { family: 'audio', extensions: ['flac'] },
  'video/mp4': { family: 'video', extensions: ['mp4', 'm4v'] },
  'video/webm': { family: 'video', extensions: ['webm'] },
  'video/quicktime': { family: 'video', extensions: ['mov', 'qt'] },
  'video/ogg': { family: 'video', extensions: ['ogv', 'ogg'] },
};

/** What the file picker offers (`accept` attribute): the allow-list's extensions. */
export const ACCEPTED_EXTENSIONS: readonly string[] = [
  ...new Set(Object.values(ACCEPTED_TYPES).flatMap((type) => type.extensions)),
];

/** The family of a stored type; `null` for a type outside the allow-list. */
export function documentFamily(mimeType: string): DocumentFamily | null {
  return ACCEPTED_TYPES[mimeType]?.family ?? null;
}

/** Where a document's text stands: being extracted, extracted, failed, or nothing to extract. */
export const TEXT_STATUSES = ['pending', 'done', 'failed', 'none'] as const;
/** Where a document's text stands. */
export const textStatusSchema = z.enum(TEXT_STATUSES);
/** Where a document's text stands. */
export type TextStatus = z.infer<typeof textStatusSchema>;

/** Why text extraction failed, for a message a person understands. */
export const TEXT_ERRORS = [
  'encrypted',
  'malformed',
  'too_large',
  'timeout',
  'out_of_memory',
  'crashed',
  'unsupported',
] as const;
/** Why text extraction failed. */
export type TextError = (typeof TEXT_ERRORS)[number];

/** What the server removed from a file before storing it (`exif`, `gps`, `xmp`, `pdf-info`…). */
export const strippedMetadataSchema = z.array(z.string());

/** How a group came by a document. */
export const acquisitionMethodSchema = z.enum(ACQUISITION_METHOD_IDS);

const person = z.object({ id: z.uuid(), displayName: z.string() });

/** A document as the API answers it. */
export const documentSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  groupId: z.uuid(),
  title: z.string(),
  kind: documentKindSchema,
  /** The date the document bears (a deliberation's vote, a letter's date), not the upload's. */
  date: z.string().nullable(),
  source: z.string().nullable(),
  obtainedBy: acquisitionMethodSchema.nullable(),
  description: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  mimeType: z.string(),
  family: z.enum(DOCUMENT_FAMILIES),
  size: z.number().int(),
  pages: z.number().int().nullable(),
  language: z.string().nullable(),
  textStatus: textStatusSchema,
  textError: z.enum(TEXT_ERRORS).nullable(),
  /** Extraction stopped at its page limits: the text covers the first pages only. */
  textTruncated: z.boolean(),
  ocrPages: z.number().int(),
  strippedMetadata: strippedMetadataSchema,
  /** False until the group chooses it for a publication: documents are private to the group. */
  public: z.boolean(),
  uploadedBy: person.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  version: z.number().int(),
});
/** A document. */
export type CaseDocument = z.infer<typeof documentSchema>;

const text = (multiline: boolean, max: number) =>
  cleanText(multiline).pipe(z.string().max(max, `must be at most ${max} characters`));
const title = text(false, MAX_TITLE_LENGTH).pipe(z.string().min(1, 'must not be empty'));

/** Longest `source` of a document ("Mairie de Marseille, réponse du 12 mars"). */
export const MAX_SOURCE_LENGTH = 300;

/**
 * The metadata a person gives with an upload (multipart fields or tus metadata), all optional:
 * the title defaults to the file name, the kind to `other`.
 */
export const documentFieldsSchema = z
  .object({
    title: title.optional(),
    kind: documentKindSchema.optional(),
    date: isoDateSchema.nullable().optional(),
    source: text(false, MAX_SOURCE_LENGTH).nullable().optional(),
    obtainedBy: acquisitionMethodSchema.nullable().optional(),
    description: text(true, MAX_DESCRIPTION_LENGTH).optional(),
  })
  .strict();
/** Metadata given with an upload. */
export type DocumentFields = z.infer<typeof documentFieldsSchema>;

/** `PATCH /api/documents/:documentId`: any metadata, with the `version` it was read at. */
export const updateDocumentSchema = documentFieldsSchema
  .extend({ version: z.number().int().positive() })
  .strict();
/** `PATCH /api/documents/:documentId`. */
export type UpdateDocument = z.infer<typeof updateDocumentSchema>;

/** `GET /api/documents/:documentId/text`. */
export const documentTextSchema = z.object({
  textStatus: textStatusSchema,
  textError: z.enum(TEXT_ERRORS).nullable(),
  truncated: z.boolean(),
  language: z.string().nullable(),
  pages: z.array(z.object({ number: z.number().int(), text: z.string() })),
});
/** The extracted text of a document, page by page. */
export type DocumentText = z.infer<typeof documentTextSchema>;

/** Sorts of a case's document list. */
export const DOCUMENT_SORTS = ['created', 'date', 'title'] as const;

/** `GET /api/cases/:caseId/documents`. */
export const documentQuerySchema = z
  .object({
    kind: documentKindSchema.optional(),
    sort: z.enum(DOCUMENT_SORTS).default('created'),
  })
  .strict();

/** Where a document is cited: timeline entries now, discussions when they cite it. */
export const documentCitationSchema = z.object({
  type: z.enum(['timeline', 'post']),
  id: z.uuid(),
  title: z.string(),
  date: z.string().nullable(),
});
/** A place that cites a document. */
export type DocumentCitation = z.infer<typeof documentCitationSchema>;

/** `GET /api/documents/:documentId`: the document with where it is cited. */
export const documentDetailSchema = documentSchema.extend({
  caseTitle: z.string(),
  citations: z.array(documentCitationSchema),
});
/** A document with its case's title and its citations. */
export type DocumentDetail = z.infer<typeof documentDetailSchema>;

/** Names of the tus `Upload-Metadata` keys the server reads, besides the document fields. */
export const TUS_METADATA = { caseId: 'caseId', fileName: 'filename', type: 'filetype' } as const;

/** Files at or above this size go through the resumable (tus) upload in the web app. */
export const RESUMABLE_UPLOAD_THRESHOLD = 8 * 1024 * 1024;
