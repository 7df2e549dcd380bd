import type {
  CaseDocument,
  Publication,
  Review,
  ReviewComment,
  Summary,
} from '@technopolice/shared';
import { CASE_ID, hoursAgo } from '../case-page/fixtures';
import { GROUP_ID, HIBOU_ID, ME_ID, RENARD_ID } from '../../test/fixtures';

/** A summary, its review and its publication, shaped like the API's answers. */

export const me = { id: ME_ID, displayName: 'Camille' };
export const renard = { id: RENARD_ID, displayName: 'Renard' };
export const hibou = { id: HIBOU_ID, displayName: 'Hibou' };

export const COMMENT_ID = 'd0000000-0000-4000-8000-000000000001';
export const REPORT_ID = 'b0000000-0000-4000-8000-000000000001';
export const PHOTO_ID = 'b0000000-0000-4000-8000-000000000002';
export const CONTRACT_ID = 'b0000000-0000-4000-8000-000000000003';

export function aSummary(overrides: Partial<Summary> = {}): Summary {
  return {
    caseId: CASE_ID,
    language: 'fr',
    body: { type: 'doc', content: [{ type: 'paragraph' }] },
    html: '<p></p>',
    version: 4,
    lastEditor: hibou,
    updatedAt: hoursAgo(1),
    problem: null,
    ...overrides,
  };
}

export function aComment(overrides: Partial<ReviewComment> = {}): ReviewComment {
  return {
    id: COMMENT_ID,
    author: renard,
    body: 'Il manque le montant du marché de 2023.',
    quote: 'Le budget reste inconnu',
    language: 'fr',
    resolved: false,
    resolvedBy: null,
    createdAt: hoursAgo(3),
    ...overrides,
  };
}

export function aReview(overrides: Partial<Review> = {}): Review {
  return {
    caseId: CASE_ID,
    stage: 'drafting',
    requestedAt: null,
    requestedBy: null,
    note: null,
    rule: { coordinators: 1, members: 2 },
    approvals: [],
    approved: false,
    lastEditor: hibou,
    versions: { fr: 4, en: 0 },
    canApprove: false,
    blocker: 'not-in-review',
    published: false,
    comments: [],
    ...overrides,
  };
}

/** A review under way, asked by Hibou. */
export function inReview(overrides: Partial<Review> = {}): Review {
  return aReview({
    stage: 'review',
    requestedAt: hoursAgo(5),
    requestedBy: hibou,
    note: 'Relisez surtout la partie budget.',
    canApprove: true,
    blocker: null,
    ...overrides,
  });
}

export function aPublication(overrides: Partial<Publication> = {}): Publication {
  return {
    url: 'http://localhost:3000/p/technopolice-marseille/vsa-marseille',
    status: 'published',
    revision: 2,
    firstPublishedAt: '2025-06-02T10:00:00.000Z',
    retractedAt: null,
    retractedReason: null,
    documentIds: [REPORT_ID],
    revisions: [
      {
        number: 1,
        publishedAt: '2025-06-02T10:00:00.000Z',
        publishedBy: renard,
        changeNote: null,
        documentCount: 1,
      },
      {
        number: 2,
        publishedAt: '2025-07-01T10:00:00.000Z',
        publishedBy: renard,
        changeNote: 'Ajout du contrat avec Thales.',
        documentCount: 1,
      },
    ],
    ...overrides,
  };
}

function aDocument(
  overrides: Partial<CaseDocument> & Pick<CaseDocument, 'id' | 'title'>,
): CaseDocument {
  return {
    caseId: CASE_ID,
    groupId: GROUP_ID,
    kind: 'foi-answer',
    date: null,
    source: null,
    obtainedBy: null,
    description: '',
    fileName: `${overrides.title}.pdf`,
    sha256: 'a'.repeat(64),
    mimeType: 'application/pdf',
    family: 'pdf',
    size: 240_000,
    pages: 4,
    language: 'fr',
    textStatus: 'done',
    textError: null,
    textTruncated: false,
    ocrPages: 0,
    strippedMetadata: [],
    public: false,
    uploadedBy: renard,
    createdAt: hoursAgo(30),
    updatedAt: hoursAgo(30),
    version: 1,
    ...overrides,
  };
}

export const someDocuments: CaseDocument[] = [
  aDocument({ id: REPORT_ID, title: 'Réponse CADA de la mairie' }),
  aDocument({
    id: PHOTO_ID,
    title: 'Caméra du Vieux-Port',
    kind: 'photo',
    mimeType: 'image/jpeg',
    family: 'image',
    pages: null,
  }),
  aDocument({ id: CONTRACT_ID, title: 'Marché public Thales 2023', kind: 'contract' }),
];
