import busboy from 'busboy';
import { type IncomingMessage } from 'node:http';
import { rm } from 'node:fs/promises';
import { AppError } from '../common/app-error.js';
import { type LocalFile, receive, tooLarge } from './ingest.js';

/** A multipart upload read to disk: the `file` part and the text fields beside it. */
export interface MultipartUpload {
  file: LocalFile;
  fileName: string;
  fields: Record<string, string>;
}

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 16 * 1024;

const bad = (message: string) =>
  new AppError('validation_failed', message, [{ path: 'file', message }]);

/**
 * Reads a `multipart/form-data` body, streaming its one `file` part to a temp file (hashed and
 * counted on the way; memory stays flat whatever the size) and keeping the text fields. Any
 * problem (a file over `limit`, a second file, a body cut short) rejects, and no temp file stays.
 */
export function readMultipart(
  req: IncomingMessage,
  tempDir: string,
  limit: number,
): Promise<MultipartUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send the file name as raw UTF-8 ("délibération.pdf"), not latin-1.
        defParamCharset: 'utf8',
        limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, fileSize: limit },
      });
    } catch {
      reject(bad('Send the file as multipart/form-data with a `file` field.'));
      return;
    }
    const fields: Record<string, string> = {};
    let upload: Promise<LocalFile> | null = null;
    let fileName = '';
    let problem: Error | null = null;
    const fail = (error: unknown) =>
      (problem ??= error instanceof Error ? error : new Error(String(error)));

    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || upload) {
        stream.resume();
        fail(bad(`Unexpected file part "${name}": send one file, in the \`file\` field.`));
        return;
      }
      fileName = info.filename ?? '';
      stream.on('limit', () => fail(tooLarge(limit)));
      upload = receive(stream, tempDir, Number.POSITIVE_INFINITY);
      upload.catch(fail);
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(bad(`The field "${name}" is too long.`));
      fields[name] = value;
    });
    parser.on('filesLimit', () => fail(bad('Send one file per request.')));
    parser.on('fieldsLimit', () => fail(bad('Too many fields.')));
    parser.on('error', (error: unknown) => {
      fail(bad(`The upload was cut short or malformed (${(error as Error).message}).`));
      finish();
    });
    parser.on('close', finish);

    let finished = false;
    function finish() {
      if (finished) return;
      finished = true;
      const pending: Promise<LocalFile | null> = upload ?? Promise.resolve(null);
      pending.then(
        async (file) => {
          if (problem || !file) {
            if (file) await rm(file.path, { force: true });
            reject(problem ?? bad('No file: send it in the `file` field.'));
            return;
          }
          resolve({ file, fileName, fields });
        },
        (error: unknown) => reject(problem ?? fail(error)),
      );
    }

    req.on('aborted', () => parser.destroy(new Error('the client went away')));
    req.pipe(parser);
  });
}
