// End-to-end tests of the isolated extraction: each call forks the compiled child
// (dist/documents/extraction/child.js), so run the api build first.
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from '@pdfme/pdf-lib';
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_PAGES } from './extraction.limits.js';
import { ExtractionError, type ExtractedText } from './extraction.types.js';
import { childEntryPath, extractInIsolation, outcomeFailure } from './isolated-extraction.js';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ODT = 'application/vnd.oasis.opendocument.text';
const FRENCH_PAGES = [
  'Délibération du conseil municipal de Nîmes sur la vidéoprotection',
  'Le conseil a voté pour les caméras dans le centre de la ville',
  'Coût prévu : 12 000 € pour le marché de maintenance',
];

let dir: string;
beforeAll(async () => {
  assertBuildIsFresh();
  dir = await mkdtemp(join(tmpdir(), 'technopolice-extraction-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The child runs from dist/: a build older than the sources would test yesterday's code. */
function assertBuildIsFresh(): void {
  const compiledDir = dirname(childEntryPath());
  const sourceDir = dirname(fileURLToPath(import.meta.url));
  const stale = readdirSync(sourceDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .filter((name) => {
      const compiled = join(compiledDir, name.replace(/\.ts$/, '.js'));
      return (
        !existsSync(compiled) ||
        statSync(compiled).mtimeMs < statSync(join(sourceDir, name)).mtimeMs
      );
    });
  if (stale.length > 0) {
    throw new Error(
      `dist/ is older than ${stale.join(', ')}: run the api build first (npx tsc -p tsconfig.build.json).`,
    );
  }
}

async function fixture(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    console.info(`${label}: ${Math.round(performance.now() - start)} ms`);
  }
}

async function failure(promise: Promise<unknown>): Promise<ExtractionError> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ExtractionError))
    throw new Error(`expected an ExtractionError, got ${String(error)}`);
  return error;
}

/** Processes whose parent is this one, zombies included (they keep their /proc entry). */
function childProcesses(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return (
          /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ===
          String(process.pid)
        );
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

async function textPdf(pages: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of pages) {
    const page = doc.addPage([595, 842]);
    page.drawText(line, { x: 50, y: 780, size: 14, font });
    page.drawText('Annexe au procès-verbal de la séance.', { x: 50, y: 760, size: 11, font });
  }
  return doc.save({ objectsPerTick: Infinity });
}

async function textImage(lines: readonly string[], background = '#ffffff'): Promise<Buffer> {
  const canvas = createCanvas(1400, 140 + 110 * lines.length);
  const context = canvas.getContext('2d');
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#111111';
  context.font = 'bold 64px sans-serif';
  lines.forEach((line, index) => context.fillText(line, 60, 150 + 110 * index));
  return canvas.encode('png');
}

/** A hand-made PDF whose standard security handler (V2, R3) the empty password cannot open. */
function encryptedPdf(): Uint8Array {
  const hex = (bytes: number) => randomBytes(bytes).toString('hex');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <${hex(32)}> /U <${hex(32)}> >>`,
  ];
  let pdf = '%PDF-1.7\n';
  const offsets = objects.map((body, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  const id = hex(16);
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${id}> <${id}>] >>\n`;
  pdf += `startxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A docx whose document.xml inflates to `megabytes` MB, streamed so the test never holds it. */
async function zipBomb(path: string, megabytes: number): Promise<void> {
  const out = createWriteStream(path);
  const zip = new Zip((error, chunk, final) => {
    if (error) throw error;
    out.write(chunk);
    if (final) out.end();
  });
  const types = new ZipDeflate('[Content_Types].xml');
  zip.add(types);
  types.push(strToU8('<Types/>'), true);
  const document = new ZipDeflate('word/document.xml', { level: 6 });
  zip.add(document);
  const block = new Uint8Array(1024 * 1024).fill(0x61);
  for (let index = 0; index < megabytes; index += 1) document.push(block);
  document.push(new Uint8Array(0), true);
  zip.end();
  await once(out, 'finish');
}

describe('extractInIsolation: PDF', () => {
  it('reads the text layer of each page and detects French', async () => {
    const path = await fixture('text.pdf', await textPdf(FRENCH_PAGES));
    const text = await timed('text PDF (3 pages)', () => extractInIsolation(path, PDF));
    expect(text).toEqual<ExtractedText>({
      pageCount: 3,
      pages: FRENCH_PAGES.map((line, index) => ({
        number: index + 1,
        text: `${line}\nAnnexe au procès-verbal de la séance.`,
      })),
      language: 'fr',
      ocrPages: 0,
      truncated: false,
    });
  });

  it('OCRs a scanned page that has no text layer', async () => {
    const doc = await PDFDocument.create();
    const image = await doc.embedPng(
      await textImage(['Vidéoprotection algorithmique', 'à Marseille']),
    );
    // A strip of a page rather than a whole A4: the same OCR path, for a third of the pixels.
    doc
      .addPage([595, 280])
      .drawImage(image, { x: 20, y: 60, width: 555, height: 555 * (image.height / image.width) });
    const path = await fixture('scan.pdf', await doc.save());
    const text = await timed('scanned PDF (1 page OCR)', () => extractInIsolation(path, PDF));
    expect(text.pageCount).toBe(1);
    expect(text.ocrPages).toBe(1);
    expect(text.pages).toHaveLength(1);
    expect(text.pages[0]?.text).toContain('Marseille');
    expect(text.pages[0]?.text).toMatch(/Vid[ée]oprotection/);
  });

  it('refuses a password-protected PDF as encrypted, permanently', async () => {
    const path = await fixture('encrypted.pdf', encryptedPdf());
    const error = await failure(extractInIsolation(path, PDF));
    expect(error.code).toBe('encrypted');
    expect(error.permanent).toBe(true);
  });

  it('refuses a broken PDF as malformed', async () => {
    const path = await fixture(
      'broken.pdf',
      Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]),
    );
    const error = await failure(extractInIsolation(path, PDF));
    expect(error.code).toBe('malformed');
    expect(error.permanent).toBe(true);
  });

  describe('a 10,000-page PDF', () => {
    let path: string;
    beforeAll(async () => {
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      for (let index = 1; index <= 10_000; index += 1) {
        doc
          .addPage([300, 100])
          .drawText(`Page ${index} du registre des caméras`, { x: 10, y: 50, size: 10, font });
      }
      path = await fixture(
        'huge.pdf',
        await timed('making the 10,000-page PDF', () => doc.save({ objectsPerTick: Infinity })),
      );
    }, 60_000);

    it('reads the text of the first MAX_TEXT_PAGES pages and says it truncated', async () => {
      const text = await timed('10,000-page PDF', () => extractInIsolation(path, PDF));
      expect(text.pageCount).toBe(10_000);
      expect(text.pages).toHaveLength(MAX_TEXT_PAGES);
      expect(text.pages.at(-1)).toEqual({
        number: 2000,
        text: 'Page 2000 du registre des caméras',
      });
      expect(text.truncated).toBe(true);
      expect(text.ocrPages).toBe(0);
    }, 60_000);

    it('kills a child that outgrows its memory limit (out_of_memory, retryable)', async () => {
      const error = await failure(extractInIsolation(path, PDF, { maxMemoryMb: 60 }));
      expect(error.code).toBe('out_of_memory');
      expect(error.permanent).toBe(false);
    });
  });
});

describe('extractInIsolation: images, office files, text', () => {
  it('OCRs a photo of text', async () => {
    const path = await fixture(
      'photo.png',
      await textImage(['Caméra de surveillance', 'Place Masséna'], '#e8e4da'),
    );
    const text = await timed('PNG (OCR)', () => extractInIsolation(path, 'image/png'));
    expect(text).toMatchObject({ pageCount: 1, ocrPages: 1, truncated: false });
    expect(text.pages[0]?.text).toContain('surveillance');
    expect(text.pages[0]?.text).toContain('Place');
  });

  it('reads a docx and an odt', async () => {
    const docx = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': strToU8(
        '<w:document><w:body><w:p><w:r><w:t>Marché public &amp; vidéoprotection</w:t></w:r></w:p><w:p><w:r><w:t>Le titulaire est la société</w:t></w:r></w:p></w:body></w:document>',
      ),
    });
    const odt = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': strToU8(
        '<office:document-content><office:body><office:text><text:h>Council minutes</text:h><text:p>The council voted for the cameras in the town.</text:p></office:text></office:body></office:document-content>',
      ),
    });
    const fromDocx = await extractInIsolation(await fixture('contract.docx', docx), DOCX);
    expect(fromDocx).toEqual<ExtractedText>({
      pageCount: null,
      pages: [{ number: 1, text: 'Marché public & vidéoprotection\nLe titulaire est la société' }],
      language: 'fr',
      ocrPages: 0,
      truncated: false,
    });
    const fromOdt = await extractInIsolation(await fixture('minutes.odt', odt), ODT);
    expect(fromOdt.pages).toEqual([
      { number: 1, text: 'Council minutes\nThe council voted for the cameras in the town.' },
    ]);
    expect(fromOdt.language).toBe('en');
  });

  it('refuses a zip bomb as too_large, quickly', async () => {
    const path = join(dir, 'bomb.docx');
    await timed('making the 200 MB zip bomb', () => zipBomb(path, 200));
    const start = performance.now();
    const error = await failure(timed('zip bomb', () => extractInIsolation(path, DOCX)));
    expect(error.code).toBe('too_large');
    expect(error.permanent).toBe(true);
    // Refused on the ratio after about a megabyte, not after inflating all 200 MB.
    expect(error.message).toMatch(/more than 100 times/);
    expect(performance.now() - start).toBeLessThan(10_000);
  }, 30_000);

  it('decodes a windows-1252 text file', async () => {
    // "Caméras à 1 500 € : l'œuvre « sécuritaire »" in windows-1252.
    const bytes = Buffer.from(
      'Cam\xe9ras \xe0 1 500 \x80 : l\x92\x9cuvre \xab s\xe9curitaire \xbb',
      'latin1',
    );
    const text = await extractInIsolation(
      await fixture('note.txt', bytes),
      'text/plain; charset=unknown',
    );
    expect(text.pages).toEqual([
      { number: 1, text: 'Caméras à 1 500 € : l’œuvre « sécuritaire »' },
    ]);
    expect(text.pageCount).toBe(1);
  });

  it('refuses what it cannot read without starting a child', async () => {
    const error = await failure(extractInIsolation(await fixture('song.mp3', 'ID3'), 'audio/mpeg'));
    expect(error.code).toBe('unsupported');
    expect(error.permanent).toBe(true);
  });
});

describe('extractInIsolation: the child process', () => {
  it('kills a child past its timeout and leaves no process or scratch directory behind', async () => {
    const path = await fixture('slow.pdf', await textPdf(FRENCH_PAGES));
    const before = new Set(childProcesses());
    const scratch = async () =>
      (await readdir(tmpdir())).filter(
        (name) => name.startsWith('technopolice-extraction-') && !name.includes('test'),
      );
    const scratchBefore = new Set(await scratch());
    const error = await failure(extractInIsolation(path, PDF, { timeoutMs: 50 }));
    expect(error.code).toBe('timeout');
    expect(error.permanent).toBe(false);
    expect(childProcesses().filter((pid) => !before.has(pid))).toEqual([]);
    expect((await scratch()).filter((name) => !scratchBefore.has(name))).toEqual([]);
  });

  it('kills the child on abort and rejects with the reason', async () => {
    const path = await fixture('aborted.pdf', await textPdf(FRENCH_PAGES));
    const before = new Set(childProcesses());
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('upload deleted')), 30);
    await expect(extractInIsolation(path, PDF, { signal: controller.signal })).rejects.toThrow(
      'upload deleted',
    );
    expect(childProcesses().filter((pid) => !before.has(pid))).toEqual([]);
  });

  it('tells a heap exhaustion and other deaths apart', () => {
    const limits = { timeoutMs: 1000, maxMemoryMb: 64 };
    const died = { message: null, killedFor: null, exitCode: null, signal: 'SIGABRT' as const };
    const oom = outcomeFailure(
      {
        ...died,
        stderr: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      },
      limits,
    );
    expect(oom?.code).toBe('out_of_memory');
    const crash = outcomeFailure({ ...died, stderr: 'Segmentation fault' }, limits);
    expect(crash).toMatchObject({ code: 'crashed', permanent: false });
    expect(crash?.message).toContain('SIGABRT');
    expect(
      outcomeFailure(
        { ...died, message: { type: 'done' }, signal: null, exitCode: 0, stderr: '' },
        limits,
      ),
    ).toBeNull();
  });

  it('runs the compiled child when run from source, and says when the build is missing', () => {
    expect(childEntryPath()).toMatch(/[/\\]dist[/\\]documents[/\\]extraction[/\\]child\.js$/);
    expect(() =>
      childEntryPath('file:///nowhere/src/documents/extraction/isolated-extraction.ts'),
    ).toThrow(/run the api build first/);
  });
});
