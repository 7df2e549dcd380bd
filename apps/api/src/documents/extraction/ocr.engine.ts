import { mkdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Worker, type WorkerOptions } from 'tesseract.js';

const require = createRequire(import.meta.url);
const LANGUAGES = ['fra', 'eng'] as const;
// LSTM-only integer models: what tesseract.js itself would download for OEM.LSTM_ONLY.
const MODEL_DIR = '4.0.0_best_int';

const packageDir = (name: string, from?: string) =>
  dirname(createRequire(from ?? import.meta.url).resolve(`${name}/package.json`));

/**
 * Every path tesseract.js would otherwise default, pointed into node_modules, so that nothing is
 * ever fetched: the worker script, the core (which Node loads from tesseract.js-core whatever
 * corePath says), and language data read from `langPath` as local files, never cached back.
 */
function workerOptions(langPath: string, cachePath: string): Partial<WorkerOptions> {
  const tesseractDir = packageDir('tesseract.js');
  return {
    workerPath: join(tesseractDir, 'src', 'worker-script', 'node', 'index.js'),
    corePath: packageDir('tesseract.js-core', require.resolve('tesseract.js')),
    langPath,
    cachePath,
    cacheMethod: 'none',
    gzip: true,
    workerBlobURL: false,
    legacyCore: false,
    legacyLang: false,
    logger: () => undefined,
    // Without a handler tesseract.js rethrows a failed job inside a message listener, which
    // would take the whole process down; the job's promise still rejects.
    errorHandler: () => undefined,
  };
}

/**
 * One tesseract.js worker (French and English) for a whole document, started on first use.
 * `terminate` must be called at the end, whether or not anything was recognized.
 */
export class OcrEngine {
  private worker: Promise<Worker> | null = null;

  /** `workDir` is a private scratch directory of the job; language links go there. */
  constructor(private readonly workDir: string) {}

  /** The text tesseract reads in an encoded image (PNG, JPEG…). */
  async recognize(image: Buffer): Promise<string> {
    this.worker ??= this.start();
    const worker = await this.worker;
    const { data } = await worker.recognize(image);
    return data.text;
  }

  /** Stops the worker thread, if one was started. */
  async terminate(): Promise<void> {
    const worker = await this.worker?.catch(() => null);
    this.worker = null;
    await worker?.terminate();
  }

  private async start(): Promise<Worker> {
    // tesseract.js reads every language from one langPath; the packages ship one each.
    const langPath = join(this.workDir, 'tessdata');
    await mkdir(langPath, { recursive: true });
    for (const code of LANGUAGES) {
      const file = `${code}.traineddata.gz`;
      await symlink(
        join(packageDir(`@tesseract.js-data/${code}`), MODEL_DIR, file),
        join(langPath, file),
      );
    }
    // Loaded here: most documents are never OCR'd.
    const { createWorker, OEM } = await import('tesseract.js');
    try {
      return await createWorker(
        [...LANGUAGES],
        OEM.LSTM_ONLY,
        workerOptions(langPath, this.workDir),
      );
    } catch (error) {
      // tesseract.js rejects with a bare string.
      throw error instanceof Error
        ? error
        : new Error(`OCR engine did not start: ${String(error)}`);
    }
  }
}
