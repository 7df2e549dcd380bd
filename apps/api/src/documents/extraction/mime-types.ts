/** How the child reads a file, chosen from its sniffed MIME type. */
export type ExtractorKind =
  'pdf' | 'image' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp' | 'text';

// Names as file-type reports them (the upload pipeline sniffs types with it).
const KINDS: Readonly<Record<string, ExtractorKind>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'text/plain': 'text',
  'text/csv': 'text',
  'text/markdown': 'text',
};

/** The extractor for a MIME type (parameters such as `; charset=` ignored), or null. */
export function extractorKind(mime: string): ExtractorKind | null {
  const plain = mime.split(';')[0]!.trim().toLowerCase();
  return Object.hasOwn(KINDS, plain) ? KINDS[plain]! : null;
}

/**
 * Whether text can be extracted from files of this MIME type. False for audio, video, legacy
 * binary office files and anything else: the caller then records the text status 'none'.
 */
export function extractable(mime: string): boolean {
  return extractorKind(mime) !== null;
}
