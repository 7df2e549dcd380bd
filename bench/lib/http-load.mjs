// A small keep-alive HTTP/1.1 load generator, in a process of its own (lib/ipc-child.mjs): N
// connections, each sending one GET at a time (no pipelining) and reading the whole answer
// before the next, paths taken in turn from a list. Raw sockets and a minimal response reader
// (status line, Content-Length; chunked answers are refused) keep the client's own cost low,
// since it shares the machine's cores with the server.
//
// Messages in:  { id, cmd: 'run', host, port, paths, connections, seconds, warmupSeconds,
//                 headers? }
// Messages out: { id, ok: true, requests, seconds, rps, bytesPerRequest, statuses, p50, p99 }
//               or { id, ok: false, error }
import { connect } from 'node:net';

const CRLF2 = Buffer.from('\r\n\r\n');

function connection(host, port) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends requests on one socket until `until()` is false; calls `done(status, bytes, ms)`. */
function drive(socket, next, until, done) {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    let expected = -1;
    let headerLength = 0;
    let status = 0;
    let sentAt = 0;
    const send = () => {
      if (!until()) {
        socket.removeAllListeners('data');
        resolve();
        return;
      }
      sentAt = performance.now();
      socket.write(next());
    };
    socket.on('data', (chunk) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        if (expected < 0) {
          const end = buffer.indexOf(CRLF2);
          if (end < 0) return;
          const head = buffer.subarray(0, end).toString('latin1');
          status = Number(head.slice(9, 12));
          const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
          if (!length) {
            if (/\r\ntransfer-encoding:/i.test(head) || (status !== 304 && status !== 204)) {
              reject(new Error(`an answer without Content-Length: ${head.split('\r\n')[0]}`));
              socket.destroy();
              return;
            }
          }
          headerLength = end + 4;
          expected = status === 304 || status === 204 ? 0 : Number(length?.[1] ?? 0);
        }
        if (buffer.length < headerLength + expected) return;
        const total = headerLength + expected;
        buffer = buffer.subarray(total);
        expected = -1;
        done(status, total, performance.now() - sentAt);
        if (buffer.length === 0) {
          send();
          return;
        }
      }
    });
    socket.once('error', reject);
    send();
  });
}

async function run({ host, port, paths, connections, seconds, warmupSeconds = 1, headers = {} }) {
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const requests = paths.map((path) =>
    Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\n${extra}\r\n`, 'latin1'),
  );
  let turn = 0;
  const next = () => requests[turn++ % requests.length];
  const sockets = await Promise.all(
    Array.from({ length: connections }, () => connection(host, port)),
  );
  const startedAt = performance.now();
  const measureFrom = startedAt + warmupSeconds * 1000;
  const stopAt = measureFrom + seconds * 1000;
  let count = 0;
  let bytes = 0;
  const statuses = {};
  const latencies = [];
  const done = (status, size, ms) => {
    const now = performance.now();
    if (now < measureFrom || now > stopAt) return;
    count++;
    bytes += size;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (latencies.length < 1_000_000) latencies.push(ms);
  };
  await Promise.all(
    sockets.map((socket) => drive(socket, next, () => performance.now() < stopAt, done)),
  );
  for (const socket of sockets) socket.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    requests: count,
    seconds,
    rps: count / seconds,
    bytesPerRequest: count ? bytes / count : 0,
    statuses,
    p50: at(50),
    p99: at(99),
  };
}

process.on('message', async (message) => {
  try {
    if (message.cmd !== 'run') throw new Error(`unknown command ${message.cmd}`);
    process.send({ id: message.id, ok: true, ...(await run(message)) });
  } catch (error) {
    process.send({ id: message.id, ok: false, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
