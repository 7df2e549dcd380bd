// The raw baseline of the upload benchmark: a bare node:http server that streams the request
// body to a file while hashing it with SHA-256, in one pass, and answers 201 with the hash.
//
// It receives the very multipart body our API receives, but does not parse it: the client's
// envelope is one `file` part, so the server skips the part headers (up to the first blank
// line) and the closing delimiter (its length follows from the boundary and Content-Length),
// and hashes and writes the bytes in between, untouched. No boundary scanning: what a real
// multipart parser costs is part of what the benchmark shows about our API.
// `?fsync=1` also fsyncs the file before answering, as our store does before renaming.
//
// Started by uploads.bench.mjs with an IPC channel: sends `{ port }` once listening.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: baseline-server.mjs <output dir>');

const HEADER_END = Buffer.from('\r\n\r\n');

/** Passes on only the bytes of the single file part, hashing them. */
function filePart(contentLength, boundary, hash) {
  const closing = Buffer.byteLength(`\r\n--${boundary}--\r\n`);
  let head = Buffer.alloc(0);
  let remaining = -1; // file bytes still to pass on; -1 until the part headers are read
  let size = 0;
  const emit = (stream, bytes) => {
    const take = bytes.subarray(0, Math.min(bytes.length, remaining));
    remaining -= take.length;
    size += take.length;
    if (take.length === 0) return;
    hash.update(take);
    stream.push(take);
  };
  const transform = new Transform({
    transform(chunk, _encoding, callback) {
      if (remaining === -1) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf(HEADER_END);
        if (end === -1) {
          if (head.length > 16 * 1024) return callback(new Error('no part headers'));
          return callback();
        }
        remaining = contentLength - (end + HEADER_END.length) - closing;
        emit(this, head.subarray(end + HEADER_END.length));
        head = null;
        return callback();
      }
      emit(this, chunk);
      callback();
    },
  });
  return { transform, size: () => size };
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
    const contentLength = Number(req.headers['content-length']);
    if (req.method !== 'POST' || !boundary || !Number.isSafeInteger(contentLength)) {
      res.writeHead(400).end();
      return;
    }
    const hash = createHash('sha256');
    const part = filePart(contentLength, boundary[1] ?? boundary[2], hash);
    const path = join(outDir, `${randomUUID()}.part`);
    await pipeline(req, part.transform, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    if (url.searchParams.get('fsync') === '1') {
      const handle = await open(path, 'r+');
      await handle.sync();
      await handle.close();
    }
    const body = JSON.stringify({ sha256: hash.digest('hex'), size: part.size(), path });
    res.writeHead(201, { 'content-type': 'application/json' }).end(body);
  } catch (error) {
    if (!res.headersSent) res.writeHead(500).end(String(error.message));
  }
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
