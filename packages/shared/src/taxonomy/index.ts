/**
 * The taxonomy both sides agree on. Identifiers are part of the public contract
 * (CONTRACT.md): add new ones, never rename or remove one.
 */

/** A label in each language the product speaks; French comes first. */
export interface Label {
  fr: string;
  en: string;
}

export const LANGUAGES = ['fr', 'en'] as const;
/** A language of the interface. */
export type Language = (typeof LANGUAGES)[number];

/** Surveillance technologies a case can be about. */
export const TECHNOLOGIES = {
  'algorithmic-video-surveillance': {
    fr: 'Vidéosurveillance algorithmique',
    en: 'Algorithmic video surveillance',
  },
  'facial-recognition': { fr: 'Reconnaissance faciale', en: 'Facial recognition' },
  biometrics: { fr: 'Autres biométries', en: 'Other biometrics' },
  'sound-sensors': { fr: 'Capteurs sonores', en: 'Sound sensors' },
  drones: { fr: 'Drones', en: 'Drones' },
  'predictive-policing': { fr: 'Police prédictive', en: 'Predictive policing' },
  'data-interconnection': {
    fr: 'Interconnexion de données, hypervision',
    en: 'Data interconnection, command centre',
  },
  'social-media-monitoring': {
    fr: 'Surveillance des réseaux sociaux',
    en: 'Social media monitoring',
  },
  'emotion-recognition': { fr: 'Détection des émotions', en: 'Emotion recognition' },
  'thermal-cameras': { fr: 'Caméras thermiques', en: 'Thermal cameras' },
  other: { fr: 'Autre', en: 'Other' },
} as const satisfies Record<string, Label>;
/** Identifier of a surveillance technology. */
export type Technology = keyof typeof TECHNOLOGIES;

/** Where the surveilling project itself stands (not our investigation). */
export const PROJECT_STATUSES = {
  announced: { fr: 'Annoncé', en: 'Announced' },
  experiment: { fr: 'Expérimentation', en: 'Experiment' },
  deployed: { fr: 'Déployé', en: 'Deployed' },
  suspended: { fr: 'Suspendu', en: 'Suspended' },
  abandoned: { fr: 'Abandonné', en: 'Abandoned' },
  contested: { fr: 'Contesté en justice', en: 'Contested' },
} as const satisfies Record<string, Label>;
/** Identifier of a project status. */
export type ProjectStatus = keyof typeof PROJECT_STATUSES;

/** Kinds of documents a group attaches to a case. */
export const DOCUMENT_KINDS = {
  'foi-answer': { fr: 'Réponse à une demande CADA', en: 'Freedom-of-information answer' },
  deliberation: { fr: 'Délibération', en: 'Council deliberation' },
  contract: { fr: 'Contrat ou marché', en: 'Contract' },
  tender: { fr: "Appel d'offres", en: 'Tender' },
  'vendor-material': { fr: 'Document commercial', en: 'Vendor material' },
  press: { fr: 'Presse', en: 'Press' },
  photo: { fr: 'Photo', en: 'Photo' },
  correspondence: { fr: 'Correspondance', en: 'Correspondence' },
  other: { fr: 'Autre', en: 'Other' },
} as const satisfies Record<string, Label>;
/** Identifier of a document kind. */
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** How the group came by a document: what a reader of a publication asks first. */
export const ACQUISITION_METHODS = {
  'foi-request': { fr: 'Demande CADA', en: 'Freedom-of-information request' },
  'public-record': { fr: 'Publication officielle', en: 'Public record' },
  'council-meeting': { fr: 'Séance publique', en: 'Public meeting' },
  field: { fr: 'Sur le terrain', en: 'Field observation' },
  source: { fr: 'Source', en: 'Source' },
  press: { fr: 'Presse', en: 'Press' },
  vendor: { fr: 'Communication du fournisseur', en: 'Vendor communication' },
  other: { fr: 'Autre', en: 'Other' },
} as const satisfies Record<string, Label>;
/** Identifier of an acquisition method. */
export type AcquisitionMethod = keyof typeof ACQUISITION_METHODS;

/** Stages of an investigation, in order: the columns of the case board. */
export const CASE_STAGES = {
  open: { fr: 'Ouvert', en: 'Open' },
  investigating: { fr: 'En enquête', en: 'Investigating' },
  drafting: { fr: 'Rédaction', en: 'Drafting' },
  review: { fr: 'Relecture', en: 'Review' },
  published: { fr: 'Publié', en: 'Published' },
} as const satisfies Record<string, Label>;
/** Identifier of a case stage. */
export type CaseStage = keyof typeof CASE_STAGES;

/** Roles a member holds in a group, from most to least powerful. */
export const GROUP_ROLES = {
  admin: { fr: 'Administrateur·ice', en: 'Administrator' },
  coordinator: { fr: 'Coordinateur·ice', en: 'Coordinator' },
  member: { fr: 'Membre', en: 'Member' },
} as const satisfies Record<string, Label>;
/** Identifier of a group role. */
export type GroupRole = keyof typeof GROUP_ROLES;

const idsOf = <T extends Record<string, Label>>(table: T) =>
  Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];

/** Identifiers in their canonical order, for zod enums and selects. */
export const TECHNOLOGY_IDS = idsOf(TECHNOLOGIES);
/** Identifiers in their canonical order. */
export const PROJECT_STATUS_IDS = idsOf(PROJECT_STATUSES);
/** Identifiers in their canonical order. */
export const DOCUMENT_KIND_IDS = idsOf(DOCUMENT_KINDS);
/** Identifiers in their canonical order. */
export const ACQUISITION_METHOD_IDS = idsOf(ACQUISITION_METHODS);
/** Identifiers in board order. */
export const CASE_STAGE_IDS = idsOf(CASE_STAGES);
/** Identifiers from most to least powerful. */
export const GROUP_ROLE_IDS = idsOf(GROUP_ROLES);

/** One entry of a taxonomy list as the API serves it. */
export interface TaxonomyEntry {
  id: string;
  label: Label;
}

const entriesOf = (table: Record<string, Label>): TaxonomyEntry[] =>
  Object.entries(table).map(([id, label]) => ({ id, label }));

/** The whole taxonomy, as `GET /api/taxonomy` answers it. */
export const taxonomy = {
  technologies: entriesOf(TECHNOLOGIES),
  projectStatuses: entriesOf(PROJECT_STATUSES),
  documentKinds: entriesOf(DOCUMENT_KINDS),
  acquisitionMethods: entriesOf(ACQUISITION_METHODS),
  caseStages: entriesOf(CASE_STAGES),
  groupRoles: entriesOf(GROUP_ROLES),
};
/** Shape of `GET /api/taxonomy`. */
export type Taxonomy = typeof taxonomy;
