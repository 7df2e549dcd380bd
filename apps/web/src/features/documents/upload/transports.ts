import { documentSchema, TUS_METADATA, type CaseDocument } from '@technopolice/shared';
import type { DetailedError, HttpRequest, PreviousUpload, Upload } from 'tus-js-client';
import { ApiError, currentToken, errorFromResponse, refreshedToken } from '../../../lib/api';
import { caseDocumentsPath, UPLOADS_PATH } from '../../../lib/documents';
import {
  asApiError,
  type Transport,
  type TransportEvents,
  type TransportFactory,
  type UploadRequest,
  UPLOAD_GONE,
} from './queue';

/**
 * The two ways a file reaches the API. Small files: one multipart request through
 * XMLHttpRequest (fetch cannot report upload progress). Large files: tus, in chunks, paused and
 * resumed, even after a reload when the same file is chosen again. tus-js-client is loaded only
 * when a large file comes.
 */

/** Bytes per tus PATCH: a lost connection costs at most this much. */
const TUS_CHUNK_SIZE = 5 * 1024 * 1024;

function parseDocument(status: number, text: string): CaseDocument {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  const parsed = documentSchema.safeParse(body);
  if (!parsed.success)
    throw new ApiError({
      statusCode: status,
      code: 'invalid_response',
      message: 'The upload answer is not a document',
    });
  return parsed.data;
}

function errorOf(status: number, statusText: string, text: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  return errorFromResponse(status, statusText, body);
}

/** The metadata fields as text, the way multipart fields and tus metadata carry them. */
function textFields(request: UploadRequest): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(request.fields)) {
    if (value === undefined || value === null || value === '') continue;
    out.push([key, String(value)]);
  }
  return out;
}

/** `POST /api/cases/:caseId/documents` as multipart, with upload progress; cancel aborts it. */
export function multipartTransport(request: UploadRequest, events: TransportEvents): Transport {
  let xhr: XMLHttpRequest | null = null;
  let cancelled = false;

  const send = (token: string | undefined, retried: boolean) => {
    if (cancelled) return;
    const form = new FormData();
    // Fields first: the server reads them before the file's bytes stream in.
    for (const [key, value] of textFields(request)) form.append(key, value);
    form.append('file', request.file, request.file.name);

    const current = new XMLHttpRequest();
    xhr = current;
    current.open('POST', caseDocumentsPath(request.caseId));
    current.setRequestHeader('Accept', 'application/json');
    if (token) current.setRequestHeader('Authorization', `Bearer ${token}`);
    current.upload.onprogress = (event) => {
      // The body is a little larger than the file (multipart framing): scale to the file.
      if (event.lengthComputable && event.total > 0)
        events.progress(
          Math.min(request.file.size, (event.loaded / event.total) * request.file.size),
        );
    };
    current.upload.onload = () => events.processing();
    current.onerror = () =>
      events.failure(
        new ApiError({ statusCode: 0, code: 'network_error', message: 'The upload was cut off' }),
      );
    current.onload = () => {
      if (current.status === 401 && token && !retried) {
        void refreshedToken().then((next) => {
          if (next) send(next, true);
          else events.failure(errorOf(current.status, current.statusText, current.responseText));
        });
        return;
      }
      if (current.status < 200 || current.status >= 300) {
        events.failure(errorOf(current.status, current.statusText, current.responseText));
        return;
      }
      try {
        events.success(parseDocument(current.status, current.responseText));
      } catch (error) {
        events.failure(asApiError(error));
      }
    };
    current.send(form);
  };

  return {
    start: () => {
      currentToken().then(
        (token) => send(token, false),
        (error: unknown) => events.failure(asApiError(error)),
      );
    },
    // Only resumable uploads pause; a multipart request cannot.
    pause: () => undefined,
    cancel: () => {
      cancelled = true;
      xhr?.abort();
    },
  };
}

/**
 * Identifies an unfinished tus upload: the same file for the same case resumes it. Without a
 * file, the prefix shared by every upload of the case.
 */
export function fingerprintOf(caseId: string, file: File | null): string {
  const prefix = `technopolice::${caseId}::`;
  return file ? `${prefix}${[file.name, file.size, file.lastModified].join('::')}` : prefix;
}

function tusError(error: Error | DetailedError): ApiError {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  if (response) {
    const status = response.getStatus();
    return errorOf(status, '', response.getBody());
  }
  return new ApiError({ statusCode: 0, code: 'network_error', message: error.message });
}

const gone = () =>
  new ApiError({
    statusCode: 410,
    code: UPLOAD_GONE,
    message: 'The server no longer holds this upload',
  });

/** A resumable upload through the tus endpoint, with the token on every request. */
export function tusTransport(request: UploadRequest, events: TransportEvents): Transport {
  let upload: Upload | null = null;
  let creating: Promise<Upload> | null = null;
  let refreshing: Promise<unknown> | null = null;
  let wanted: 'running' | 'paused' | 'cancelled' = 'running';
  let pausedOnce = false;

  const create = async (): Promise<Upload> => {
    const tus = await import('tus-js-client');
    const metadata: Record<string, string> = {
      [TUS_METADATA.caseId]: request.caseId,
      [TUS_METADATA.fileName]: request.file.name,
      [TUS_METADATA.type]: request.file.type || 'application/octet-stream',
    };
    for (const [key, value] of textFields(request)) metadata[key] = value;
    const created = new tus.Upload(request.file, {
      endpoint: new URL(UPLOADS_PATH, window.location.origin).href,
      chunkSize: TUS_CHUNK_SIZE,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      metadata,
      fingerprint: (file: File) => Promise.resolve(fingerprintOf(request.caseId, file)),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onBeforeRequest: async (req: HttpRequest) => {
        if (refreshing) await refreshing.catch(() => undefined);
        const token = await currentToken();
        if (token) req.setHeader('Authorization', `Bearer ${token}`);
      },
      onShouldRetry: (error: DetailedError, attempt: number) => {
        const status = error.originalResponse?.getStatus() ?? 0;
        if (status === 401) {
          if (attempt > 0) return false;
          refreshing = refreshedToken();
          return true;
        }
        // tus-js-client's own rule: not a client error, except a conflict or a lock.
        return !(status >= 400 && status < 500) || status === 409 || status === 423;
      },
      onProgress: (sent: number, total: number) => {
        events.progress(sent);
        if (total > 0 && sent >= total) events.processing();
      },
      onSuccess: ({ lastResponse }) => {
        // A resume that finds every byte already there succeeds on a HEAD, without the document.
        if (!lastResponse.getBody()) {
          events.failure(gone());
          return;
        }
        try {
          events.success(parseDocument(lastResponse.getStatus(), lastResponse.getBody()));
        } catch (error) {
          events.failure(asApiError(error));
        }
      },
      onError: (error: Error | DetailedError) => {
        const failure = tusError(error);
        // After a pause, an upload the server no longer has may have just been completed.
        events.failure(pausedOnce && failure.statusCode === 404 ? gone() : failure);
      },
    });
    const previous = await created.findPreviousUploads();
    const latest = previous.sort((a: PreviousUpload, b: PreviousUpload) =>
      a.creationTime < b.creationTime ? 1 : -1,
    )[0];
    if (latest) created.resumeFromPreviousUpload(latest);
    upload = created;
    return created;
  };

  return {
    start: () => {
      wanted = 'running';
      if (upload) {
        upload.start();
        return;
      }
      creating ??= create();
      creating.then(
        (created) => {
          if (wanted === 'running') created.start();
        },
        (error: unknown) => events.failure(asApiError(error)),
      );
    },
    pause: () => {
      wanted = 'paused';
      pausedOnce = true;
      if (upload) {
        // The last bytes may reach the server as the pause stops the request, and the document
        // be made: resuming must then not start the same file over as a new upload (which
        // tus-js-client does when the upload is gone), but say so.
        upload.options.endpoint = null;
        void upload.abort(false);
      }
    },
    cancel: () => {
      wanted = 'cancelled';
      // Deletes what the server holds, and the entry that would offer to resume it.
      void upload?.abort(true).catch(() => undefined);
    },
  };
}

/** The real transports: tus for large files, multipart for the others. */
export const createTransport: TransportFactory = (request, events, resumable) =>
  resumable ? tusTransport(request, events) : multipartTransport(request, events);

/** An unfinished resumable upload remembered by this browser (after a reload, a crash). */
export interface InterruptedUpload {
  key: string;
  fileName: string;
  size: number | null;
  url: string | null;
  createdAt: string;
}

/** Where tus-js-client remembers unfinished uploads: `tus::<fingerprint>::<n>` in localStorage. */
const TUS_STORAGE_PREFIX = 'tus::';

/**
 * The unfinished uploads of a case that this browser remembers, read straight from where
 * tus-js-client keeps them (so that opening the tab does not load tus-js-client itself).
 */
export function interruptedUploads(caseId: string): Promise<InterruptedUpload[]> {
  const prefix = `${TUS_STORAGE_PREFIX}${fingerprintOf(caseId, null)}`;
  const found: InterruptedUpload[] = [];
  try {
    for (let index = 0; index < window.localStorage.length; index += 1) {
      const key = window.localStorage.key(index);
      if (!key?.startsWith(prefix)) continue;
      const entry = JSON.parse(window.localStorage.getItem(key) ?? 'null') as {
        size?: number | null;
        metadata?: Record<string, string>;
        creationTime?: string;
        uploadUrl?: string | null;
      } | null;
      if (!entry?.metadata) continue;
      found.push({
        key,
        fileName: entry.metadata[TUS_METADATA.fileName] ?? '',
        size: entry.size ?? null,
        url: entry.uploadUrl ?? null,
        createdAt: entry.creationTime ?? new Date().toISOString(),
      });
    }
  } catch {
    // Storage disabled, or an entry that is not ours: nothing to offer.
  }
  return Promise.resolve(found);
}

/** Gives up an unfinished upload: deleted on the server (when it still exists) and forgotten. */
export async function abandonUpload(upload: InterruptedUpload): Promise<void> {
  const tus = await import('tus-js-client');
  if (upload.url) {
    const token = await currentToken();
    await tus.Upload.terminate(upload.url, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      retryDelays: null,
    }).catch(() => undefined);
  }
  window.localStorage.removeItem(upload.key);
}
