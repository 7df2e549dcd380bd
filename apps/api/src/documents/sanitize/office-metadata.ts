import { createReadStream } from 'node:fs';
import { type FileHandle, open, rm, stat } from 'node:fs/promises';
import {
  Unzip,
  type UnzipFile,
  UnzipInflate,
  Zip,
  ZipDeflate,
  type ZipInputFile,
  ZipPassThrough,
  strFromU8,
  strToU8,
} from 'fflate';
import { malformed } from './sanitize-error.js';
import { RemovalLog, type StripResult } from './strip-result.js';

/** A metadata part of an office document and how to clean it. */
interface MetadataPart {
  kind: string;
  clean(xml: string): string;
}

// Who wrote, edited or printed the document, and when; descriptive fields (title…) stay.
const CORE_ELEMENTS = ['creator', 'lastModifiedBy', 'lastPrinted', 'created', 'modified'];
const APP_ELEMENTS = [
  'Company',
  'Manager',
  'Template',
  'HyperlinkBase',
  'Application',
  'AppVersion',
];
const ODF_META_ELEMENTS = [
  'initial-creator',
  'creator',
  'printed-by',
  'creation-date',
  'date',
  'print-date',
  'generator',
  'editing-cycles',
  'editing-duration',
  'user-defined',
];

const METADATA_PARTS: Record<string, MetadataPart> = {
  'docProps/core.xml': { kind: 'office-core', clean: (xml) => removeElements(xml, CORE_ELEMENTS) },
  'docProps/app.xml': { kind: 'office-app', clean: (xml) => removeElements(xml, APP_ELEMENTS) },
  // Custom properties are free-form: sensitivity labels, for one, store who set them.
  'docProps/custom.xml': {
    kind: 'office-custom',
    clean: (xml) => removeElements(xml, ['property']),
  },
  'meta.xml': { kind: 'odf-meta', clean: (xml) => removeElements(xml, ODF_META_ELEMENTS) },
};

// Caps what is held in memory: the metadata XML, and what one input chunk can inflate to.
const MAX_METADATA_PART_SIZE = 4 * 1024 * 1024;
const READ_CHUNK_SIZE = 16 * 1024;
// Entry dates say when each part was last edited: every entry gets the zip epoch instead.
const ENTRY_DATE = new Date(1980, 0, 1);

/**
 * Copies an OOXML (docx, xlsx, pptx) or ODF (odt, ods, odp) document without its authors,
 * editors, dates, company, generator and custom properties. The zip is rewritten as a stream:
 * entries are inflated and deflated again chunk by chunk, with fixed dates, no comments and no
 * extra fields. On failure the partial output is removed.
 *
 * @throws SanitizeError 'malformed' when the file is not a readable zip.
 */
export async function stripOfficeMetadata(
  inputPath: string,
  outputPath: string,
): Promise<StripResult> {
  const removed = new RemovalLog();
  const output = await open(outputPath, 'w');
  try {
    await rewriteZip(inputPath, output, removed);
    await output.close();
  } catch (error) {
    await output.close().catch(() => undefined);
    await rm(outputPath, { force: true });
    throw error;
  }
  return { removed: removed.list() };
}

async function rewriteZip(
  inputPath: string,
  output: FileHandle,
  removed: RemovalLog,
): Promise<void> {
  const { size } = await stat(inputPath);
  const rewriter = new ZipRewriter(removed, Math.max(MAX_INFLATION * size, MIN_INFLATION_LIMIT));
  for await (const chunk of createReadStream(inputPath, { highWaterMark: READ_CHUNK_SIZE })) {
    // Writing what each chunk produced before reading on keeps memory bounded.
    for (const piece of rewriter.push(chunk as Buffer, false)) await output.write(piece);
  }
  for (const piece of rewriter.push(new Uint8Array(0), true)) await output.write(piece);
}

// A document inflating past this many times its size is a zip bomb: real office files, images
// included, inflate a few times, their XML some twenty times.
const MAX_INFLATION = 100;
const MIN_INFLATION_LIMIT = 16 * 1024 * 1024;

class ZipBomb extends Error {
  constructor() {
    super(`the document inflates to more than ${MAX_INFLATION} times its size (a zip bomb)`);
  }
}

/** Feeds a zip through fflate's streaming Unzip into its streaming Zip, entry by entry. */
class ZipRewriter {
  private readonly ready: Uint8Array[] = [];
  private failure: unknown;
  private finished = false;
  private entries = 0;
  private inflated = 0;
  private readonly zip = new Zip((error, chunk, final) => {
    if (error !== null) this.failure ??= error;
    else this.ready.push(chunk);
    if (final) this.finished = true;
  });
  private readonly unzip = new Unzip((file) => this.rewriteEntry(file));

  constructor(
    private readonly removed: RemovalLog,
    private readonly inflationLimit: number,
  ) {
    this.unzip.register(UnzipInflate);
  }

  /** Pushes input; returns the output it produced. */
  push(chunk: Uint8Array, final: boolean): Uint8Array[] {
    try {
      this.unzip.push(chunk, final);
      if (final && this.entries > 0) this.zip.end();
    } catch (error) {
      this.failure ??= error;
    }
    if (this.failure instanceof ZipBomb) throw malformed(this.failure.message, this.failure);
    if (this.failure !== undefined)
      throw malformed('the document is not a readable zip', this.failure);
    if (final && !this.finished) throw malformed('the document is not a complete zip');
    return this.ready.splice(0);
  }

  private rewriteEntry(file: UnzipFile): void {
    this.entries += 1;
    const entry: ZipInputFile & { push(data: Uint8Array, final: boolean): void } =
      file.compression === 0
        ? new ZipPassThrough(file.name)
        : new ZipDeflate(file.name, { level: 6 });
    entry.mtime = ENTRY_DATE;
    this.zip.add(entry);
    const part = Object.hasOwn(METADATA_PARTS, file.name) ? METADATA_PARTS[file.name] : undefined;
    const collected: Uint8Array[] = [];
    let collectedSize = 0;
    file.ondata = (error, data, final) => {
      if (error !== null) {
        this.failure ??= error;
        return;
      }
      this.inflated += data.length;
      if (this.inflated > this.inflationLimit) {
        this.failure ??= new ZipBomb();
        return;
      }
      if (part === undefined) {
        entry.push(data, final);
        return;
      }
      collected.push(data);
      collectedSize += data.length;
      if (collectedSize > MAX_METADATA_PART_SIZE)
        this.failure ??= new Error(`${file.name} is too large`);
      else if (final) entry.push(this.cleanPart(part, collected), true);
    };
    file.start();
  }

  private cleanPart(part: MetadataPart, chunks: Uint8Array[]): Uint8Array {
    const xml = strFromU8(Buffer.concat(chunks));
    const cleaned = part.clean(xml);
    if (cleaned !== xml) this.removed.add(part.kind);
    return strToU8(cleaned);
  }
}

/**
 * Removes the elements with these local names, whatever their prefix. Enough for the flat,
 * generated property parts it is used on; not a general XML editor.
 */
export function removeElements(xml: string, localNames: string[]): string {
  return localNames.reduce((text, name) => {
    const element = `<(?:[\\w.-]+:)?${name}(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</(?:[\\w.-]+:)?${name}\\s*>)`;
    return text.replace(new RegExp(element, 'g'), '');
  }, xml);
}
