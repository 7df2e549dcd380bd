import {
  ACCEPTED_EXTENSIONS,
  ACCEPTED_TYPES,
  MAX_TITLE_LENGTH,
  RESUMABLE_UPLOAD_THRESHOLD,
  type CaseDocument,
  type DocumentFamily,
  type DocumentFields,
} from '@technopolice/shared';
import { ApiError } from '../../../lib/api';

/**
 * The upload queue of the Documents tab, free of React and of the network: files wait their
 * turn (a few at a time), report their progress, may pause (resumable ones), be cancelled, fail
 * with a reason, or be tried again. What actually sends the bytes is a {@link Transport}: a
 * multipart request for small files, tus for large ones (see `transports.ts`).
 */

export type UploadStatus =
  | 'queued'
  | 'uploading'
  | 'paused'
  /** Every byte sent: the server hashes, checks the type and strips metadata. */
  | 'processing'
  | 'done'
  | 'failed'
  | 'cancelled';

/** Why an upload failed: the API's error code, or one of ours found before sending. */
export interface UploadProblem {
  code: string;
  statusCode: number;
  message: string;
}

/** One file of the queue, as the list shows it. */
export interface UploadItem {
  id: string;
  caseId: string;
  fileName: string;
  /** The file name's extension, lower case, without the dot ('' when it has none). */
  extension: string;
  /** What the extension announces, for the icon; the server decides from the bytes. */
  family: DocumentFamily | null;
  size: number;
  /** Sent with tus: may pause, and resumes after a reload when the same file is chosen again. */
  resumable: boolean;
  status: UploadStatus;
  /** Bytes sent so far. */
  sent: number;
  problem: UploadProblem | null;
  /** A failure that may not happen again (network, server trouble, an expired session). */
  retryable: boolean;
  document: CaseDocument | null;
}

/** What a transport reports. */
export interface TransportEvents {
  progress: (sent: number) => void;
  processing: () => void;
  success: (document: CaseDocument) => void;
  failure: (error: ApiError) => void;
}

/** Sends one file. `start` also resumes after `pause`. */
export interface Transport {
  start: () => void;
  pause: () => void;
  cancel: () => void;
}

/** What to send: the file, its case and the metadata given with it. */
export interface UploadRequest {
  caseId: string;
  file: File;
  fields: DocumentFields;
}

export type TransportFactory = (
  request: UploadRequest,
  events: TransportEvents,
  resumable: boolean,
) => Transport;

/** The server no longer holds a paused upload: finished as it was paused, or expired. */
export const UPLOAD_GONE = 'upload_gone';

/** Uploads sent at the same time; the others wait. */
export const UPLOAD_CONCURRENCY = 3;

/** The extension of a file name, lower case, without the dot. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && dot < fileName.length - 1 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** The family a file name announces (by its extension), or null when it is not accepted. */
export function familyOfName(fileName: string): DocumentFamily | null {
  const extension = extensionOf(fileName);
  for (const type of Object.values(ACCEPTED_TYPES))
    if (type.extensions.includes(extension)) return type.family;
  return null;
}

/** The `accept` attribute of the file picker: every accepted extension. */
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((extension) => `.${extension}`).join(',');

/** What a batch of files is filed as, chosen above the drop zone. */
export type BatchFields = Pick<DocumentFields, 'kind' | 'obtainedBy'>;

/**
 * The metadata sent with a file: its name without the extension as title, the batch's kind
 * (photos for images when none was chosen) and how it was obtained.
 */
export function fieldsFor(file: File, batch: BatchFields = {}): DocumentFields {
  const extension = extensionOf(file.name);
  const base = extension ? file.name.slice(0, -(extension.length + 1)) : file.name;
  const title = base.trim().slice(0, MAX_TITLE_LENGTH) || file.name.slice(0, MAX_TITLE_LENGTH);
  const fields: DocumentFields = { title };
  const kind = batch.kind ?? (familyOfName(file.name) === 'image' ? 'photo' : undefined);
  if (kind) fields.kind = kind;
  if (batch.obtainedBy) fields.obtainedBy = batch.obtainedBy;
  return fields;
}

/** A problem that trying again may solve. */
export function isRetryable(problem: UploadProblem): boolean {
  return (
    problem.code === UPLOAD_GONE ||
    problem.statusCode === 0 ||
    problem.statusCode === 401 ||
    problem.statusCode === 408 ||
    problem.statusCode === 429 ||
    problem.statusCode >= 500
  );
}

function problemOf(error: ApiError): UploadProblem {
  return { code: error.code, statusCode: error.statusCode, message: error.message };
}

/** Checks made before sending anything: the server would refuse these anyway. */
function localProblem(file: File): UploadProblem | null {
  if (familyOfName(file.name) === null)
    return {
      code: 'unsupported_extension',
      statusCode: 0,
      message: `.${extensionOf(file.name)} is not accepted`,
    };
  if (file.size === 0) return { code: 'empty_file', statusCode: 0, message: 'The file is empty' };
  return null;
}

const ACTIVE: readonly UploadStatus[] = ['uploading', 'processing'];
const FINISHED: readonly UploadStatus[] = ['done', 'failed', 'cancelled'];

let counter = 0;
const defaultId = () => {
  counter += 1;
  return `upload-${Date.now().toString(36)}-${counter}`;
};

export interface UploadQueueOptions {
  createTransport: TransportFactory;
  concurrency?: number;
  /** Files of this size or more go resumable (tus). */
  resumableThreshold?: number;
  /** A document was stored (to put it in the caches at once). */
  onUploaded?: (document: CaseDocument) => void;
  /** An upload failed (some failures mean the case's list should be read again). */
  onFailed?: (item: UploadItem) => void;
  newId?: () => string;
}

/** The queue of every upload of the page, of any case; the tab shows its case's. */
export class UploadQueue {
  #items: readonly UploadItem[] = [];
  readonly #requests = new Map<string, UploadRequest>();
  readonly #transports = new Map<string, Transport>();
  readonly #listeners = new Set<() => void>();
  readonly #options: Required<Omit<UploadQueueOptions, 'onUploaded' | 'onFailed'>> &
    Pick<UploadQueueOptions, 'onUploaded' | 'onFailed'>;

  constructor(options: UploadQueueOptions) {
    this.#options = {
      concurrency: UPLOAD_CONCURRENCY,
      resumableThreshold: RESUMABLE_UPLOAD_THRESHOLD,
      newId: defaultId,
      ...options,
    };
  }

  /** For `useSyncExternalStore`. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The items, a new array after every change. */
  getSnapshot = (): readonly UploadItem[] => this.#items;

  /** Whether bytes are on their way (leaving the page would lose the small uploads). */
  get busy(): boolean {
    return this.#items.some((item) => item.status === 'queued' || ACTIVE.includes(item.status));
  }

  /** Queues files for a case; files the server would refuse fail at once, unsent. */
  add(caseId: string, files: readonly File[], batch: BatchFields = {}): UploadItem[] {
    const added = files.map((file): UploadItem => {
      const id = this.#options.newId();
      const problem = localProblem(file);
      if (!problem) this.#requests.set(id, { caseId, file, fields: fieldsFor(file, batch) });
      return {
        id,
        caseId,
        fileName: file.name,
        extension: extensionOf(file.name),
        family: familyOfName(file.name),
        size: file.size,
        resumable: file.size >= this.#options.resumableThreshold,
        status: problem ? 'failed' : 'queued',
        sent: 0,
        problem,
        retryable: false,
        document: null,
      };
    });
    this.#items = [...this.#items, ...added];
    this.#pump();
    this.#notify();
    return added;
  }

  /** Pauses a resumable upload; its place goes to the next file. */
  pause(id: string): void {
    const item = this.#find(id);
    if (!item?.resumable || item.status !== 'uploading') return;
    this.#transports.get(id)?.pause();
    this.#set(id, { status: 'paused' });
    this.#pump();
  }

  /** Resumes a paused upload (it waits for a free place like the others). */
  resume(id: string): void {
    if (this.#find(id)?.status !== 'paused') return;
    this.#set(id, { status: 'queued' });
    this.#pump();
  }

  /** Stops an upload for good (a resumable one is also deleted on the server). */
  cancel(id: string): void {
    const item = this.#find(id);
    if (!item || FINISHED.includes(item.status)) return;
    this.#transports.get(id)?.cancel();
    this.#transports.delete(id);
    this.#requests.delete(id);
    this.#set(id, { status: 'cancelled' });
    this.#pump();
  }

  /** Tries a failed upload again (a resumable one continues where it stopped). */
  retry(id: string): void {
    const item = this.#find(id);
    if (item?.status !== 'failed' || !item.retryable || !this.#requests.has(id)) return;
    this.#set(id, { status: 'queued', problem: null, retryable: false });
    this.#pump();
  }

  /** Removes a finished upload from the list. */
  dismiss(id: string): void {
    const item = this.#find(id);
    if (!item || !FINISHED.includes(item.status)) return;
    this.#forget(id);
    this.#items = this.#items.filter((entry) => entry.id !== id);
    this.#notify();
  }

  /** Removes the finished uploads of a case. */
  clearFinished(caseId: string): void {
    const gone = this.#items.filter(
      (item) => item.caseId === caseId && FINISHED.includes(item.status),
    );
    if (gone.length === 0) return;
    for (const item of gone) this.#forget(item.id);
    this.#items = this.#items.filter((item) => !gone.includes(item));
    this.#notify();
  }

  #forget(id: string) {
    this.#transports.delete(id);
    this.#requests.delete(id);
  }

  #find(id: string): UploadItem | undefined {
    return this.#items.find((item) => item.id === id);
  }

  #set(id: string, change: Partial<UploadItem>) {
    this.#items = this.#items.map((item) => (item.id === id ? { ...item, ...change } : item));
    this.#notify();
  }

  #notify() {
    for (const listener of this.#listeners) listener();
  }

  /** Starts waiting uploads while places are free, in the order they were added. */
  #pump() {
    let active = this.#items.filter((item) => ACTIVE.includes(item.status)).length;
    for (const item of this.#items) {
      if (active >= this.#options.concurrency) break;
      if (item.status !== 'queued') continue;
      const request = this.#requests.get(item.id);
      if (!request) continue;
      active += 1;
      this.#items = this.#items.map((entry) =>
        entry.id === item.id ? { ...entry, status: 'uploading' } : entry,
      );
      let transport = this.#transports.get(item.id);
      if (!transport) {
        transport = this.#options.createTransport(
          request,
          this.#eventsFor(item.id),
          item.resumable,
        );
        this.#transports.set(item.id, transport);
      }
      transport.start();
    }
    this.#notify();
  }

  /** What one transport reports, ignored once its upload is paused, cancelled or over. */
  #eventsFor(id: string): TransportEvents {
    const current = () => this.#find(id);
    return {
      progress: (sent) => {
        if (current()?.status === 'uploading') this.#set(id, { sent });
      },
      processing: () => {
        const item = current();
        if (item?.status === 'uploading') this.#set(id, { status: 'processing', sent: item.size });
      },
      success: (document) => {
        const item = current();
        if (!item || !ACTIVE.includes(item.status)) return;
        this.#transports.delete(id);
        this.#requests.delete(id);
        this.#set(id, { status: 'done', sent: item.size, document });
        this.#options.onUploaded?.(document);
        this.#pump();
      },
      failure: (error) => {
        const item = current();
        if (!item || !ACTIVE.includes(item.status)) return;
        const problem = problemOf(error);
        const retryable = isRetryable(problem);
        // A multipart request starts over; tus keeps its place on the server, unless it is gone.
        if (!item.resumable || problem.code === UPLOAD_GONE) this.#transports.delete(id);
        if (!retryable) this.#requests.delete(id);
        this.#set(id, { status: 'failed', problem, retryable });
        const failed = this.#find(id);
        if (failed) this.#options.onFailed?.(failed);
        this.#pump();
      },
    };
  }
}

/** Turns anything a transport caught into an {@link ApiError}. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ statusCode: 0, code: 'network_error', message });
}
