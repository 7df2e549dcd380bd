import {
  DOCUMENT_KINDS,
  type Language,
  PROJECT_STATUSES,
  TECHNOLOGIES,
} from '@technopolice/shared';

/** The words of the public pages, French first. */
const TEXT = {
  fr: {
    locale: 'fr-FR',
    ogLocale: 'fr_FR',
    siteName: 'Technopolice',
    colon: '\u00a0: ',
    tagline: 'La surveillance de nos villes, documentée par celles et ceux qui y vivent',
    skip: 'Aller au contenu',
    mainNav: 'Navigation principale',
    allCases: 'Tous les dossiers',
    feed: 'Flux Atom',
    feedTitle: 'Technopolice : dossiers publiés et mis à jour',
    footer:
      'Dossiers publiés par les groupes locaux de la campagne Technopolice. Ces pages ne contiennent aucun traceur et ne chargent aucune ressource extérieure.',
    switchLanguage: 'Read in English',
    publishedBy: 'Publié par',
    firstPublished: 'Publié le',
    updated: 'mis à jour le',
    facts: 'En bref',
    place: 'Lieu',
    technologies: 'Technologies',
    projectStatus: 'Statut du projet',
    budget: 'Budget',
    budgetUnknown: 'Non communiqué',
    budgetSource: 'Source',
    tags: 'Mots-clés',
    actors: 'Acteurs',
    actorKinds: { vendor: 'Fournisseur', 'public-body': 'Organisme public', other: 'Autre' },
    summary: 'Synthèse',
    timeline: 'Chronologie',
    documents: 'Documents publics',
    noDocuments: 'Aucun document public pour cette version.',
    documentOpen: 'Ouvrir le document',
    documentRemoved: 'plus publié dans la version actuelle',
    pages: (n: number) => (n > 1 ? `${n} pages` : '1 page'),
    revisions: 'Historique des versions',
    revision: (n: number) => `Version ${n}`,
    current: 'actuelle',
    firstVersion: 'Première publication',
    olderNotice: (n: number, current: number) =>
      `Vous lisez la version ${n} de ce dossier. Une version plus récente (version ${current}) est publiée.`,
    readCurrent: 'Lire la version actuelle',
    citedDocument: 'document',
    // The listing
    listTitle: 'Dossiers publiés',
    listLead:
      'Projets de « Safe City » documentés par les groupes locaux : vidéosurveillance algorithmique, reconnaissance faciale, capteurs sonores, drones…',
    filters: 'Filtrer les dossiers',
    filterTechnology: 'Technologie',
    filterStatus: 'Statut du projet',
    filterDepartment: 'Département',
    filterGroup: 'Groupe local',
    anyTechnology: 'Toutes les technologies',
    anyStatus: 'Tous les statuts',
    anyDepartment: 'Tous les départements',
    anyGroup: 'Tous les groupes',
    anyCity: 'Toutes les communes',
    updatedOn: 'Mis à jour le',
    filterApply: 'Filtrer',
    filterReset: 'Retirer les filtres',
    filterCity: 'Commune',
    mapTitle: 'Carte des dossiers publiés',
    mapHint: 'Chaque point est un dossier ; survolez-le pour son titre, cliquez pour le lire.',
    results: (n: number) =>
      n === 0 ? 'Aucun dossier' : n === 1 ? '1 dossier' : `${n.toLocaleString('fr-FR')} dossiers`,
    noResults: 'Aucun dossier publié ne correspond à ces filtres.',
    next: 'Dossiers suivants',
    previous: 'Dossiers précédents',
    listNav: 'Pages de résultats',
    // Errors
    notFoundTitle: 'Page introuvable',
    notFoundLead:
      'Aucun dossier publié ne se trouve à cette adresse. Il a peut-être été déplacé, ou l’adresse est incomplète.',
    goneTitle: 'Dossier retiré',
    goneLead: (group: string, date: string) =>
      `Ce dossier, publié par ${group}, a été retiré de la publication le ${date}.`,
    goneReason: 'Motif indiqué par le groupe',
    badFilterTitle: 'Filtre non reconnu',
    badFilterLead: 'Un des filtres de cette adresse n’a pas une valeur que nous connaissons :',
    errorTitle: 'Une erreur est survenue',
    errorLead: 'Cette page n’a pas pu être affichée. Réessayez dans un instant.',
    backToList: 'Voir tous les dossiers publiés',
    // Feed
    feedNew: 'Nouveau dossier',
    feedRevised: 'Dossier mis à jour',
  },
  en: {
    locale: 'en-GB',
    ogLocale: 'en_GB',
    siteName: 'Technopolice',
    colon: ': ',
    tagline: 'Surveillance in our cities, documented by the people who live there',
    skip: 'Skip to content',
    mainNav: 'Main navigation',
    allCases: 'All cases',
    feed: 'Atom feed',
    feedTitle: 'Technopolice: published and updated cases',
    footer:
      'Cases published by the local groups of the Technopolice campaign. These pages hold no tracker and load nothing from elsewhere.',
    switchLanguage: 'Lire en français',
    publishedBy: 'Published by',
    firstPublished: 'Published on',
    updated: 'updated on',
    facts: 'Key facts',
    place: 'Place',
    technologies: 'Technologies',
    projectStatus: 'Project status',
    budget: 'Budget',
    budgetUnknown: 'Not disclosed',
    budgetSource: 'Source',
    tags: 'Tags',
    actors: 'Actors',
    actorKinds: { vendor: 'Vendor', 'public-body': 'Public body', other: 'Other' },
    summary: 'Summary',
    timeline: 'Timeline',
    documents: 'Public documents',
    noDocuments: 'No public document for this version.',
    documentOpen: 'Open the document',
    documentRemoved: 'no longer published in the current version',
    pages: (n: number) => (n > 1 ? `${n} pages` : '1 page'),
    revisions: 'Version history',
    revision: (n: number) => `Version ${n}`,
    current: 'current',
    firstVersion: 'First publication',
    olderNotice: (n: number, current: number) =>
      `You are reading version ${n} of this case. A newer version (version ${current}) is published.`,
    readCurrent: 'Read the current version',
    citedDocument: 'document',
    listTitle: 'Published cases',
    listLead: 'Safe City projects documented by local groups.',
    filters: 'Filter the cases',
    filterTechnology: 'Technology',
    filterStatus: 'Project status',
    filterDepartment: 'Department',
    filterGroup: 'Local group',
    anyTechnology: 'All technologies',
    anyStatus: 'All statuses',
    anyDepartment: 'All departments',
    anyGroup: 'All groups',
    anyCity: 'All municipalities',
    updatedOn: 'Updated on',
    filterApply: 'Filter',
    filterReset: 'Clear the filters',
    filterCity: 'Municipality',
    mapTitle: 'Map of the published cases',
    mapHint: 'Each dot is a case; hover for its title, click to read it.',
    results: (n: number) => (n === 1 ? '1 case' : `${n.toLocaleString('en-GB')} cases`),
    noResults: 'No published case matches these filters.',
    next: 'Next cases',
    previous: 'Previous cases',
    listNav: 'Result pages',
    notFoundTitle: 'Page not found',
    notFoundLead: 'No published case lives at this address.',
    goneTitle: 'Case withdrawn',
    goneLead: (group: string, date: string) =>
      `This case, published by ${group}, was withdrawn on ${date}.`,
    goneReason: 'Reason given by the group',
    badFilterTitle: 'Unknown filter',
    badFilterLead: 'A filter of this address has a value we do not know:',
    errorTitle: 'Something went wrong',
    errorLead: 'This page could not be shown. Try again in a moment.',
    backToList: 'See all published cases',
    feedNew: 'New case',
    feedRevised: 'Updated case',
  },
} as const;

export type PublicText = (typeof TEXT)['fr'] | (typeof TEXT)['en'];
export const textFor = (language: Language): PublicText => TEXT[language];

const dateFormats = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }),
};
const dayFormats = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};
const euros = {
  fr: new Intl.NumberFormat('fr-FR', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }),
  en: new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }),
};

/** A moment as people in France read it: "29 novembre 2026". */
export function formatDate(at: Date, language: Language): string {
  return dateFormats[language].format(at);
}

/** A calendar day (`YYYY-MM-DD`, no time zone): "3 mars 2024". */
export function formatDay(day: string, language: Language): string {
  const at = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? day : dayFormats[language].format(at);
}

/** An amount in euros, whole: "1 200 000 €". */
export function formatEuros(amount: number, language: Language): string {
  return euros[language].format(amount);
}

/** A file size: "1,2 Mo" in French, "1.2 MB" in English. */
export function formatSize(bytes: number, language: Language): string {
  const units = language === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits })}\u00a0${units[unit]}`;
}

/** A short name of a file type for readers: "PDF", "image JPEG". */
export function formatType(mimeType: string, language: Language): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'image/jpeg': 'JPEG',
    'image/png': 'PNG',
    'image/webp': 'WebP',
    'image/gif': 'GIF',
    'text/plain': language === 'fr' ? 'texte' : 'text',
    'text/csv': 'CSV',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
    'application/msword': 'Word',
    'application/vnd.oasis.opendocument.text': 'ODT',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
    'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
    'video/mp4': 'MP4',
    'audio/mpeg': 'MP3',
  };
  return known[mimeType] ?? mimeType.split('/')[1]?.toUpperCase() ?? mimeType;
}

const labelIn = (
  table: Record<string, { fr: string; en: string }>,
  id: string,
  language: Language,
): string => table[id]?.[language] ?? id;

export const technologyLabel = (id: string, language: Language) =>
  labelIn(TECHNOLOGIES, id, language);
export const projectStatusLabel = (id: string, language: Language) =>
  labelIn(PROJECT_STATUSES, id, language);
export const documentKindLabel = (id: string, language: Language) =>
  labelIn(DOCUMENT_KINDS, id, language);
