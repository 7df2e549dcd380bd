// An investigation aid, preloaded into our API by a benchmark:
//   BENCH_API_NODE_ARGS="--import $PWD/bench/lib/api-trace.mjs"
// It changes nothing the API does; it writes JSON lines to
// `<tmpdir>/technopolice-api-trace-<pid>.jsonl`:
// - every second, the event loop's delay (p50, p99, max) and the process's CPU time;
// - per PostgreSQL transaction (BEGIN … COMMIT/ROLLBACK on one connection), each statement's
//   start (ms after BEGIN), duration and first words, so that lock waits (a long statement) and
//   the time the API itself took between statements can be told apart;
// - per `POST …/posts` request, every PostgreSQL statement and Redis command it made (start,
//   duration) from the request's arrival to its answer's end: where a post's time goes.
// Read them with `node bench/lib/api-trace-summary.mjs <files…>`.
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

// pg and node-redis are CommonJS, required by the API: the same module instances.
const api = join(dirname(fileURLToPath(import.meta.url)), '../../apps/api');
const require = createRequire(join(api, 'package.json'));

const file = join(tmpdir(), `technopolice-api-trace-${process.pid}.jsonl`);
let buffer = [];
const write = (record) => buffer.push(JSON.stringify(record));
const flush = () => {
  if (buffer.length === 0) return;
  appendFileSync(file, `${buffer.join('\n')}\n`);
  buffer = [];
};
const now = () => performance.timeOrigin + performance.now();

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let cpu = process.cpuUsage();
setInterval(() => {
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  write({
    kind: 'second',
    at: now(),
    loopP50: loop.percentile(50) / 1e6,
    loopP99: loop.percentile(99) / 1e6,
    loopMax: loop.max / 1e6,
    cpuMs: (used.user + used.system) / 1000,
  });
  loop.reset();
  flush();
}, 1000).unref();
process.on('exit', flush);

// Requests creating a post: what they wait for, in order.
const requests = new AsyncLocalStorage();
const originalEmit = http.Server.prototype.emit;
http.Server.prototype.emit = function emit(event, ...args) {
  const [req, res] = args;
  if (event !== 'request' || req.method !== 'POST' || !/\/posts$/.test(req.url ?? '')) {
    return originalEmit.call(this, event, ...args);
  }
  const trace = { at: now(), steps: [] };
  res.once('finish', () =>
    write({
      kind: 'request',
      at: trace.at,
      status: res.statusCode,
      ms: now() - trace.at,
      steps: trace.steps,
    }),
  );
  return requests.run(trace, () => originalEmit.call(this, event, ...args));
};
const step = (what, started) => {
  const trace = requests.getStore();
  if (trace)
    trace.steps.push([what, +(started - trace.at).toFixed(2), +(now() - started).toFixed(2)]);
};

// The API's Redis client (node-redis, whose `redis` package may hold its own @redis/client):
// each command's round trip, within a request.
const redisClients = new Set();
for (const from of [
  api,
  (() => {
    try {
      return dirname(require.resolve('redis'));
    } catch {
      return api;
    }
  })(),
]) {
  try {
    redisClients.add(
      require
        .resolve('@redis/client', { paths: [from] })
        .replace(/index\.js$/, 'lib/client/index.js'),
    );
  } catch {
    // not there
  }
}
for (const path of redisClients) {
  const RedisClient = require(path).default;
  const sendCommand = RedisClient?.prototype?.sendCommand;
  if (!sendCommand) continue;
  RedisClient.prototype.sendCommand = function traced(args, options) {
    const started = now();
    const result = sendCommand.call(this, args, options);
    const what = `redis ${String(args?.[0] ?? '')}`;
    if (result && typeof result.then === 'function')
      result.then(
        () => step(what, started),
        () => step(what, started),
      );
    return result;
  };
}

// The API's pg (TypeORM requires it from the API's directory): the same module instance.
const pg = require('pg');
const transactions = new WeakMap();
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function query(config, values, callback) {
  const text = typeof config === 'string' ? config : config?.text;
  if (typeof text !== 'string') return original.call(this, config, values, callback);
  const words = text.replace(/\s+/g, ' ').trim().slice(0, 48);
  const started = now();
  let tx = transactions.get(this);
  if (/^(START TRANSACTION|BEGIN)/i.test(words)) {
    tx = { startedAt: started, statements: [] };
    transactions.set(this, tx);
  }
  const done = () => {
    step(words, started);
    if (!tx) return;
    tx.statements.push([
      words,
      +(started - tx.startedAt).toFixed(2),
      +(now() - started).toFixed(2),
    ]);
    if (/^(COMMIT|ROLLBACK)/i.test(words)) {
      write({ kind: 'transaction', at: tx.startedAt, statements: tx.statements });
      transactions.delete(this);
    }
  };
  if (typeof values === 'function') {
    const cb = values;
    return original.call(this, config, (...args) => (done(), cb(...args)));
  }
  if (typeof callback === 'function') {
    return original.call(this, config, values, (...args) => (done(), callback(...args)));
  }
  const result = original.call(this, config, values);
  if (result && typeof result.then === 'function') result.then(done, done);
  return result;
};
