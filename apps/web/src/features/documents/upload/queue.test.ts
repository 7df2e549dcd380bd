import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api';
import { aDocument, CASE_ID } from '../fixtures';
import {
  fieldsFor,
  type Transport,
  type TransportEvents,
  type UploadRequest,
  UploadQueue,
} from './queue';

/** A transport the test drives by hand: it records calls and exposes its events. */
interface FakeTransport extends Transport {
  request: UploadRequest;
  events: TransportEvents;
  resumable: boolean;
  calls: string[];
}

function setup(options: { concurrency?: number; threshold?: number } = {}) {
  const transports: FakeTransport[] = [];
  const uploaded: string[] = [];
  let n = 0;
  const queue = new UploadQueue({
    concurrency: options.concurrency ?? 2,
    resumableThreshold: options.threshold ?? 1000,
    newId: () => `u${(n += 1)}`,
    onUploaded: (document) => uploaded.push(document.id),
    createTransport: (request, events, resumable) => {
      const calls: string[] = [];
      const transport: FakeTransport = {
        request,
        events,
        resumable,
        calls,
        start: () => calls.push('start'),
        pause: () => calls.push('pause'),
        cancel: () => calls.push('cancel'),
      };
      transports.push(transport);
      return transport;
    },
  });
  const status = () => queue.getSnapshot().map((item) => `${item.fileName}:${item.status}`);
  return { queue, transports, uploaded, status };
}

const file = (name: string, size = 100, type = 'application/pdf') =>
  new File([new Uint8Array(size)], name, { type });

describe('upload queue', () => {
  it('sends a few files at once and starts the next one when a place frees up', () => {
    const { queue, transports, uploaded, status } = setup({ concurrency: 2 });
    const listener = vi.fn();
    queue.subscribe(listener);
    queue.add(CASE_ID, [file('a.pdf'), file('b.pdf'), file('c.pdf')]);

    expect(status()).toEqual(['a.pdf:uploading', 'b.pdf:uploading', 'c.pdf:queued']);
    expect(transports).toHaveLength(2);
    expect(queue.busy).toBe(true);
    expect(listener).toHaveBeenCalled();

    transports[0]?.events.progress(40);
    expect(queue.getSnapshot()[0]?.sent).toBe(40);
    transports[0]?.events.processing();
    expect(status()[0]).toBe('a.pdf:processing');
    transports[0]?.events.success(aDocument({ id: 'd0000000-0000-4000-8000-00000000000a' }));

    expect(status()).toEqual(['a.pdf:done', 'b.pdf:uploading', 'c.pdf:uploading']);
    expect(uploaded).toEqual(['d0000000-0000-4000-8000-00000000000a']);
    expect(queue.getSnapshot()[0]?.sent).toBe(100);
    expect(transports[2]?.calls).toEqual(['start']);
  });

  it('refuses at once, without sending, a type the server does not accept or an empty file', () => {
    const { queue, transports, status } = setup();
    queue.add(CASE_ID, [file('setup.exe'), file('vide.pdf', 0), file('notes')]);
    expect(status()).toEqual(['setup.exe:failed', 'vide.pdf:failed', 'notes:failed']);
    expect(queue.getSnapshot().map((item) => item.problem?.code)).toEqual([
      'unsupported_extension',
      'empty_file',
      'unsupported_extension',
    ]);
    expect(transports).toHaveLength(0);
    expect(queue.busy).toBe(false);
  });

  it('pauses and resumes resumable uploads only, giving the place to the next file', () => {
    const { queue, transports, status } = setup({ concurrency: 1, threshold: 1000 });
    queue.add(CASE_ID, [file('gros.pdf', 5000), file('petit.pdf', 10)]);
    const [big] = transports;
    expect(big?.resumable).toBe(true);

    queue.pause('u1');
    expect(status()).toEqual(['gros.pdf:paused', 'petit.pdf:uploading']);
    expect(big?.calls).toEqual(['start', 'pause']);
    // Progress reported by a paused transport is ignored.
    big?.events.progress(2000);
    expect(queue.getSnapshot()[0]?.sent).toBe(0);

    // A small file cannot pause.
    queue.pause('u2');
    expect(status()[1]).toBe('petit.pdf:uploading');

    queue.resume('u1');
    expect(status()[0]).toBe('gros.pdf:queued');
    transports[1]?.events.success(aDocument());
    // The same transport continues where it stopped.
    expect(status()).toEqual(['gros.pdf:uploading', 'petit.pdf:done']);
    expect(big?.calls).toEqual(['start', 'pause', 'start']);
    expect(transports).toHaveLength(2);
  });

  it('cancels an upload and ignores what its transport says afterwards', () => {
    const { queue, transports, uploaded, status } = setup();
    queue.add(CASE_ID, [file('a.pdf')]);
    queue.cancel('u1');
    expect(status()).toEqual(['a.pdf:cancelled']);
    expect(transports[0]?.calls).toEqual(['start', 'cancel']);
    transports[0]?.events.success(aDocument());
    expect(status()).toEqual(['a.pdf:cancelled']);
    expect(uploaded).toEqual([]);
  });

  it('keeps the reason of a failure, and retries only what may work the second time', () => {
    const { queue, transports, status } = setup();
    queue.add(CASE_ID, [file('chiffre.pdf'), file('coupe.pdf')]);
    transports[0]?.events.failure(
      new ApiError({
        statusCode: 422,
        code: 'document_encrypted',
        message: 'The PDF is password-protected',
      }),
    );
    transports[1]?.events.failure(
      new ApiError({ statusCode: 0, code: 'network_error', message: 'offline' }),
    );
    const [encrypted, cut] = queue.getSnapshot();
    expect(encrypted?.problem?.code).toBe('document_encrypted');
    expect(encrypted?.retryable).toBe(false);
    expect(cut?.retryable).toBe(true);

    queue.retry('u1');
    expect(status()[0]).toBe('chiffre.pdf:failed');
    queue.retry('u2');
    expect(status()[1]).toBe('coupe.pdf:uploading');
    // A multipart upload starts over with a new request.
    expect(transports).toHaveLength(3);
  });

  it('clears the finished uploads of one case only', () => {
    const { queue, transports, status } = setup();
    queue.add(CASE_ID, [file('a.pdf'), file('b.pdf')]);
    queue.add('other-case', [file('c.exe')]);
    transports[0]?.events.success(aDocument());
    queue.clearFinished(CASE_ID);
    expect(status()).toEqual(['b.pdf:uploading', 'c.exe:failed']);
    queue.dismiss('u3');
    expect(status()).toEqual(['b.pdf:uploading']);
  });
});

describe('fields sent with a file', () => {
  it('titles a document after its file and files images as photos', () => {
    expect(fieldsFor(file('Réponse CADA mairie.pdf'))).toEqual({ title: 'Réponse CADA mairie' });
    expect(fieldsFor(file('IMG_2041.JPG'), { obtainedBy: 'field' })).toEqual({
      title: 'IMG_2041',
      kind: 'photo',
      obtainedBy: 'field',
    });
    expect(fieldsFor(file('delib.pdf'), { kind: 'deliberation' })).toEqual({
      title: 'delib',
      kind: 'deliberation',
    });
  });
});
