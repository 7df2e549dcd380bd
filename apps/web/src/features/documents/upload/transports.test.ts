import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../../../lib/api';
import { aDocument, CASE_ID } from '../fixtures';
import type { TransportEvents } from './queue';
import { fingerprintOf, interruptedUploads, multipartTransport, tusTransport } from './transports';

/** What tus-js-client was given, so that the test plays the server's part. */
const tus = vi.hoisted(() => ({
  uploads: [] as {
    file: File;
    options: Record<string, unknown> & {
      metadata: Record<string, string>;
      onProgress: (sent: number, total: number) => void;
      onSuccess: (payload: { lastResponse: unknown }) => void;
      onError: (error: Error) => void;
      onShouldRetry: (error: unknown, attempt: number) => boolean;
      onBeforeRequest: (req: { setHeader: (name: string, value: string) => void }) => Promise<void>;
      fingerprint: (file: File) => Promise<string>;
    };
    calls: string[];
  }[],
  previous: [] as { creationTime: string; uploadUrl: string }[],
}));

vi.mock('tus-js-client', () => ({
  Upload: class {
    calls: string[] = [];
    options: (typeof tus.uploads)[number]['options'];
    constructor(file: File, options: (typeof tus.uploads)[number]['options']) {
      this.options = options;
      tus.uploads.push({ file, options, calls: this.calls });
    }
    findPreviousUploads() {
      return Promise.resolve(tus.previous);
    }
    resumeFromPreviousUpload(previous: { uploadUrl: string }) {
      this.calls.push(`resume ${previous.uploadUrl}`);
    }
    start() {
      this.calls.push('start');
    }
    abort(terminate: boolean) {
      this.calls.push(terminate ? 'terminate' : 'abort');
      return Promise.resolve();
    }
  },
}));

function recorder() {
  const log: string[] = [];
  const failures: ApiError[] = [];
  const events: TransportEvents = {
    progress: (sent) => log.push(`progress ${sent}`),
    processing: () => log.push('processing'),
    success: (document) => log.push(`success ${document.id}`),
    failure: (error) => {
      failures.push(error);
      log.push(`failure ${error.code}`);
    },
  };
  return { log, failures, events };
}

/** A stand-in for XMLHttpRequest that the test answers by hand. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  aborted = false;
  upload: { onprogress?: (event: ProgressEvent) => void; onload?: () => void } = {};
  onload?: () => void;
  onerror?: () => void;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const pdf = new File([new Uint8Array(1000)], 'reponse.pdf', {
  type: 'application/pdf',
  lastModified: 1_700_000_000_000,
});

beforeEach(() => {
  tus.uploads = [];
  tus.previous = [];
  FakeXhr.last = null;
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe('multipart uploads', () => {
  it('sends the fields before the file, reports progress, then the stored document', async () => {
    const { log, events } = recorder();
    const transport = multipartTransport(
      { caseId: CASE_ID, file: pdf, fields: { title: 'Réponse', kind: 'foi-answer', date: null } },
      events,
    );
    transport.start();
    await vi.waitFor(() => expect(FakeXhr.last?.body).toBeTruthy());
    const xhr = FakeXhr.last as FakeXhr;

    expect([xhr.method, xhr.url]).toEqual(['POST', `/api/cases/${CASE_ID}/documents`]);
    expect([...(xhr.body as FormData).keys()]).toEqual(['title', 'kind', 'file']);
    // The multipart framing is larger than the file: progress is scaled to the file's size.
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 600, total: 1200 } as ProgressEvent);
    xhr.upload.onload?.();
    xhr.answer(201, aDocument());
    expect(log).toEqual(['progress 500', 'processing', `success ${aDocument().id}`]);
  });

  it('turns a refusal into the API error, and cancels by aborting', async () => {
    const { failures, events } = recorder();
    const transport = multipartTransport({ caseId: CASE_ID, file: pdf, fields: {} }, events);
    transport.start();
    await vi.waitFor(() => expect(FakeXhr.last?.body).toBeTruthy());
    FakeXhr.last?.answer(422, {
      statusCode: 422,
      code: 'document_unreadable',
      message: 'The PDF cannot be read',
    });
    expect(failures.map((error) => [error.statusCode, error.code])).toEqual([
      [422, 'document_unreadable'],
    ]);
    transport.cancel();
    expect(FakeXhr.last?.aborted).toBe(true);
  });
});

describe('resumable uploads (tus)', () => {
  it('gives the case and the fields as metadata, resumes what this browser began, pauses', async () => {
    tus.previous = [
      { creationTime: '2025-06-01T10:00:00.000Z', uploadUrl: '/api/uploads/old' },
      { creationTime: '2025-06-02T10:00:00.000Z', uploadUrl: '/api/uploads/latest' },
    ];
    const { log, events } = recorder();
    const transport = tusTransport(
      { caseId: CASE_ID, file: pdf, fields: { title: 'Réponse', obtainedBy: 'foi-request' } },
      events,
    );
    transport.start();
    await vi.waitFor(() => expect(tus.uploads[0]?.calls).toContain('start'));
    const upload = tus.uploads[0];
    expect(upload?.options.endpoint).toBe(`${window.location.origin}/api/uploads`);
    expect(upload?.options.metadata).toEqual({
      caseId: CASE_ID,
      filename: 'reponse.pdf',
      filetype: 'application/pdf',
      title: 'Réponse',
      obtainedBy: 'foi-request',
    });
    // The same file for the same case only.
    expect(await upload?.options.fingerprint(pdf)).toBe(fingerprintOf(CASE_ID, pdf));
    expect(upload?.calls).toEqual(['resume /api/uploads/latest', 'start']);

    transport.pause();
    transport.start();
    expect(upload?.calls.slice(-2)).toEqual(['abort', 'start']);

    upload?.options.onProgress(1000, 1000);
    upload?.options.onSuccess({
      lastResponse: { getStatus: () => 200, getBody: () => JSON.stringify(aDocument()) },
    });
    expect(log).toEqual(['progress 1000', 'processing', `success ${aDocument().id}`]);

    transport.cancel();
    expect(upload?.calls.at(-1)).toBe('terminate');
  });

  it('reads the API error of a refused file from the final answer', async () => {
    const { failures, events } = recorder();
    tusTransport({ caseId: CASE_ID, file: pdf, fields: {} }, events).start();
    await vi.waitFor(() => expect(tus.uploads[0]?.calls).toContain('start'));
    const options = tus.uploads[0]?.options;
    const response = (status: number, body: unknown) => ({
      getStatus: () => status,
      getBody: () => JSON.stringify(body),
    });
    // Client errors are not retried (a 401 once, after refreshing the token).
    expect(options?.onShouldRetry({ originalResponse: response(415, {}) }, 0)).toBe(false);
    expect(options?.onShouldRetry({ originalResponse: response(503, {}) }, 0)).toBe(true);
    expect(options?.onShouldRetry({ originalResponse: response(401, {}) }, 0)).toBe(true);
    expect(options?.onShouldRetry({ originalResponse: response(401, {}) }, 1)).toBe(false);

    options?.onError(
      Object.assign(new Error('tus: unexpected response'), {
        originalResponse: response(415, {
          statusCode: 415,
          code: 'unsupported_media_type',
          message: 'reponse.pdf is named .pdf but its bytes are text/html',
        }),
      }),
    );
    expect(failures.map((error) => [error.statusCode, error.code])).toEqual([
      [415, 'unsupported_media_type'],
    ]);
  });

  it('says so, rather than start over, when a paused upload is gone from the server', async () => {
    const { failures, events } = recorder();
    const transport = tusTransport({ caseId: CASE_ID, file: pdf, fields: {} }, events);
    transport.start();
    await vi.waitFor(() => expect(tus.uploads[0]?.calls).toContain('start'));
    const options = tus.uploads[0]?.options;
    transport.pause();
    // Without an endpoint, tus-js-client cannot quietly create a second upload of the file.
    expect(options?.endpoint).toBeNull();
    transport.start();
    options?.onError(
      Object.assign(new Error('tus: unable to resume upload'), {
        originalResponse: { getStatus: () => 404, getBody: () => '' },
      }),
    );
    expect(failures.map((error) => error.code)).toEqual(['upload_gone']);
  });

  it('lists the unfinished uploads of a case that this browser remembers', async () => {
    window.localStorage.setItem(
      `tus::${fingerprintOf(CASE_ID, pdf)}::42`,
      JSON.stringify({
        size: 1000,
        metadata: { caseId: CASE_ID, filename: 'reponse.pdf' },
        creationTime: '2025-06-02T10:00:00.000Z',
        uploadUrl: 'http://localhost/api/uploads/abc',
      }),
    );
    window.localStorage.setItem(
      `tus::${fingerprintOf('another-case', pdf)}::43`,
      JSON.stringify({ size: 1, metadata: { caseId: 'another-case', filename: 'x.pdf' } }),
    );
    expect(await interruptedUploads(CASE_ID)).toEqual([
      {
        key: `tus::${fingerprintOf(CASE_ID, pdf)}::42`,
        fileName: 'reponse.pdf',
        size: 1000,
        url: 'http://localhost/api/uploads/abc',
        createdAt: '2025-06-02T10:00:00.000Z',
      },
    ]);
  });
});
