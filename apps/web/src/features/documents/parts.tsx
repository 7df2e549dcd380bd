import {
  ACQUISITION_METHODS,
  DOCUMENT_KINDS,
  TEXT_ERRORS,
  type AcquisitionMethod,
  type CaseDocument,
  type DocumentFamily,
  type DocumentKind,
  type Language,
  type TextError,
} from '@technopolice/shared';
import {
  CircleAlert,
  File,
  FileAudio,
  FileImage,
  FilePen,
  FileText,
  FileType,
  FileVideo,
  LoaderCircle,
  ScanText,
  TextSearch,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';

/** Small pieces every documents view shares: icons, sizes, labels, the text status. */

const FAMILY_ICONS: Record<DocumentFamily, LucideIcon> = {
  pdf: FileText,
  image: FileImage,
  office: FilePen,
  text: FileType,
  audio: FileAudio,
  video: FileVideo,
};

/** The icon of a family of files, in its colour. */
export function FamilyIcon({
  family,
  size = 20,
}: {
  family: DocumentFamily | null;
  size?: number;
}) {
  const Icon = family ? FAMILY_ICONS[family] : File;
  return (
    <span className="family-icon" data-family={family ?? 'unknown'} aria-hidden="true">
      <Icon size={size} />
    </span>
  );
}

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };
const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** A size as people read it: `2,4 Mo` in French, `2.4 MB` in English (powers of 1024). */
export function formatBytes(bytes: number, language: Language): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

/** A kind of document in the interface language. */
export function kindLabel(kind: DocumentKind, language: Language): string {
  return DOCUMENT_KINDS[kind][language];
}

/** How a document was obtained, in the interface language. */
export function acquisitionLabel(method: AcquisitionMethod, language: Language): string {
  return ACQUISITION_METHODS[method][language];
}

/** Why extraction failed, in words ("the PDF is password-protected"). */
export function useTextErrorReason(): (error: TextError | null) => string {
  const { t } = useTranslation();
  return (error) =>
    error && (TEXT_ERRORS as readonly string[]).includes(error)
      ? t(`document.textErrors.${error}`)
      : t('document.textErrors.unknown');
}

/**
 * Where the text of a document stands, in a short badge: being read, extracted (with its
 * pages), failed (with the reason), or nothing to read.
 */
export function TextStatusBadge({
  document,
}: {
  document: Pick<CaseDocument, 'textStatus' | 'textError' | 'pages' | 'ocrPages'>;
}) {
  const { t } = useTranslation();
  const reason = useTextErrorReason();
  switch (document.textStatus) {
    case 'pending':
      return (
        <span className="text-status" data-status="pending">
          <LoaderCircle size={14} aria-hidden="true" className="spin" />
          {t('document.text.pending')}
        </span>
      );
    case 'done':
      return (
        <span className="text-status" data-status="done">
          {document.ocrPages > 0 ? (
            <ScanText size={14} aria-hidden="true" />
          ) : (
            <TextSearch size={14} aria-hidden="true" />
          )}
          {document.pages
            ? t('document.text.done', { count: document.pages })
            : t('document.text.doneNoPages')}
        </span>
      );
    case 'failed':
      return (
        <span className="text-status" data-status="failed">
          <CircleAlert size={14} aria-hidden="true" />
          {t('document.text.failed', { reason: reason(document.textError) })}
        </span>
      );
    case 'none':
      return (
        <span className="text-status" data-status="none">
          {t('document.text.none')}
        </span>
      );
  }
}

/** The interface language's labels of the taxonomy, for selects. */
export function useDocumentLabels() {
  const language = useLanguage();
  return {
    language,
    kind: (kind: DocumentKind) => kindLabel(kind, language),
    acquisition: (method: AcquisitionMethod) => acquisitionLabel(method, language),
    bytes: (size: number) => formatBytes(size, language),
  };
}
