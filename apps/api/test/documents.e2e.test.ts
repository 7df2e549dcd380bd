import { loadImage } from '@napi-rs/canvas';
import { PDFDocument } from '@pdfme/pdf-lib';
import {
  type CaseDocument,
  type CaseEvent,
  type ClientToServerEvents,
  type DocumentDetail,
  type DocumentText,
  type ServerToClientEvents,
} from '@technopolice/shared';
import { readdir } from 'node:fs/promises';
import { join as joinPath } from 'node:path';
import { connect } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SECRET_AUTHOR,
  SECRET_SOFTWARE,
  brokenPdf,
  docx,
  encryptedPdf,
  manyPagesPdf,
  photoWithGps,
  png,
  scannedPdf,
  textPdf,
  windowsProgram,
  zipBombDocx,
} from './support/files.js';
import {
  ADMIN,
  ADMIN_ENV,
  join,
  newGroup,
  newPerson,
  type Person,
  tokenFor,
} from './support/identity.js';
import { backend, startTestApp, type TestApp } from './support/test-app.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Small enough to test 413 without sending much; large enough for every fixture here. */
const MAX_UPLOAD_BYTES = 3 * 1024 * 1024;

const DELIBERATION = [
  ['Conseil municipal de Marseille', 'Délibération relative à la vidéoprotection algorithmique'],
  ['Le marché est attribué à la société Thales pour un montant de 1,8 million d’euros.'],
];

describe(`documents on ${backend}`, () => {
  let t: TestApp;
  let admin: string;
  let alice: Person; // admin of the group
  let bob: Person; // member
  let outsider: Person;
  let caseId: string;
  let otherCaseId: string;
  let otherGroupId: string;

  beforeAll(async () => {
    // A database of its own: text jobs must be run by this app, which has these files.
    t = await startTestApp({
      env: { ...ADMIN_ENV, MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) },
      isolated: true,
    });
    admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    alice = await newPerson(t, admin, 'Alice');
    bob = await newPerson(t, admin, 'Bob');
    outsider = await newPerson(t, admin, 'Outsider');
    const group = await newGroup(t, alice, 'Technopolice Marseille');
    await join(group, alice, bob);
    const outsiders = await newGroup(t, outsider, 'Elsewhere');
    otherGroupId = outsiders.id;
    const opened = await alice.api.post<{ id: string }>(`/api/groups/${group.id}/cases`, {
      title: 'Marseille — VSA',
      cityCode: '13055',
      technologies: ['algorithmic-video-surveillance'],
    });
    caseId = opened.body.id;
    const theirs = await outsider.api.post<{ id: string }>(`/api/groups/${outsiders.id}/cases`, {
      title: 'Nice — reconnaissance faciale',
      cityCode: '06088',
      technologies: ['facial-recognition'],
    });
    otherCaseId = theirs.body.id;
  });
  afterAll(() => t?.close());

  const upload = async (
    who: Person,
    bytes: Buffer,
    name: string,
    fields: Record<string, string> = {},
    into = caseId,
  ) => {
    // Building a fixture can block this process for seconds; let the HTTP client's timers
    // retire the keep-alive sockets the server closed meanwhile before sending a POST on one.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    form.set('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(`${t.url}/api/cases/${into}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}` },
      body: form,
    });
    return {
      status: res.status,
      body: (await res.json()) as CaseDocument & { code?: string; message: string },
    };
  };

  const uploaded = async (...args: Parameters<typeof upload>) => {
    const res = await upload(...args);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  /** The document once its text job has finished (done, failed or none). */
  const settled = async (id: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await alice.api.get<DocumentDetail>(`/api/documents/${id}`);
      if (res.body.textStatus !== 'pending') return res.body;
      if (Date.now() > deadline) throw new Error(`text of ${id} still pending`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  const download = async (id: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}/api/documents/${id}/file`, {
      headers: { authorization: `Bearer ${alice.token}`, ...headers },
    });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  const storedFiles = async () => {
    const found: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (entry.isDirectory()) await walk(joinPath(dir, entry.name));
        else found.push(entry.name);
      }
    };
    await walk(joinPath(t.config.dataDir, 'files'));
    return found.sort();
  };
  // Uploads in flight (text jobs keep their copies in a folder of their own).
  const tempFiles = async () =>
    (await readdir(joinPath(t.config.dataDir, 'tmp'), { withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  const documentCount = async () =>
    Number(
      (await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM documents'))[0]!.n,
    );

  it('stores a PDF without its metadata, extracts its text, and tells the case live', async () => {
    const socket: ClientSocket = io(t.url, {
      auth: { token: bob.token },
      transports: ['websocket'],
    });
    expect(await socket.emitWithAck('case:join', caseId)).toMatchObject({ ok: true });
    const added = new Promise<{ seq: number; document: CaseDocument }>((resolve) =>
      socket.once('document:added', resolve),
    );
    const updated = new Promise<{ seq: number; document: CaseDocument; changes: string[] }>(
      (resolve) => socket.once('document:updated', resolve),
    );

    const pdf = await textPdf(DELIBERATION);
    expect(pdf.includes(Buffer.from(SECRET_AUTHOR))).toBe(true);
    const document = await uploaded(alice, pdf, 'délibération 2024-118.pdf', {
      kind: 'deliberation',
      date: '2024-06-24',
      source: 'Recueil des actes administratifs',
      obtainedBy: 'public-record',
    });
    expect(document).toMatchObject({
      caseId,
      title: 'délibération 2024-118',
      kind: 'deliberation',
      date: '2024-06-24',
      obtainedBy: 'public-record',
      fileName: 'délibération 2024-118.pdf',
      mimeType: 'application/pdf',
      family: 'pdf',
      pages: 2,
      textStatus: 'pending',
      public: false,
      uploadedBy: { id: alice.id, displayName: 'Alice' },
    });
    expect(document.strippedMetadata).toEqual(expect.arrayContaining(['pdf-info', 'pdf-xmp']));
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);

    const { res, bytes } = await download(document.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''d%C3%A9lib");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(bytes.length).toBe(document.size);
    for (const secret of [SECRET_AUTHOR, SECRET_SOFTWARE]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);

    const ranged = await download(document.id, { range: 'bytes=0-4' });
    expect(ranged.res.status).toBe(206);
    expect(ranged.bytes.toString('latin1')).toBe('%PDF-');

    const live = await added;
    expect(live.document.id).toBe(document.id);
    const done = await settled(document.id);
    expect(done).toMatchObject({ textStatus: 'done', textError: null, language: 'fr', pages: 2 });
    const text = (await alice.api.get<DocumentText>(`/api/documents/${document.id}/text`)).body;
    expect(text.pages.map((page) => page.number)).toEqual([1, 2]);
    expect(text.pages[0]!.text).toContain('vidéoprotection algorithmique');
    expect(text.pages[1]!.text).toContain('Thales');
    const textEvent = await updated;
    expect(textEvent).toMatchObject({ changes: ['text'], document: { textStatus: 'done' } });
    expect(textEvent.seq).toBeGreaterThan(live.seq);
    socket.close();

    const events = await alice.api.get<{ items: CaseEvent[] }>(
      `/api/cases/${caseId}/events?after=${live.seq - 1}`,
    );
    expect(events.body.items.map((event) => event.type)).toEqual([
      'document.added',
      'document.text',
    ]);

    const listed = await bob.api.get<{ items: CaseDocument[] }>(`/api/cases/${caseId}/documents`);
    expect(listed.body.items.map((item) => item.id)).toContain(document.id);
  });

  it('reads a scanned PDF that has no text layer with OCR', async () => {
    const document = await uploaded(
      bob,
      await scannedPdf(['Vidéoprotection algorithmique', 'Ville de Marseille']),
      'scan.pdf',
      { kind: 'foi-answer' },
    );
    const done = await settled(document.id, 90_000);
    expect(done).toMatchObject({ textStatus: 'done', ocrPages: 1 });
    const text = (await bob.api.get<DocumentText>(`/api/documents/${document.id}/text`)).body;
    expect(text.pages[0]!.text).toMatch(/Marseille/);
  }, 120_000);

  it('removes the author and the GPS position from a photo, and keeps the picture', async () => {
    const photo = photoWithGps();
    expect(photo.includes(Buffer.from(SECRET_AUTHOR))).toBe(true);
    const document = await uploaded(bob, photo, 'IMG_2024.JPG', { kind: 'photo' });
    expect(document).toMatchObject({ mimeType: 'image/jpeg', family: 'image', kind: 'photo' });
    expect(document.strippedMetadata).toEqual(expect.arrayContaining(['exif', 'gps']));
    const { bytes } = await download(document.id);
    expect(bytes.includes(Buffer.from(SECRET_AUTHOR))).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET_SOFTWARE))).toBe(false);
    expect(bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
    const image = await loadImage(bytes);
    expect([image.width, image.height]).toEqual([320, 240]);
  });

  it('refuses empty, lying, executable, protected, broken and oversized files, storing nothing', async () => {
    const before = { files: await storedFiles(), count: await documentCount() };
    const cases: [Buffer, string, number, string][] = [
      [Buffer.alloc(0), 'vide.pdf', 400, 'empty_file'],
      [png(), 'rapport.pdf', 415, 'unsupported_media_type'],
      [windowsProgram(), 'contrat.pdf', 415, 'unsupported_media_type'],
      [windowsProgram(), 'setup.exe', 415, 'unsupported_media_type'],
      [
        Buffer.from('<html><script>alert(1)</script></html>'),
        'page.html',
        415,
        'unsupported_media_type',
      ],
      [encryptedPdf(), 'reponse-cada.pdf', 422, 'document_encrypted'],
      [brokenPdf(), 'telechargement.pdf', 422, 'document_unreadable'],
      [Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20), 'notes.txt', 413, 'payload_too_large'],
    ];
    for (const [bytes, name, status, code] of cases) {
      const res = await upload(bob, bytes, name);
      expect([name, res.status, res.body.code]).toEqual([name, status, code]);
      expect(res.body.message.length).toBeGreaterThan(10);
    }
    const badFields = await upload(bob, docx('Bonjour'), 'note.docx', { kind: 'secret' });
    expect(badFields.status).toBe(400);
    expect(JSON.stringify(badFields.body)).toContain('kind');
    expect(await storedFiles()).toEqual(before.files);
    expect(await documentCount()).toBe(before.count);
    expect(await tempFiles()).toEqual([]);
  });

  it('leaves nothing behind when an upload is cut halfway', async () => {
    const before = { files: await storedFiles(), count: await documentCount() };
    const boundary = 'cut-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    const url = new URL(t.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST /api/cases/${caseId}/documents HTTP/1.1\r\nHost: ${url.host}\r\n` +
            `Authorization: Bearer ${bob.token}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\n` +
            `Content-Length: ${head.length + 2_000_000}\r\n\r\n${head}`,
        );
        socket.write(Buffer.alloc(1_000_000, 0x25), () => {
          setTimeout(() => socket.destroy(), 200);
        });
      });
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await storedFiles()).toEqual(before.files);
    expect(await documentCount()).toBe(before.count);
    expect(await tempFiles()).toEqual([]);
  });

  it('stores identical bytes once and removes them with their last document', async () => {
    const bytes = docx('Convention entre la ville et la société Thales');
    const first = await uploaded(alice, bytes, 'convention.docx', { kind: 'contract' });
    const second = await uploaded(bob, bytes, 'convention (copie).docx');
    expect(second.sha256).toBe(first.sha256);
    expect((await storedFiles()).filter((name) => name === first.sha256)).toHaveLength(1);
    expect((await settled(first.id)).textStatus).toBe('done');

    // A member deletes what they uploaded, not what others did; coordinators and admins may.
    expect((await bob.api.delete(`/api/documents/${first.id}`)).status).toBe(403);
    expect((await bob.api.delete(`/api/documents/${second.id}`)).status).toBe(204);
    expect(await storedFiles()).toContain(first.sha256);
    expect((await alice.api.delete(`/api/documents/${first.id}`)).status).toBe(204);
    expect(await storedFiles()).not.toContain(first.sha256);
    expect((await alice.api.get(`/api/documents/${first.id}`)).status).toBe(404);
  });

  it('refuses a zip bomb, and reads a 10,000-page PDF up to its limit, never stuck', async () => {
    const bomb = await upload(alice, await zipBombDocx(200), 'marché.docx');
    expect(bomb.status).toBe(422);
    expect(bomb.body).toMatchObject({ code: 'document_unreadable' });
    expect(bomb.body.message).toContain('zip bomb');

    const huge = await uploaded(alice, await manyPagesPdf(10_000), 'annexes.pdf');
    expect(huge.pages).toBe(10_000);
    const done = await settled(huge.id, 120_000);
    expect(done).toMatchObject({ textStatus: 'done', textTruncated: true, pages: 10_000 });
    const text = (await alice.api.get<DocumentText>(`/api/documents/${huge.id}/text`)).body;
    expect(text.truncated).toBe(true);
    expect(text.pages).toHaveLength(2000);
    expect(text.pages[0]!.text).toContain('Annexe page 1');
    const jobs = await t.dataSource.query<{ status: string }[]>(
      `SELECT status FROM jobs WHERE document_id = $1`,
      [huge.id],
    );
    expect(jobs).toEqual([{ status: 'done' }]);
  }, 180_000);

  it('takes up a job whose worker died, and lets a failed extraction be retried', async () => {
    const document = await uploaded(
      alice,
      Buffer.from('Note de synthèse sur les caméras.'),
      'note.txt',
    );
    await settled(document.id);
    // As a crash leaves it: running, its lease run out, the document pending.
    await t.dataSource.query(`UPDATE documents SET text_status = 'pending' WHERE id = $1`, [
      document.id,
    ]);
    await t.dataSource.query(
      `INSERT INTO jobs (type, document_id, status, attempts, locked_until)
       VALUES ('extract-text', $1, 'running', 1, now() - interval '1 minute')`,
      [document.id],
    );
    expect(await settled(document.id)).toMatchObject({ textStatus: 'done' });

    // Only a failed extraction is retried; once retried it runs again.
    expect((await alice.api.post(`/api/documents/${document.id}/text/retry`)).status).toBe(409);
    await t.dataSource.query(
      `UPDATE documents SET text_status = 'failed', text_error = 'timeout' WHERE id = $1`,
      [document.id],
    );
    const retried = await alice.api.post<CaseDocument>(`/api/documents/${document.id}/text/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ textStatus: 'pending', textError: null });
    expect(await settled(document.id)).toMatchObject({ textStatus: 'done', textError: null });
  }, 120_000);

  it('edits metadata with versions, and cites a document from the timeline', async () => {
    const document = await uploaded(alice, docx('Cahier des clauses techniques'), 'cctp.docx');
    const edited = await bob.api.patch<CaseDocument>(`/api/documents/${document.id}`, {
      version: document.version,
      title: 'CCTP du marché de vidéoprotection',
      kind: 'tender',
      source: 'Profil acheteur de la ville',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ kind: 'tender', version: document.version + 1 });
    const stale = await bob.api.patch(`/api/documents/${document.id}`, {
      version: document.version,
      title: 'Autre titre',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version' });

    const entry = await alice.api.post<{ id: string; documentId: string }>(
      `/api/cases/${caseId}/timeline`,
      { date: '2024-03-01', title: 'Publication du marché', documentId: document.id },
    );
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    const detail = await alice.api.get<DocumentDetail>(`/api/documents/${document.id}`);
    expect(detail.body).toMatchObject({
      caseTitle: 'Marseille — VSA',
      citations: [{ type: 'timeline', id: entry.body.id, title: 'Publication du marché' }],
    });

    // A document of another case cannot be cited; another group's document does not exist.
    const theirs = await uploaded(outsider, docx('Ailleurs'), 'ailleurs.docx', {}, otherCaseId);
    const wrong = await alice.api.post(`/api/cases/${caseId}/timeline`, {
      date: '2024-03-02',
      title: 'Citation volée',
      documentId: theirs.id,
    });
    expect(wrong.status).toBe(400);
    expect((await alice.api.get(`/api/documents/${theirs.id}`)).status).toBe(404);
    expect((await upload(alice, docx('x'), 'x.docx', {}, otherCaseId)).status).toBe(404);

    const all = await bob.api.get<{ items: { id: string; caseTitle: string }[] }>(
      '/api/documents?q=cctp',
    );
    expect(all.body.items).toEqual([
      expect.objectContaining({ id: document.id, caseTitle: 'Marseille — VSA' }),
    ]);
    expect((await bob.api.get(`/api/documents?groupId=${otherGroupId}`)).status).toBe(404);
  });

  it('takes large files by resumable upload (tus), resumed after a cut', async () => {
    const pdf = await textPdf([['Annexe technique du marché de vidéoprotection']]);
    const encode = (value: string) => Buffer.from(value).toString('base64');
    const metadata = [
      `caseId ${encode(caseId)}`,
      `filename ${encode('annexe technique.pdf')}`,
      `kind ${encode('contract')}`,
    ].join(',');
    const tus = (who: Person, headers: Record<string, string>) => ({
      authorization: `Bearer ${who.token}`,
      'tus-resumable': '1.0.0',
      ...headers,
    });

    const refused = await fetch(`${t.url}/api/uploads`, {
      method: 'POST',
      headers: tus(alice, {
        'upload-length': String(pdf.length),
        'upload-metadata': `caseId ${encode(otherCaseId)},filename ${encode('x.pdf')}`,
      }),
    });
    expect(refused.status).toBe(404);

    const created = await fetch(`${t.url}/api/uploads`, {
      method: 'POST',
      headers: tus(alice, { 'upload-length': String(pdf.length), 'upload-metadata': metadata }),
    });
    expect(created.status).toBe(201);
    const location = new URL(created.headers.get('location')!, t.url).toString();

    const half = Math.floor(pdf.length / 2);
    const first = await fetch(location, {
      method: 'PATCH',
      headers: tus(alice, {
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      }),
      body: new Uint8Array(pdf.subarray(0, half)),
    });
    expect(first.status).toBe(204);

    // Someone else cannot see or continue it.
    expect((await fetch(location, { method: 'HEAD', headers: tus(bob, {}) })).status).toBe(404);
    const head = await fetch(location, { method: 'HEAD', headers: tus(alice, {}) });
    expect(head.headers.get('upload-offset')).toBe(String(half));

    const last = await fetch(location, {
      method: 'PATCH',
      headers: tus(alice, {
        'upload-offset': String(half),
        'content-type': 'application/offset+octet-stream',
      }),
      body: new Uint8Array(pdf.subarray(half)),
    });
    expect(last.status).toBe(200);
    const document = (await last.json()) as CaseDocument;
    expect(document).toMatchObject({
      caseId,
      kind: 'contract',
      title: 'annexe technique',
      pages: 1,
    });
    const { bytes } = await download(document.id);
    expect(bytes.includes(Buffer.from(SECRET_AUTHOR))).toBe(false);
    expect(await readdir(joinPath(t.config.dataDir, 'uploads'))).toEqual([]);
  });

  it('re-checks stored files for instance admins, finding a corrupted one', async () => {
    const document = await uploaded(alice, docx('Rapport de la CNIL'), 'cnil.docx');
    const adminApi = (await import('./support/identity.js')).as(t, admin);
    expect((await alice.api.post('/api/admin/files/verify')).status).toBe(403);
    const clean = await adminApi.post<{ corrupt: string[]; missing: string[] }>(
      '/api/admin/files/verify',
    );
    expect(clean.status).toBe(200);
    expect(clean.body).toMatchObject({ corrupt: [], missing: [] });
    const { writeFile } = await import('node:fs/promises');
    const sha = document.sha256;
    await writeFile(
      joinPath(t.config.dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha),
      'tampered',
    );
    const found = await adminApi.post<{ corrupt: string[] }>('/api/admin/files/verify');
    expect(found.body.corrupt).toEqual([sha]);
  });
});
