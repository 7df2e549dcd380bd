// Issue #6: live delivery of discussion posts. 1,000 socket.io clients view one case across two
// API processes joined by Redis (one fresh PostgreSQL database), while two members post 10
// messages/s for 30 s through `POST /api/threads/:threadId/posts` (10,000 deliveries/s); the
// same clients, load and messages then go through a bare socket.io server (the issue's
// baseline), and through two bare servers joined by the same Redis Streams adapter as ours
// (information). Figures: delivery latency (p50, p99, max), losses, duplicates, refused posts.
// Target: nothing lost, no post refused, p99 within 2× of the bare server's.
//
// Processes: this one posts (open loop, on a fixed schedule, each post timed from just before
// its request); the clients live in CLIENT_PROCESSES processes of their own
// (lib/socket-clients.mjs); servers in theirs. All share the machine's cores, as they would
// share them in the issue's measurement. Latency = arrival time − send time, both read from
// performance.timeOrigin + performance.now() (each process's offset from Date.now() is in the
// notes); the send time travels in the post's text, so the message is the measurement.
//
// BENCH_DISCUSSIONS_CLIENTS, _RATE (posts/s) and _SECONDS shrink or grow the run,
// BENCH_DISCUSSIONS_ONLY=ours (or bare, redis; comma-separated) runs some scenarios only,
// BENCH_DISCUSSIONS_DUMP=<dir> writes each scenario's per-post timeline there; BENCH_API_MAIN and
// BENCH_API_NODE_ARGS (`--import $PWD/bench/lib/api-trace.mjs`, `--cpu-prof …`) are for
// investigations.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { signIn, startApi } from './lib/api-server.mjs';
import { cpuSeconds, startIpcChild } from './lib/ipc-child.mjs';
import { createScratchDatabase } from './lib/scratch-database.mjs';

const CLIENTS = Number(process.env.BENCH_DISCUSSIONS_CLIENTS ?? 1000);
const RATE = Number(process.env.BENCH_DISCUSSIONS_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_DISCUSSIONS_SECONDS ?? 30);
const POSTS = Math.round(RATE * SECONDS);
const CLIENT_PROCESSES = 2;
/** Viewer accounts: sockets share their tokens (100 each with 1,000 clients). */
const VIEWERS = 10;
/** Posters alternate, each below POST_RATE (burst 30, then 10/s per person). */
const POSTERS = 2;
/** Connections opened at once, all client processes together. */
const RAMP_BATCH = 50;
const WARMUP_POSTS = 20;
const GRACE_MS = 5_000;
const TARGET_P99_RATIO = 2;
/** `bare`, `ours`, `redis` (bare servers joined by Redis): all unless BENCH_DISCUSSIONS_ONLY. */
const SCENARIOS = new Set(
  (process.env.BENCH_DISCUSSIONS_ONLY ?? 'bare,ours,redis').split(',').map((s) => s.trim()),
);
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL =
  process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A member's message of ordinary length, after the marker. */
const FILLER =
  "Le marché de vidéosurveillance algorithmique a été attribué en mars ; la délibération du conseil municipal et le cahier des clauses techniques sont en ligne, mais l'analyse d'impact manque encore. Qui peut la demander à la CNIL ?";

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const markerOf = (run, n, sentAt) => `bench:${run}:${n}:${sentAt.toFixed(3)}`;
const textOf = (run, n, sentAt) => `${markerOf(run, n, sentAt)} ${FILLER}`;
const doc = (text) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

export async function run(context) {
  const { log } = context;
  const notes = [`load average at the start: ${load()}`];
  await checkRedis();

  const clients = Array.from({ length: CLIENT_PROCESSES }, () =>
    startIpcChild(context, join(context.benchDir, 'lib/socket-clients.mjs')),
  );
  const offsets = [now() - Date.now()];
  for (const c of clients) offsets.push((await c.call({ cmd: 'clock' })).offsetMs);

  log('starting two API processes on a fresh PostgreSQL database, joined by Redis…');
  const database = await createScratchDatabase(context, DATABASE_URL, 'discussions');
  const work = context.tempDir('discussions');
  const apiOptions = (name, extra = {}) => ({
    dataDir: join(work, name),
    main: process.env.BENCH_API_MAIN,
    nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
    ...extra,
  });
  const apis = [];
  try {
    // One after the other: the first applies the migrations.
    apis.push(
      await startApi(
        context,
        apiOptions('api-1', { env: { DATABASE_URL: database.url, REDIS_URL } }),
      ),
    );
    apis.push(
      await startApi(
        context,
        apiOptions('api-2', {
          env: { DATABASE_URL: database.url, REDIS_URL, PUBLIC_URL: apis[0].publicUrl },
          setup: false,
        }),
      ),
    );
    const place = await setUp(apis);
    log(`case ${place.caseId}, thread ${place.threadId}, ${VIEWERS} viewers, ${POSTERS} posters`);
    const template = await captureTemplate(apis[0], place);

    const results = {};
    if (SCENARIOS.has('bare')) {
      const bare = await startBaseline(context, []);
      try {
        results.bare = await measure(context, clients, {
          name: 'bare socket.io, 1 process',
          targets: [{ url: bare[0].url, token: 'none' }],
          joinArg: place.caseId,
          serverPids: bare.map((b) => b.pid),
          send: bareSender(bare, template),
        });
      } finally {
        await Promise.all(bare.map((b) => b.stop()));
      }
    }

    if (SCENARIOS.has('ours')) {
      // Fresh tokens (they live 5 minutes) for the sockets and the posters.
      const viewerTokens = await Promise.all(
        place.viewers.map((v, i) => signIn(apis[i % 2].baseUrl, v.username, v.password)),
      );
      const posterTokens = await Promise.all(
        place.posters.map((p, i) => signIn(apis[i % 2].baseUrl, p.username, p.password)),
      );
      results.ours = await measure(context, clients, {
        name: 'ours, 2 processes + Redis',
        // Viewer k on replica k % 2: each account's sockets on one replica, half per replica.
        targets: viewerTokens.map((token, k) => ({ url: apis[k % 2].baseUrl, token })),
        joinArg: place.caseId,
        serverPids: apis.map((a) => a.pid),
        send: ourSender(apis, place.threadId, posterTokens),
      });
    }

    if (SCENARIOS.has('redis')) {
      const streamName = `technopolice-bench-${process.pid}`;
      const joined = await startBaseline(context, [REDIS_URL, streamName], 2);
      try {
        results.joined = await measure(context, clients, {
          name: 'bare socket.io, 2 processes + Redis',
          targets: joined.map((b) => ({ url: b.url, token: 'none' })),
          joinArg: place.caseId,
          serverPids: joined.map((b) => b.pid),
          send: bareSender(joined, template),
        });
      } finally {
        await Promise.all(joined.map((b) => b.stop()));
        await deleteRedisKeys([streamName]);
      }
    }

    const scenarios = Object.values(results);
    if (process.env.BENCH_DISCUSSIONS_DUMP) dump(process.env.BENCH_DISCUSSIONS_DUMP, scenarios);
    notes.push(...describe(scenarios, offsets, template));
    return { rows: rows(results), notes };
  } finally {
    await Promise.all(apis.map((a) => a.stop()));
    await Promise.all(clients.map((c) => c.stop()));
    await database.drop();
    notes.push(`load average at the end of the benchmark: ${load()}`);
  }
}

async function checkRedis() {
  // No retries: a missing Redis is reported at once.
  const redis = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false } });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis at ${REDIS_URL} is needed: ${error.message}`, { cause: error });
  } finally {
    if (redis.isOpen) redis.destroy();
  }
}

async function deleteRedisKeys(keys) {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  await redis.del(keys);
  await redis.quit();
}

/** Request helpers against one replica with one token; any status outside 2xx throws. */
function as(api, token) {
  return async (method, path, body) => {
    const res = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** Viewers and posters (members through invitations, across both replicas) and a case thread. */
async function setUp(apis) {
  const [first] = apis;
  const admin = as(first, first.token);
  const make = async (role, i) => {
    const person = {
      username: `bench-${role}-${i}`,
      password: `bench-password-${role}-${i}`,
      displayName: `${role === 'viewer' ? 'Viewer' : 'Poster'} ${i + 1}`,
    };
    await admin('POST', '/api/admin/users', person);
    // Accounts made through one replica sign in and join through the other, as behind a balancer.
    const api = apis[i % 2];
    const token = await signIn(api.baseUrl, person.username, person.password);
    const invitation = await admin('POST', `/api/groups/${first.groupId}/invitations`, {});
    await as(api, token)('POST', `/api/invitations/${invitation.token}/accept`);
    return person;
  };
  const viewers = [];
  for (let i = 0; i < VIEWERS; i++) viewers.push(await make('viewer', i));
  const posters = [];
  for (let i = 0; i < POSTERS; i++) posters.push(await make('poster', i));
  const thread = await admin('POST', `/api/cases/${first.caseId}/threads`, {
    title: 'Benchmark thread',
    body: doc('Fil de discussion du banc d’essai.'),
  });
  return { caseId: first.caseId, groupId: first.groupId, threadId: thread.id, viewers, posters };
}

/**
 * One `post:created` exactly as our API broadcasts it, seen by a socket: the bare servers
 * broadcast copies of it, so both sides send messages of the same size and shape.
 */
async function captureTemplate(api, place) {
  const viewer = place.viewers[0];
  const socket = io(api.baseUrl, {
    auth: { token: await signIn(api.baseUrl, viewer.username, viewer.password) },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  try {
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = await socket.timeout(10_000).emitWithAck('case:join', place.caseId);
    if (!ack?.ok) throw new Error(`case:join refused: ${JSON.stringify(ack)}`);
    const received = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no post:created in 10 s')), 10_000);
      socket.once('post:created', (payload) => {
        clearTimeout(timer);
        resolve(payload);
      });
    });
    const poster = place.posters[0];
    const token = await signIn(api.baseUrl, poster.username, poster.password);
    const marker = markerOf('template', 0, now());
    const text = `${marker} ${FILLER}`;
    await as(api, token)('POST', `/api/threads/${place.threadId}/posts`, { body: doc(text) });
    const payload = await received;
    const got = payload?.post?.body?.content?.[0]?.content?.[0]?.text;
    if (got !== text || !payload.post.html.includes(marker))
      throw new Error(
        `the broadcast post does not carry its text as sent: ${JSON.stringify(payload)}`,
      );
    return { payload, marker, text, bytes: Buffer.byteLength(JSON.stringify(payload)) };
  } finally {
    socket.close();
  }
}

/** Our side: poster n % 2 posts through replica n % 2. */
function ourSender(apis, threadId, posterTokens) {
  return (run, n) => {
    const api = apis[n % apis.length];
    const token = posterTokens[n % posterTokens.length];
    const sentAt = now();
    return timed(sentAt, `${api.baseUrl}/api/threads/${threadId}/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: doc(textOf(run, n, sentAt)) }),
    });
  };
}

/** The baseline: the captured payload with this post's text, to server n % servers. */
function bareSender(servers, template) {
  const { payload, marker: oldMarker } = template;
  return (run, n) => {
    const server = servers[n % servers.length];
    const sentAt = now();
    const marker = markerOf(run, n, sentAt);
    const post = {
      ...payload.post,
      body: doc(`${marker} ${FILLER}`),
      html: payload.post.html.replace(oldMarker, marker),
      seq: payload.post.seq + n,
    };
    return timed(sentAt, `${server.url}/broadcast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...payload, seq: payload.seq + n, post }),
    });
  };
}

async function timed(sentAt, url, init) {
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return { status: res.status, sentAt, ms: now() - sentAt };
  } catch (error) {
    return { status: `error: ${error.message}`, sentAt, ms: now() - sentAt };
  }
}

/** `count` bare socket.io servers, each in its own process (with Redis when `args` say so). */
async function startBaseline(context, args, count = 1) {
  const servers = [];
  for (let i = 0; i < count; i++) {
    const child = startIpcChild(
      context,
      join(context.benchDir, 'lib/socket-baseline-server.mjs'),
      args,
    );
    const { port } = await child.next();
    servers.push({ ...child, url: `http://127.0.0.1:${port}` });
  }
  return servers;
}

/** Waits until the servers are idle (below 5 % of a core for two seconds), at most 120 s. */
async function settle(pids, log) {
  const started = performance.now();
  let quiet = 0;
  let before = pids.map(cpuSeconds);
  while (quiet < 2 && performance.now() - started < 120_000) {
    await sleep(1000);
    const after = pids.map(cpuSeconds);
    const busy = Math.max(...after.map((cpu, i) => cpu - before[i]));
    quiet = busy < 0.05 ? quiet + 1 : 0;
    before = after;
  }
  const seconds = (performance.now() - started) / 1000;
  if (seconds > 3) log(`waited ${seconds.toFixed(0)} s for the servers to go idle`);
  return seconds;
}

/** Posts `posts` messages at RATE on a fixed schedule, without waiting for answers. */
async function post(send, run, posts) {
  const interval = 1000 / RATE;
  const start = now() + 50;
  const answers = [];
  let lateness = 0;
  for (let n = 0; n < posts; n++) {
    const due = start + n * interval;
    await sleep(due - now());
    lateness = Math.max(lateness, now() - due);
    answers.push(send(run, n).then((answer) => ({ n, ...answer })));
  }
  const results = await Promise.all(answers);
  return { results, firstSentAt: start, lateness };
}

async function measure(context, clients, scenario) {
  const { log } = context;
  const { name, targets, joinArg, serverPids, send } = scenario;
  log(`${name}: connecting ${CLIENTS} clients, ${RAMP_BATCH} at a time…`);
  const perProcess = CLIENTS / clients.length;
  const rampStarted = performance.now();
  const connected = await Promise.all(
    clients.map((c) =>
      c.call({
        cmd: 'connect',
        targets,
        count: perProcess,
        join: { event: 'case:join', arg: joinArg },
        batch: RAMP_BATCH / clients.length,
      }),
    ),
  );
  const rampSeconds = (performance.now() - rampStarted) / 1000;
  log(
    `${name}: ${connected.reduce((s, c) => s + c.sockets, 0)} joined in ${rampSeconds.toFixed(1)} s`,
  );
  const settleSeconds = await settle(serverPids, log);

  // Warm-up (JIT, connections, buffers) with markers of another run, not counted.
  const warmRun = `w${Date.now().toString(36)}`;
  await Promise.all(
    clients.map((c) => c.call({ cmd: 'count', run: warmRun, posts: WARMUP_POSTS })),
  );
  const warm = await post(send, warmRun, WARMUP_POSTS);
  await sleep(2000);
  await Promise.all(clients.map((c) => c.call({ cmd: 'collect' })));
  const warmRefused = warm.results.filter((r) => r.status !== 201).length;
  if (warmRefused) log(`${name}: ${warmRefused} warm-up posts refused`);

  const run = `r${Date.now().toString(36)}`;
  await Promise.all(clients.map((c) => c.call({ cmd: 'count', run, posts: POSTS })));
  const loadBefore = load();
  const cpuBefore = {
    servers: serverPids.map(cpuSeconds),
    clients: clients.map((c) => cpuSeconds(c.pid)),
  };
  log(`${name}: posting ${RATE}/s for ${SECONDS} s (load ${loadBefore})…`);
  const posted = await post(send, run, POSTS);
  const postedAt = now();
  await sleep(GRACE_MS);
  const cpuAfter = {
    servers: serverPids.map(cpuSeconds),
    clients: clients.map((c) => cpuSeconds(c.pid)),
  };
  const loadAfter = load();
  const collected = await Promise.all(clients.map((c) => c.call({ cmd: 'collect' })));
  await Promise.all(clients.map((c) => c.call({ cmd: 'close' })));
  await settle(serverPids, log);

  const result = summarise(name, posted, collected);
  const windowSeconds = (postedAt + GRACE_MS - posted.firstSentAt) / 1000;
  const sum = (list) => list.reduce((s, v) => s + v, 0);
  Object.assign(result, {
    rampSeconds,
    settleSeconds,
    loadBefore,
    loadAfter,
    serverCpu: sum(cpuAfter.servers) - sum(cpuBefore.servers),
    clientCpu: sum(cpuAfter.clients) - sum(cpuBefore.clients),
    windowSeconds,
    warmRefused,
  });
  log(
    `${name}: p50 ${fmtMs(result.p50)}, p99 ${fmtMs(result.p99)}, max ${fmtMs(result.max)}, ` +
      `lost ${result.lost}, duplicates ${result.duplicates}, refused ${result.refused}, ` +
      `servers' CPU ${(result.serverCpu / windowSeconds).toFixed(2)} cores, clients' ${(result.clientCpu / windowSeconds).toFixed(2)}`,
  );
  return result;
}

function summarise(name, posted, collected) {
  const accepted = new Uint8Array(POSTS);
  const refusals = {};
  for (const r of posted.results) {
    if (r.status === 201) accepted[r.n] = 1;
    else refusals[r.status] = (refusals[r.status] ?? 0) + 1;
  }
  const acceptedCount = accepted.reduce((s, v) => s + v, 0);
  const clients = collected.reduce((s, c) => s + c.clients, 0);
  const perPost = new Int32Array(POSTS);
  const arrivals = collected.reduce((s, c) => s + c.latency.length, 0);
  const latencies = new Float64Array(arrivals);
  const byThird = [[], [], []];
  const byPost = Array.from({ length: POSTS }, () => []);
  const total = (key) => collected.reduce((s, c) => s + c.total[key], 0);
  const counted = (key) => collected.reduce((s, c) => s + c.counted[key], 0);
  let offset = 0;
  let unexpected = 0;
  for (const c of collected) {
    latencies.set(c.latency, offset);
    offset += c.latency.length;
    for (let i = 0; i < c.post.length; i++) {
      const n = c.post[i];
      perPost[n] += 1;
      if (!accepted[n]) unexpected += 1;
      byThird[Math.min(2, Math.floor((n * 3) / POSTS))].push(c.latency[i]);
      byPost[n].push(c.latency[i]);
    }
  }
  latencies.sort();
  let lost = 0;
  for (let n = 0; n < POSTS; n++) if (accepted[n]) lost += Math.max(0, clients - perPost[n]);
  const answerMs = Float64Array.from(posted.results.map((r) => r.ms)).sort();
  const lastAt = Math.max(...collected.map((c) => c.lastAt));
  return {
    name,
    clients,
    sent: POSTS,
    accepted: acceptedCount,
    refused: POSTS - acceptedCount,
    refusals,
    expected: acceptedCount * clients,
    received: arrivals,
    lost,
    unexpected,
    duplicates: collected.reduce((s, c) => s + c.duplicates, 0),
    stray: collected.reduce((s, c) => s + c.stray, 0),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.length ? latencies[latencies.length - 1] : Number.NaN,
    thirds: byThird.map((list) => percentile(Float64Array.from(list).sort(), 0.99)),
    perSecond: arrivals / ((lastAt - posted.firstSentAt) / 1000),
    answerP50: percentile(answerMs, 0.5),
    answerP99: percentile(answerMs, 0.99),
    posterLateness: posted.lateness,
    disconnects: total('disconnects'),
    reconnects: total('reconnects'),
    recovered: total('recovered'),
    rejoinFailures: total('rejoinFailures'),
    connectedAtEnd: collected.reduce((s, c) => s + c.connected, 0),
    presenceJoining: total('presence') - counted('presence'),
    presenceCounted: counted('presence'),
    timeline: posted.results.map((r) => {
      const list = Float64Array.from(byPost[r.n]).sort();
      return {
        n: r.n,
        sentMs: Math.round(r.sentAt - posted.firstSentAt),
        status: r.status,
        answerMs: Math.round(r.ms),
        deliveries: list.length,
        p50: Math.round(percentile(list, 0.5)),
        max: Math.round(list[list.length - 1] ?? Number.NaN),
      };
    }),
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Ours against the bare server (targets), then against the bare servers joined by Redis. */
function rows({ bare, ours, joined }) {
  const size = `${CLIENTS} clients, ${RATE} posts/s × ${SECONDS} s`;
  const none = '—';
  const ratio = (a, b) =>
    a === undefined || b === undefined || !(b > 0) ? '' : `× ${(a / b).toFixed(2)}`;
  const cores = (r) => r.serverCpu / r.windowSeconds;
  // [label, figure, display, target (ours, baseline) → pass, target text]
  const metrics = [
    ['delivery latency p50', (r) => r.p50, (r) => fmtMs(r.p50)],
    [
      'delivery latency p99',
      (r) => r.p99,
      (r) => fmtMs(r.p99),
      (o, b) => o.p99 <= TARGET_P99_RATIO * b.p99,
      `≤ × ${TARGET_P99_RATIO}`,
    ],
    ['delivery latency max', (r) => r.max, (r) => fmtMs(r.max)],
    ['deliveries lost', null, (r) => `${r.lost} of ${r.expected}`, (o) => o.lost === 0, '0'],
    ['deliveries duplicated', null, (r) => String(r.duplicates)],
    ['posts refused', null, (r) => `${r.refused} of ${r.sent}`, (o) => o.refused === 0, '0'],
    ['deliveries per second', (r) => r.perSecond, (r) => r.perSecond.toFixed(0)],
    ['post answer time p50 / p99', null, (r) => `${fmtMs(r.answerP50)} / ${fmtMs(r.answerP99)}`],
    ['servers’ CPU (cores)', cores, (r) => cores(r).toFixed(2)],
  ];
  const out = [];
  for (const [baseline, prefix, withTargets, only] of [
    [bare, '', true, null],
    [
      joined,
      'vs bare + Redis: ',
      false,
      [
        'delivery latency p50',
        'delivery latency p99',
        'delivery latency max',
        'deliveries lost',
        'servers’ CPU (cores)',
      ],
    ],
  ]) {
    if (!baseline && !ours) continue;
    for (const [label, figure, display, pass, target] of metrics) {
      if (only && !only.includes(label)) continue;
      const checked = withTargets && pass && ours;
      out.push({
        benchmark: `discussions: ${prefix}${label}`,
        size,
        ours: ours ? display(ours) : none,
        baseline: baseline ? display(baseline) : none,
        ratio: figure && ours && baseline ? ratio(figure(ours), figure(baseline)) : '',
        target: withTargets && target ? target : none,
        // The ratio target needs the baseline; the absolute ones (0 lost, 0 refused) do not.
        pass: checked && (baseline || pass.length === 1) ? pass(ours, baseline) : null,
      });
    }
  }
  return out;
}

/** Per post: when it was sent, its answer, and its deliveries' p50 and max (for plots). */
function dump(dir, scenarios) {
  mkdirSync(dir, { recursive: true });
  for (const s of scenarios) {
    const file = join(dir, `${s.name.replace(/[^a-z0-9]+/gi, '-')}.json`);
    writeFileSync(file, JSON.stringify({ ...s, latencies: undefined }, null, 1));
  }
}

function describe(scenarios, offsets, template) {
  const notes = [
    `${CLIENTS} socket.io clients (websocket transport) in ${CLIENT_PROCESSES} processes of their own, ${CLIENTS / CLIENT_PROCESSES} each, sharing the machine's cores with the servers and the poster; joined ${RAMP_BATCH} at a time, and the servers idle, before posting. Ours: ${VIEWERS} member accounts (sockets share their tokens), each account's sockets on one replica, ${CLIENTS / 2} per replica; ${POSTERS} posters alternating posts and replicas (${RATE / POSTERS}/s each, under POST_RATE). Bare + Redis: clients alternate between the 2 servers, posts too.`,
    `Each run: ${WARMUP_POSTS} warm-up posts (not counted), then ${POSTS} posts on a fixed schedule (open loop: a slow answer does not delay the next post), then ${GRACE_MS / 1000} s of grace. Latency = arrival − send time (performance.timeOrigin + performance.now(); the processes' offsets from Date.now(): ${offsets.map((o) => `${o.toFixed(2)} ms`).join(', ')}), over every delivery that arrived; lost = posts accepted × clients − distinct (post, client) arrivals. Target compared with the single bare server (the issue's baseline); the bare + Redis rows (2 processes, the Redis Streams adapter and connection-state recovery as ours) are information.`,
    `Message: our post:created of a ${Buffer.byteLength(template.text)}-byte text, ${template.bytes} bytes of JSON; the bare servers broadcast copies of the one our API sent (same size and shape), received and parsed by the same client code. Baseline's HTTP request: that payload as JSON to POST /broadcast; ours: the rich-text body to POST /api/threads/:threadId/posts.`,
  ];
  for (const s of scenarios) {
    const refusals = Object.entries(s.refusals)
      .map(([status, count]) => `${count} × ${status}`)
      .join(', ');
    notes.push(
      `${s.name}: ${s.accepted}/${s.sent} posts accepted${refusals ? ` (${refusals})` : ''}, ${s.received}/${s.expected} deliveries, ${s.duplicates} duplicates, ${s.unexpected} of refused posts, ${s.stray} stray; p99 by third of the run ${s.thirds.map(fmtMs).join(' / ')}; post answers p50 ${fmtMs(s.answerP50)}, p99 ${fmtMs(s.answerP99)}; poster's worst lateness ${fmtMs(s.posterLateness)}; servers' CPU ${s.serverCpu.toFixed(1)} s, clients' ${s.clientCpu.toFixed(1)} s over ${s.windowSeconds.toFixed(0)} s; ${s.disconnects} disconnects (${s.reconnects} reconnects, ${s.recovered} recovered, ${s.rejoinFailures} failed to join again), ${s.connectedAtEnd} connected at the end; presence messages: ${s.presenceJoining} while joining, ${s.presenceCounted} while posting; joining took ${s.rampSeconds.toFixed(1)} s, going idle ${s.settleSeconds.toFixed(0)} s; load average ${s.loadBefore} before posting, ${s.loadAfter} after.`,
    );
  }
  return notes;
}

const fmtMs = (ms) =>
  Number.isNaN(ms)
    ? '—'
    : ms < 10
      ? `${ms.toFixed(1)} ms`
      : ms < 1000
        ? `${ms.toFixed(0)} ms`
        : `${(ms / 1000).toFixed(2)} s`;
