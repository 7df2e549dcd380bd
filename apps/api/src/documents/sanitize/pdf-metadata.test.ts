import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFString,
  StandardFonts,
  decodePDFRawStream,
} from '@pdfme/pdf-lib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stripPdfMetadata } from './pdf-metadata.js';

const PAGE_TEXTS = ['Camera contract, page one', 'Page two: the vendor'];
// Planted in the first revision's Info, XMP and PieceInfo, then in the second revision's Info.
const FIRST_SECRETS = [
  'Jean Dupont',
  'ScanApp on jean-laptop',
  'Leaked Producer',
  'surveillance',
  'Draft title',
  'xmpmeta',
  'Private Illustrator data',
];
const REVISION_SECRETS = ['Second Author', 'Revision Tool'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'technopolice-sanitize-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

let fileCount = 0;
async function strip(
  input: Uint8Array,
): Promise<{ output: Buffer; removed: string[]; pages: number }> {
  fileCount += 1;
  const inputPath = join(dir, `in-${fileCount}.pdf`);
  const outputPath = join(dir, `out-${fileCount}.pdf`);
  await writeFile(inputPath, input);
  const result = await stripPdfMetadata(inputPath, outputPath);
  return { ...result, output: await readFile(outputPath) };
}

/** Two pages of text, with Info, catalog XMP and a page PieceInfo, saved without object streams. */
async function documentWithMetadata(): Promise<Buffer> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const text of PAGE_TEXTS)
    document.addPage([300, 200]).drawText(text, { x: 20, y: 100, size: 12, font });
  const { context } = document;
  const info = {
    Author: PDFString.of('Jean Dupont'),
    Creator: PDFString.of('ScanApp on jean-laptop'),
    Producer: PDFString.of('Leaked Producer 1.0'),
    Keywords: PDFString.of('surveillance, cameras'),
    Title: PDFString.of('Draft title'),
  };
  context.trailerInfo.Info = context.register(context.obj(info));
  const xmp =
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Jean Dupont</dc:creator></x:xmpmeta>';
  document.catalog.set(
    PDFName.of('Metadata'),
    context.register(context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })),
  );
  const pieceInfo = context.obj({
    Illustrator: { Private: PDFString.of('Private Illustrator data') },
  });
  document.getPage(0).node.set(PDFName.of('PieceInfo'), pieceInfo);
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

/**
 * Appends an incremental update, as an editor saving again would: a new Info object under a
 * new number, a new xref section and a trailer pointing back with /Prev. The first Info stays
 * in the file, unreferenced.
 */
function appendInfoRevision(original: Buffer): Buffer {
  const text = original.toString('latin1');
  const size = Number(/\/Size (\d+)/.exec(text)?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(text)?.[1] ?? '';
  const previousXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const object = `\n${size} 0 obj\n<< /Author (Second Author) /Producer (Revision Tool 2.0) >>\nendobj\n`;
  const xrefOffset = original.length + object.length;
  const update = [
    object,
    'xref\n0 1\n0000000000 65535 f \n',
    `${size} 1\n${String(original.length + 1).padStart(10, '0')} 00000 n \n`,
    `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${previousXref} >>\n`,
    `startxref\n${xrefOffset}\n%%EOF\n`,
  ].join('');
  return Buffer.concat([original, Buffer.from(update, 'latin1')]);
}

/** Finds `text` as written literally or as pdf-lib's UTF-16 hex strings. */
function mentions(haystack: string, text: string): boolean {
  const utf16Hex = Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
  return haystack.includes(text) || haystack.toUpperCase().includes(utf16Hex);
}

/** The raw file plus every stream it holds, decoded: where a leftover string could hide. */
async function everythingIn(bytes: Buffer): Promise<string> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const decoded = document.context
    .enumerateIndirectObjects()
    .flatMap(([, object]) =>
      object instanceof PDFRawStream
        ? [Buffer.from(decodePDFRawStream(object).decode()).toString('latin1')]
        : [],
    );
  return [bytes.toString('latin1'), ...decoded].join('\n');
}

/** What pdfjs, the web app's viewer, reads: the text of each page. */
async function pdfjsTexts(bytes: Buffer): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    const pdf = await task.promise;
    const texts: string[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const content = await (await pdf.getPage(number)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
    }
    return texts;
  } finally {
    await task.destroy();
  }
}

/** A PDF written by hand, with the xref offsets computed. */
function handMadePdf(objects: string[], trailer: string): Buffer {
  let body = '%PDF-1.7\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xrefOffset = body.length;
  const entries = offsets
    .map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)
    .join('');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}`;
  body += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A camera-like JPEG: EXIF naming the photographer, and a comment. */
async function jpegWithExif(): Promise<Buffer> {
  const canvas = createCanvas(40, 24);
  canvas.getContext('2d').fillRect(0, 0, 10, 10);
  const jpeg = await canvas.encode('jpeg', 90);
  const tiff = Buffer.alloc(38);
  tiff.write('MM\0*', 0, 'latin1');
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x013b, 10); // Artist, ASCII, 12 bytes at offset 26
  tiff.writeUInt16BE(2, 12);
  tiff.writeUInt32BE(12, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.write('Jean Dupont\0', 26, 'latin1');
  const segment = (marker: number, payload: Buffer): Buffer => {
    const header = Buffer.from([0xff, marker, 0, 0]);
    header.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([header, payload]);
  };
  const metadata = [
    segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])),
    segment(0xfe, Buffer.from('Scanned by Jean Dupont')),
  ];
  return Buffer.concat([jpeg.subarray(0, 2), ...metadata, jpeg.subarray(2)]);
}

describe('stripPdfMetadata', () => {
  it('removes Info, XMP and PieceInfo, and the Info an earlier revision left behind', async () => {
    const input = appendInfoRevision(await documentWithMetadata());
    const before = await everythingIn(input);
    for (const secret of [...FIRST_SECRETS, ...REVISION_SECRETS])
      expect(mentions(before, secret), secret).toBe(true);

    const { output, removed, pages } = await strip(input);

    const after = await everythingIn(output);
    for (const secret of [...FIRST_SECRETS, ...REVISION_SECRETS])
      expect(mentions(after, secret), secret).toBe(false);
    for (const key of ['/Info', '/Metadata', '/PieceInfo', '/Producer', '/ModDate'])
      expect(after).not.toContain(key);
    expect(removed).toEqual(['pdf-info', 'pdf-xmp', 'pdf-piece-info', 'pdf-unreferenced-objects']);
    expect(pages).toBe(2);
    expect(await pdfjsTexts(output)).toEqual(PAGE_TEXTS);
    expect(await pdfjsTexts(input)).toEqual(PAGE_TEXTS);
  });

  it('strips EXIF and comments from embedded JPEG images, which still decode', async () => {
    const document = await PDFDocument.create({ updateMetadata: false });
    // A copy: pdf-lib reads the whole underlying ArrayBuffer, and small Buffers share a pool.
    const image = await document.embedJpg(new Uint8Array(await jpegWithExif()));
    document.addPage([100, 100]).drawImage(image, { x: 0, y: 0, width: 40, height: 24 });
    const input = Buffer.from(await document.save({ useObjectStreams: false }));
    expect(input.toString('latin1')).toContain('Jean Dupont');

    const { output, removed } = await strip(input);

    expect(output.toString('latin1')).not.toContain('Jean Dupont');
    expect(removed).toEqual(['pdf-image-metadata']);
    const stripped = (await PDFDocument.load(output)).context
      .enumerateIndirectObjects()
      .flatMap(([, object]) =>
        object instanceof PDFRawStream && object.dict.has(PDFName.of('Width'))
          ? [object.contents]
          : [],
      );
    expect(stripped).toHaveLength(1);
    const decoded = await loadImage(Buffer.from(stripped[0] ?? []));
    expect([decoded.width, decoded.height]).toEqual([40, 24]);
    expect((await pdfjsTexts(output)).length).toBe(1);
  });

  it('replaces the file ID, which may hash the original path', async () => {
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    ];
    const input = handMadePdf(
      objects,
      '/Root 1 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]',
    );

    const { output, removed } = await strip(input);

    expect(removed).toEqual(['pdf-id']);
    expect(output.toString('latin1')).toMatch(/\/ID \[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]/i);
    expect(output.toString('latin1')).not.toContain('0123456789ABCDEF');
  });

  it('refuses an encrypted PDF', async () => {
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      `<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <${'A1'.repeat(32)}> /U <${'B2'.repeat(32)}> >>`,
    ];
    const input = handMadePdf(
      objects,
      `/Root 1 0 R /Encrypt 4 0 R /ID [<${'C3'.repeat(16)}> <${'C3'.repeat(16)}>]`,
    );

    await expect(strip(input)).rejects.toMatchObject({ name: 'SanitizeError', code: 'encrypted' });
  });

  it('refuses random bytes after a PDF header', async () => {
    let seed = 42;
    const noise = Buffer.alloc(4096, 0).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed >> 16;
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const failure = strip(Buffer.concat([Buffer.from('%PDF-1.7\n'), noise]));
    await expect(failure).rejects.toMatchObject({
      code: 'malformed',
      message: 'the PDF has no catalog',
    });
  });

  describe('a truncated PDF', () => {
    it('is accepted when only the cross-reference table and trailer are cut', async () => {
      const whole = await documentWithMetadata();
      const cut = whole.subarray(0, whole.lastIndexOf('xref') + 30);

      const { output, pages } = await strip(cut);

      expect(pages).toBe(2);
      expect(await pdfjsTexts(output)).toEqual(PAGE_TEXTS);
    });

    it('is refused when a page is missing or the cut falls inside an object', async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const whole = await documentWithMetadata();
      const text = whole.toString('latin1');
      const secondPage = text.lastIndexOf('/Type /Page\n');
      const beforeSecondPage = text.lastIndexOf('endobj', secondPage) + 'endobj'.length;

      await expect(strip(whole.subarray(0, beforeSecondPage))).rejects.toMatchObject({
        code: 'malformed',
        message: 'the PDF announces 2 pages but only 1 can be read',
      });
      await expect(strip(whole.subarray(0, secondPage))).rejects.toMatchObject({
        code: 'malformed',
        message: 'the PDF cannot be parsed',
      });
    });
  });
});
