import type { CaseDocument, DocumentDetail, DocumentText } from '@technopolice/shared';
import { GROUP_ID, ME_ID, RENARD_ID } from '../../test/fixtures';
import { CASE_ID, hoursAgo } from '../case-page/fixtures';

/** Documents shaped like the documents API answers them, for the tests of their pages. */

export { CASE_ID };

export const DOC_CADA = 'd0000000-0000-4000-8000-000000000001';
export const DOC_DELIB = 'd0000000-0000-4000-8000-000000000002';
export const DOC_PHOTO = 'd0000000-0000-4000-8000-000000000003';
export const DOC_CONTRACT = 'd0000000-0000-4000-8000-000000000004';

export function aDocument(overrides: Partial<CaseDocument> = {}): CaseDocument {
  return {
    id: DOC_CADA,
    caseId: CASE_ID,
    groupId: GROUP_ID,
    title: 'Réponse de la mairie à la demande CADA',
    kind: 'foi-answer',
    date: '2025-03-12',
    source: 'Mairie de Marseille, courrier du 12 mars',
    obtainedBy: 'foi-request',
    description: '',
    fileName: 'reponse-cada.pdf',
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    mimeType: 'application/pdf',
    family: 'pdf',
    size: 2_516_582,
    pages: 12,
    language: 'fr',
    textStatus: 'done',
    textError: null,
    textTruncated: false,
    ocrPages: 0,
    strippedMetadata: ['pdf-info', 'xmp'],
    public: false,
    uploadedBy: { id: ME_ID, displayName: 'Camille' },
    createdAt: hoursAgo(2),
    updatedAt: hoursAgo(2),
    version: 1,
    ...overrides,
  };
}

/** Four documents in every text state: done, pending, failed, none. */
export function someDocuments(): CaseDocument[] {
  return [
    aDocument(),
    aDocument({
      id: DOC_DELIB,
      title: 'Délibération du conseil municipal',
      kind: 'deliberation',
      date: '2024-11-20',
      fileName: 'deliberation.pdf',
      size: 480_000,
      pages: 4,
      textStatus: 'pending',
      uploadedBy: { id: RENARD_ID, displayName: 'Renard' },
      createdAt: hoursAgo(1),
    }),
    aDocument({
      id: DOC_CONTRACT,
      title: 'Contrat Thales',
      kind: 'contract',
      date: null,
      fileName: 'contrat.pdf',
      size: 8_900_000,
      pages: null,
      textStatus: 'failed',
      textError: 'encrypted',
      createdAt: hoursAgo(30),
    }),
    aDocument({
      id: DOC_PHOTO,
      title: 'Caméra du Vieux-Port',
      kind: 'photo',
      date: '2025-05-02',
      fileName: 'camera.jpg',
      mimeType: 'image/jpeg',
      family: 'image',
      size: 1_200_000,
      pages: null,
      textStatus: 'none',
      strippedMetadata: ['exif', 'gps'],
      createdAt: hoursAgo(5),
    }),
  ];
}

export function aDetail(overrides: Partial<DocumentDetail> = {}): DocumentDetail {
  return {
    ...aDocument(),
    caseTitle: 'Vidéosurveillance algorithmique à Marseille',
    citations: [
      {
        type: 'timeline',
        id: 'e1000000-0000-4000-8000-000000000001',
        title: 'Vote du conseil municipal',
        date: '2025-03-12',
      },
    ],
    ...overrides,
  };
}

export function aText(overrides: Partial<DocumentText> = {}): DocumentText {
  return {
    textStatus: 'done',
    textError: null,
    truncated: false,
    language: 'fr',
    pages: [
      {
        number: 1,
        text: 'Objet : votre demande de communication de documents administratifs.',
      },
      {
        number: 2,
        text: 'Le marché de vidéoprotection a été attribué à la société Thales. La délibération du conseil municipal en précise le montant.',
      },
      { number: 3, text: 'Annexe : liste des caméras dotées d’un traitement algorithmique.' },
    ],
    ...overrides,
  };
}
