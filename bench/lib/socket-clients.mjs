// The discussion benchmark's viewers: many socket.io clients in one process of their own (the
// servers' figures then exclude the clients' work, though both share the machine's cores).
// Every client runs the same code whichever server it talks to: websocket transport, the
// handshake's `auth.token`, `case:join` with an ack, `post:created` timed on arrival.
//
// A post's text starts with `bench:<run>:<n>:<sentAt>` (sentAt: the poster's
// performance.timeOrigin + performance.now(), a clock shared by the processes of one machine);
// each arrival of the current run is kept as (post n, latency), a second arrival of the same n
// on the same client as a duplicate. A client that reconnects without socket.io's state
// recovery joins again, as the web app does.
//
// Messages in:  { id, cmd: 'connect', targets: [{ url, token }], count, join, batch }
//               (client i talks to targets[i % targets.length]; `batch` connect at a time)
//               { id, cmd: 'count', run, posts }   start counting run `run` of `posts` posts
//               { id, cmd: 'collect' }             what arrived since `count`
//               { id, cmd: 'sample' }              the last post:created payload, as received
//               { id, cmd: 'close' }               disconnects every client
//               { id, cmd: 'clock' }               this process's clock against Date.now()
// Messages out: { id, ok: true, ...result } or { id, ok: false, error }
import { io } from 'socket.io-client';

const MARKER = /^bench:([a-z0-9]+):(\d+):(\d+(?:\.\d+)?)/;
const now = () => performance.timeOrigin + performance.now();

let sockets = [];
let counting = null;
let sample = null;
const counters = { presence: 0, disconnects: 0, reconnects: 0, recovered: 0, rejoinFailures: 0 };

function newCounting(run, posts) {
  const capacity = sockets.length * posts + 1024;
  return {
    run,
    posts,
    // One bit of "seen" per client and post: duplicates are told from first arrivals.
    seen: new Uint8Array(sockets.length * posts),
    post: new Int32Array(capacity),
    latency: new Float64Array(capacity),
    length: 0,
    duplicates: 0,
    stray: 0,
    firstAt: Infinity,
    lastAt: 0,
    // Counters at the start, so that `collect` tells what happened while counting.
    before: { ...counters },
  };
}

function record(index, payload) {
  const at = now();
  sample = payload;
  const text = payload?.post?.body?.content?.[0]?.content?.[0]?.text;
  const match = typeof text === 'string' ? MARKER.exec(text) : null;
  const c = counting;
  if (!match || !c || match[1] !== c.run) return;
  const n = Number(match[2]);
  if (n >= c.posts) {
    c.stray += 1;
    return;
  }
  const bit = index * c.posts + n;
  if (c.seen[bit]) {
    c.duplicates += 1;
    return;
  }
  c.seen[bit] = 1;
  if (c.length === c.post.length) return; // cannot happen: one arrival per client and post
  c.post[c.length] = n;
  c.latency[c.length] = at - Number(match[3]);
  c.length += 1;
  c.firstAt = Math.min(c.firstAt, at);
  c.lastAt = Math.max(c.lastAt, at);
}

async function join(socket, spec) {
  const ack = await socket.timeout(30_000).emitWithAck(spec.event, spec.arg);
  if (!ack?.ok) throw new Error(`${spec.event} refused: ${JSON.stringify(ack)}`);
}

function connectOne(index, target, spec) {
  const socket = io(target.url, {
    auth: { token: target.token },
    transports: ['websocket'],
    forceNew: true,
  });
  let first = true;
  socket.on('post:created', (payload) => record(index, payload));
  socket.on('presence', () => (counters.presence += 1));
  socket.on('disconnect', () => (counters.disconnects += 1));
  return new Promise((resolve, reject) => {
    socket.on('connect', () => {
      if (first) {
        first = false;
        join(socket, spec).then(() => resolve(socket), reject);
        return;
      }
      counters.reconnects += 1;
      if (socket.recovered) counters.recovered += 1;
      else join(socket, spec).catch(() => (counters.rejoinFailures += 1));
    });
    socket.on('connect_error', (error) => {
      if (first) {
        socket.close();
        reject(new Error(`connect to ${target.url}: ${error.message}`));
      }
    });
  });
}

async function connect({ targets, count, join: spec, batch }) {
  const started = performance.now();
  for (let i = 0; i < count; i += batch) {
    const group = [];
    for (let j = i; j < Math.min(count, i + batch); j++) {
      group.push(connectOne(j, targets[j % targets.length], spec));
    }
    sockets.push(...(await Promise.all(group)));
  }
  return { sockets: sockets.length, ms: performance.now() - started };
}

function collect() {
  const c = counting;
  counting = null;
  if (!c) throw new Error('collect before count');
  return {
    // Copies of the filled part only: the IPC channel (advanced serialization) sends them whole.
    post: c.post.slice(0, c.length),
    latency: c.latency.slice(0, c.length),
    duplicates: c.duplicates,
    stray: c.stray,
    firstAt: c.firstAt,
    lastAt: c.lastAt,
    clients: sockets.length,
    connected: sockets.filter((s) => s.connected).length,
    // Since the clients connected, and since `count`.
    total: { ...counters },
    counted: Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, v - c.before[k]])),
  };
}

async function close() {
  for (const socket of sockets) socket.close();
  sockets = [];
  sample = null;
  for (const key of Object.keys(counters)) counters[key] = 0;
  return {};
}

const commands = {
  connect,
  count: ({ run, posts }) => ((counting = newCounting(run, posts)), {}),
  collect,
  sample: () => ({ sample }),
  close,
  clock: () => ({ offsetMs: now() - Date.now() }),
};

process.on('message', async (message) => {
  try {
    const result = await commands[message.cmd](message);
    process.send({ id: message.id, ok: true, ...result });
  } catch (error) {
    process.send({ id: message.id, ok: false, error: String(error.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
