import { Inflate, Unzip, type AsyncFlateStreamHandler, type UnzipDecoder } from 'fflate';
import { createReadStream } from 'node:fs';
import { MAX_ZIP_INFLATED_BYTES, MAX_ZIP_RATIO } from './extraction.limits.js';
import { ExtractionError } from './extraction.types.js';

/** How much a zip may inflate to before it counts as a zip bomb. */
export interface ZipLimits {
  /** Bytes inflated from the wanted entries, in all. */
  maxInflatedBytes: number;
  /** Inflated over compressed bytes of one entry. */
  maxRatio: number;
  /** Bytes an entry may inflate to before its ratio is judged: tiny entries are noisy. */
  ratioFloorBytes: number;
  /** Entries in the archive: fflate's bookkeeping grows with their square. */
  maxEntries: number;
}

/** The limits real office files stay under. */
export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxInflatedBytes: MAX_ZIP_INFLATED_BYTES,
  maxRatio: MAX_ZIP_RATIO,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 20_000,
};

/** Texts of the wanted entries, the names of those that could not be inflated, and all names. */
export interface ZipTexts {
  texts: Map<string, string>;
  damaged: Set<string>;
  names: string[];
}

const AES_ENCRYPTED = 99; // compression method WinZip uses for AES-encrypted entries
// Inflating in small steps bounds what one step can produce (deflate expands at most ~1032×).
const INFLATE_STEP = 4 * 1024;
const READ_CHUNK = 64 * 1024;

const noop: AsyncFlateStreamHandler = () => undefined;

/** Counts what the entries inflate to and refuses a zip bomb as early as it shows. */
class InflationMeter {
  private total = 0;

  constructor(private readonly limits: ZipLimits) {}

  /** Adds bytes one entry inflated to; throws 'too_large' past a limit. */
  add(name: string, entry: { compressed: number; inflated: number }, bytes: number): void {
    entry.inflated += bytes;
    this.total += bytes;
    if (this.total > this.limits.maxInflatedBytes) {
      throw new ExtractionError(
        'too_large',
        `The file inflates to more than ${this.limits.maxInflatedBytes} bytes of text.`,
      );
    }
    if (
      entry.inflated > this.limits.ratioFloorBytes &&
      entry.inflated > entry.compressed * this.limits.maxRatio
    ) {
      throw new ExtractionError(
        'too_large',
        `${name} inflates more than ${this.limits.maxRatio} times: a zip bomb.`,
      );
    }
  }
}

/**
 * Decoders that fflate's streaming Unzip builds for each entry, by compression method. They
 * inflate the wanted entries as text, metered, and drop the others unread so that a large
 * image or video in a presentation costs neither memory nor time.
 */
function decoders(wanted: (name: string) => boolean, meter: InflationMeter, result: ZipTexts) {
  abstract class TextEntry implements UnzipDecoder {
    ondata: AsyncFlateStreamHandler = noop;
    protected readonly counts = { compressed: 0, inflated: 0 };
    private readonly decoder = new TextDecoder('utf-8');
    private readonly parts: string[] = [];
    protected readonly keep: boolean;

    constructor(protected readonly name: string) {
      this.keep = wanted(name);
    }

    abstract push(chunk: Uint8Array, final: boolean): void;

    protected receive(bytes: Uint8Array, final: boolean): void {
      meter.add(this.name, this.counts, bytes.length);
      this.parts.push(this.decoder.decode(bytes, { stream: !final }));
      if (final) result.texts.set(this.name, this.parts.join(''));
    }
  }

  class Stored extends TextEntry {
    static readonly compression = 0;

    push(chunk: Uint8Array, final: boolean): void {
      if (!this.keep || result.damaged.has(this.name)) return;
      this.counts.compressed += chunk.length;
      this.receive(chunk, final);
    }
  }

  class Deflated extends TextEntry {
    static readonly compression = 8;
    private readonly inflate = new Inflate((bytes, final) => this.receive(bytes, final));

    push(chunk: Uint8Array, final: boolean): void {
      if (!this.keep || result.damaged.has(this.name)) return;
      try {
        if (chunk.length === 0) this.inflate.push(chunk, final);
        for (let start = 0; start < chunk.length; start += INFLATE_STEP) {
          const step = chunk.subarray(start, start + INFLATE_STEP);
          this.counts.compressed += step.length;
          this.inflate.push(step, final && start + INFLATE_STEP >= chunk.length);
        }
      } catch (error) {
        if (error instanceof ExtractionError) throw error;
        // A corrupt entry spoils only itself; whether the document is usable is decided later.
        result.damaged.add(this.name);
      }
    }
  }

  return [Stored, Deflated];
}

/**
 * Streams a zip file through fflate and returns the decoded text of the entries `wanted`
 * accepts. Throws 'too_large' for a zip bomb, 'encrypted' for an AES-encrypted wanted entry
 * and 'malformed' when the bytes are not a readable zip.
 */
export async function readZipTexts(
  path: string,
  wanted: (name: string) => boolean,
  limits: ZipLimits = OFFICE_ZIP_LIMITS,
): Promise<ZipTexts> {
  const result: ZipTexts = { texts: new Map(), damaged: new Set(), names: [] };
  const meter = new InflationMeter(limits);
  const unzip = new Unzip((file) => {
    result.names.push(file.name);
    if (result.names.length > limits.maxEntries) {
      throw new ExtractionError(
        'too_large',
        `The file has more than ${limits.maxEntries} entries.`,
      );
    }
    if (!wanted(file.name)) {
      if (file.compression === 0 || file.compression === 8) {
        file.ondata = noop;
        file.start(); // through a dropping decoder, so fflate does not buffer the entry
      }
      return;
    }
    if (file.compression === AES_ENCRYPTED) {
      throw new ExtractionError('encrypted', `${file.name} is encrypted.`);
    }
    if (file.compression !== 0 && file.compression !== 8) {
      throw new ExtractionError(
        'malformed',
        `${file.name} uses compression method ${file.compression}.`,
      );
    }
    file.ondata = (error, _bytes, final) => {
      // fflate reports here only failures and empty entries; the decoders collect the rest.
      if (error) result.damaged.add(file.name);
      else if (final && !result.texts.has(file.name)) result.texts.set(file.name, '');
    };
    file.start();
  });
  for (const decoder of decoders(wanted, meter, result)) unzip.register(decoder);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) {
      unzip.push(chunk as Buffer);
    }
    unzip.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('malformed', 'The file is not a readable zip archive.', {
      cause: error,
    });
  }
  return result;
}
