// The upload benchmark's client, in its own process so its CPU and memory are not the
// servers'. Streams a file from disk as the body of one request (a hand-built multipart
// envelope around a file read stream, with Content-Length), or as tus 1.0 chunks, and times it
// from the first byte sent to the end of the response.
//
// Messages in: { id, kind: 'multipart', url, token?, file, size, fileName }
//              { id, kind: 'tus', url, token, file, size, fileName, caseId, chunkBytes }
// Messages out: { id, ok, status, body, ms } or { id, ok: false, error }
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { request } from 'node:http';
import { pipeline } from 'node:stream/promises';

const READ_CHUNK = 1024 * 1024;

/** One HTTP request with a streamed body; resolves with the status and the response text. */
function send(url, { method, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    if (!body) {
      req.end();
      return;
    }
    // A server may answer (413, 401…) before reading everything: the answer is what counts.
    pipeline(body, req).catch(() => undefined);
  });
}

async function multipart({ url, token, file, size, fileName }) {
  const boundary = `----bench${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* body() {
    yield head;
    yield* createReadStream(file, { highWaterMark: READ_CHUNK });
    yield tail;
  }
  const headers = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': String(head.length + size + tail.length),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const started = performance.now();
  const res = await send(url, { method: 'POST', headers, body: body() });
  return { ...res, ms: performance.now() - started };
}

async function tus({ url, token, file, size, fileName, caseId, chunkBytes }) {
  const b64 = (value) => Buffer.from(value).toString('base64');
  const common = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
  const started = performance.now();
  const created = await send(url, {
    method: 'POST',
    headers: {
      ...common,
      'upload-length': String(size),
      'upload-metadata': `caseId ${b64(caseId)},filename ${b64(fileName)},filetype ${b64('video/mp4')}`,
    },
  });
  if (created.status !== 201) return { ...created, ms: performance.now() - started };
  const location = new URL(created.headers.location, url).href;
  let res;
  for (let offset = 0; offset < size; offset += chunkBytes) {
    const end = Math.min(size, offset + chunkBytes);
    res = await send(location, {
      method: 'PATCH',
      headers: {
        ...common,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        'content-length': String(end - offset),
      },
      body: createReadStream(file, { start: offset, end: end - 1, highWaterMark: READ_CHUNK }),
    });
    if (res.status !== 204 && end < size) break;
  }
  return { ...res, ms: performance.now() - started };
}

process.on('message', async (message) => {
  try {
    const result = message.kind === 'tus' ? await tus(message) : await multipart(message);
    process.send({
      id: message.id,
      ok: true,
      status: result.status,
      body: result.body,
      ms: result.ms,
    });
  } catch (error) {
    process.send({ id: message.id, ok: false, error: String(error.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
