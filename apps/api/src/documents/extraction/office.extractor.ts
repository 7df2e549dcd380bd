import { ExtractionError, type RawText } from './extraction.types.js';
import { attribute, scanXml, type XmlHandler } from './xml-text.js';
import { OFFICE_ZIP_LIMITS, readZipTexts, type ZipLimits, type ZipTexts } from './zip-entries.js';

/** The office formats read from their zipped XML. */
export type OfficeKind = 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp';

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const SLIDE = /^ppt\/slides\/slide(\d+)\.xml$/;
const ODF_MANIFEST = 'META-INF/manifest.xml';
// A `<text:s text:c="1000000000"/>` must not become a gigabyte of spaces.
const MAX_SPACE_RUN = 100;

// The entry every file of a kind has: without it the zip is something else.
const REQUIRED: Record<OfficeKind, string> = {
  docx: 'word/document.xml',
  xlsx: 'xl/workbook.xml',
  pptx: 'ppt/presentation.xml',
  odt: 'content.xml',
  ods: 'content.xml',
  odp: 'content.xml',
};

const WANTED: Record<OfficeKind, (name: string) => boolean> = {
  docx: (name) => name === 'word/document.xml',
  xlsx: (name) => name === 'xl/sharedStrings.xml' || SHEET.test(name),
  pptx: (name) => SLIDE.test(name),
  odt: (name) => name === 'content.xml' || name === ODF_MANIFEST,
  ods: (name) => name === 'content.xml' || name === ODF_MANIFEST,
  odp: (name) => name === 'content.xml' || name === ODF_MANIFEST,
};

/**
 * Wraps a handler so that it sees nothing inside the named elements: duplicated or deleted
 * content such as Word's `mc:Fallback` copies or ODF tracked changes.
 */
function skipping(names: ReadonlySet<string>, handler: XmlHandler): XmlHandler {
  let depth = 0;
  return {
    open(name, attributes, selfClosing) {
      if (depth > 0 || names.has(name)) depth += 1;
      else handler.open(name, attributes, selfClosing);
    },
    close(name) {
      if (depth > 0) depth -= 1;
      else handler.close(name);
    },
    text(value) {
      if (depth === 0) handler.text(value);
    },
  };
}

/** Text of a WordprocessingML body: runs' `w:t`, tabs and breaks, a line per paragraph. */
export function wordText(xml: string): string {
  const out: string[] = [];
  let inText = 0;
  let inRun = 0;
  scanXml(
    xml,
    skipping(new Set(['mc:Fallback']), {
      open(name) {
        if (name === 'w:t') inText += 1;
        else if (name === 'w:r') inRun += 1;
        // Outside a run, w:tab is a tab-stop definition, not a character.
        else if (inRun > 0 && name === 'w:tab') out.push('\t');
        else if (inRun > 0 && (name === 'w:br' || name === 'w:cr')) out.push('\n');
        else if (inRun > 0 && name === 'w:noBreakHyphen') out.push('-');
      },
      close(name) {
        if (name === 'w:t') inText -= 1;
        else if (name === 'w:r') inRun -= 1;
        else if (name === 'w:p') out.push('\n');
      },
      text(value) {
        if (inText > 0) out.push(value);
      },
    }),
  );
  return out.join('');
}

/** The shared-string table of a workbook, phonetic guides left out. */
export function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = 0;
  scanXml(
    xml,
    skipping(new Set(['rPh']), {
      open(name) {
        if (name === 'si') current = [];
        else if (name === 't') inText += 1;
      },
      close(name) {
        if (name === 't') inText -= 1;
        else if (name === 'si' && current) strings.push(current.join(''));
      },
      text(value) {
        if (inText > 0 && current) current.push(value);
      },
    }),
  );
  return strings;
}

/** Text cells of a worksheet (shared, inline and formula strings): tabs between, a row a line. */
export function sheetText(xml: string, strings: readonly string[]): string {
  const out: string[] = [];
  let type: string | null = null;
  let value: string[] | null = null;
  let inInlineText = 0;
  scanXml(xml, {
    open(name, attributes) {
      if (name === 'c') type = attribute(attributes, 't');
      else if (name === 'v' || name === 'is') value = [];
      else if (name === 't') inInlineText += 1;
    },
    close(name) {
      if (name === 't') inInlineText -= 1;
      else if (name === 'row') out.push('\n');
      else if (name === 'c') type = null;
      else if ((name === 'v' || name === 'is') && value) {
        const raw = value.join('');
        value = null;
        const text =
          type === 's'
            ? strings[Number(raw)]
            : type === 'str' || type === 'inlineStr'
              ? raw
              : undefined;
        if (text) out.push(text, '\t');
      }
    },
    text(text) {
      if (value && (type !== 'inlineStr' || inInlineText > 0)) value.push(text);
    },
  });
  return out.join('');
}

/** Text of a DrawingML slide: `a:t` runs, a line per paragraph. */
export function slideText(xml: string): string {
  const out: string[] = [];
  let inText = 0;
  scanXml(xml, {
    open(name) {
      if (name === 'a:t') inText += 1;
      else if (name === 'a:br') out.push('\n');
    },
    close(name) {
      if (name === 'a:t') inText -= 1;
      else if (name === 'a:p') out.push('\n');
    },
    text(value) {
      if (inText > 0) out.push(value);
    },
  });
  return out.join('');
}

/**
 * Text of an ODF `content.xml`, split into pages: one for a text document, a `draw:page` each
 * for a presentation, a top-level `table:table` each (a sheet) for a spreadsheet.
 */
export function odfPages(xml: string, kind: 'odt' | 'ods' | 'odp'): string[] {
  const pages: string[][] = [];
  let page: string[] = [];
  let inParagraph = 0;
  let tableDepth = 0;
  const newPage = () => {
    page = [];
    pages.push(page);
  };
  if (kind === 'odt') newPage();
  scanXml(
    xml,
    skipping(new Set(['text:tracked-changes']), {
      open(name, attributes) {
        if (name === 'text:p' || name === 'text:h') inParagraph += 1;
        else if (name === 'draw:page' && kind === 'odp') newPage();
        else if (name === 'table:table' && kind === 'ods' && tableDepth++ === 0) newPage();
        else if (name === 'text:s') {
          const count = Number(attribute(attributes, 'text:c') ?? 1);
          page.push(
            ' '.repeat(Math.min(Number.isInteger(count) && count > 0 ? count : 1, MAX_SPACE_RUN)),
          );
        } else if (name === 'text:tab') page.push('\t');
        else if (name === 'text:line-break') page.push('\n');
      },
      close(name) {
        if (name === 'text:p' || name === 'text:h') {
          inParagraph -= 1;
          // In a sheet a cell's paragraphs stay on its row.
          page.push(kind === 'ods' ? ' ' : '\n');
        } else if (name === 'table:table' && kind === 'ods') tableDepth -= 1;
        else if (
          kind === 'ods' &&
          (name === 'table:table-cell' || name === 'table:covered-table-cell')
        ) {
          page.push('\t');
        } else if (kind === 'ods' && name === 'table:table-row') page.push('\n');
      },
      text(value) {
        // ODF collapses white space in paragraphs; real spaces are written as text:s.
        if (inParagraph > 0) page.push(value.replace(/[ \t\r\n]+/g, ' '));
      },
    }),
  );
  return pages.map((parts) => parts.join(''));
}

function numbered(texts: Map<string, string>, pattern: RegExp): string[] {
  return [...texts.entries()]
    .map(([name, xml]) => ({ index: Number(pattern.exec(name)?.[1]), xml }))
    .filter(({ index }) => Number.isInteger(index))
    .sort((a, b) => a.index - b.index)
    .map(({ xml }) => xml);
}

function checkEntries(zip: ZipTexts, kind: OfficeKind): void {
  const required = REQUIRED[kind];
  if (!zip.names.includes(required)) {
    throw new ExtractionError(
      'malformed',
      `The file has no ${required}: it is not a ${kind} file.`,
    );
  }
  const manifest = zip.texts.get(ODF_MANIFEST);
  if (manifest?.includes('manifest:encryption-data')) {
    throw new ExtractionError('encrypted', 'The document is password-protected.');
  }
  const damaged = [...zip.damaged];
  if (damaged.length > 0) {
    throw new ExtractionError('malformed', `Entries cannot be inflated: ${damaged.join(', ')}.`);
  }
}

function asPages(texts: string[]): RawText['pages'] {
  return texts.map((text, index) => ({ number: index + 1, text }));
}

function pagesOf(
  zip: ZipTexts,
  kind: OfficeKind,
): { pageCount: number | null; pages: RawText['pages'] } {
  switch (kind) {
    case 'docx':
      return { pageCount: null, pages: asPages([wordText(zip.texts.get(REQUIRED.docx) ?? '')]) };
    case 'xlsx': {
      const strings = sharedStrings(zip.texts.get('xl/sharedStrings.xml') ?? '');
      const sheets = numbered(zip.texts, SHEET).map((xml) => sheetText(xml, strings));
      return { pageCount: sheets.length, pages: asPages(sheets) };
    }
    case 'pptx': {
      const slides = numbered(zip.texts, SLIDE).map(slideText);
      return { pageCount: slides.length, pages: asPages(slides) };
    }
    case 'odt':
    case 'ods':
    case 'odp': {
      const pages = odfPages(zip.texts.get('content.xml') ?? '', kind);
      return { pageCount: kind === 'odt' ? null : pages.length, pages: asPages(pages) };
    }
  }
}

/**
 * Text of an OOXML or ODF document. Word-processing documents have no fixed pages (pageCount
 * null, all text on page 1); workbooks give a page per sheet, presentations one per slide.
 */
export async function extractOffice(
  path: string,
  kind: OfficeKind,
  limits: ZipLimits = OFFICE_ZIP_LIMITS,
): Promise<RawText> {
  const zip = await readZipTexts(path, WANTED[kind], limits);
  checkEntries(zip, kind);
  return { ...pagesOf(zip, kind), ocrPages: 0, truncated: false };
}
