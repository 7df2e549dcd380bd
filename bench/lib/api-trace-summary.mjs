// Summarises the traces lib/api-trace.mjs wrote (`node bench/lib/api-trace-summary.mjs
// /tmp/technopolice-api-trace-*.jsonl`): for the transactions that create a post, how long they
// waited for the thread's row lock, how long they then held it and, within that, how much was
// PostgreSQL answering and how much the API between two statements; and the API's event-loop
// delay while posts were being created; and, per `POST …/posts` request, where its time went
// (PostgreSQL statements and Redis commands in order, and the API's own time between them).
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: api-trace-summary.mjs <trace.jsonl…>');
  process.exit(1);
}
const LOCKING = /^WITH next AS \( ?UPDATE threads/;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
    : NaN;
};
const fmt = (values) =>
  `p50 ${percentile(values, 0.5).toFixed(1)} ms, p99 ${percentile(values, 0.99).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

const posts = [];
const seconds = [];
const requests = [];
const statementTimes = new Map();
for (const file of files) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const record = JSON.parse(line);
    if (record.kind === 'second') seconds.push({ ...record, file });
    if (record.kind === 'request') requests.push(record);
    if (record.kind !== 'transaction') continue;
    const index = record.statements.findIndex(([words]) => LOCKING.test(words));
    if (index === -1) continue;
    const statements = record.statements;
    const [, lockStart, lockWait] = statements[index];
    const lockedAt = lockStart + lockWait;
    const [, commitStart, commitTime] = statements.at(-1);
    const end = commitStart + commitTime;
    let pgMs = 0;
    for (const [words, , ms] of statements.slice(index + 1)) {
      pgMs += ms;
      const key = words.slice(0, 40);
      statementTimes.set(key, [...(statementTimes.get(key) ?? []), ms]);
    }
    posts.push({
      at: record.at,
      file,
      total: end,
      before: lockStart,
      lockWait,
      hold: end - lockedAt,
      holdPg: pgMs,
      holdApi: end - lockedAt - pgMs,
      statements: statements.length,
      afterLock: statements.length - index - 1,
    });
  }
}
if (posts.length === 0) {
  console.log('no post-creating transaction in these traces');
  process.exit(0);
}
const from = Math.min(...posts.map((p) => p.at));
const to = Math.max(...posts.map((p) => p.at));
// The seconds in which that process created at least two posts: the posting itself, not the
// clients joining.
const busy = seconds.filter(
  (s) => posts.filter((p) => p.file === s.file && p.at > s.at - 1000 && p.at <= s.at).length >= 2,
);
const pick = (key) => posts.map((p) => p[key]);
console.log(`${posts.length} post-creating transactions over ${((to - from) / 1000).toFixed(0)} s`);
console.log(
  `statements per transaction: ${percentile(pick('statements'), 0.5)}, of which ${percentile(pick('afterLock'), 0.5)} after taking the thread's row lock`,
);
console.log(`whole transaction (BEGIN → COMMIT answered): ${fmt(pick('total'))}`);
console.log(`  before the lock (BEGIN, reads):            ${fmt(pick('before'))}`);
console.log(`  waiting for the thread's row lock:        ${fmt(pick('lockWait'))}`);
console.log(`  holding it (its statement → COMMIT):      ${fmt(pick('hold'))}`);
console.log(`    PostgreSQL answering those statements:  ${fmt(pick('holdPg'))}`);
console.log(`    the API between them (event loop etc.):  ${fmt(pick('holdApi'))}`);
const holdP50 = percentile(pick('hold'), 0.5);
console.log(
  `  → at most ${(1000 / holdP50).toFixed(1)} posts/s per thread at the median hold time`,
);
console.log('statements while holding the lock (PostgreSQL time, incl. the round trip):');
for (const [words, times] of statementTimes) console.log(`  ${words.padEnd(40)} ${fmt(times)}`);
if (busy.length) {
  console.log(
    `event-loop delay while posting (${busy.length} process-seconds): median of the seconds' p50 ${percentile(
      busy.map((s) => s.loopP50),
      0.5,
    ).toFixed(1)} ms, median of their p99 ${percentile(
      busy.map((s) => s.loopP99),
      0.5,
    ).toFixed(
      1,
    )} ms, max ${Math.max(...busy.map((s) => s.loopMax)).toFixed(0)} ms; CPU ${percentile(
      busy.map((s) => s.cpuMs),
      0.5,
    ).toFixed(0)} ms per second per process (median)`,
  );
}

if (requests.length) {
  console.log(`\n${requests.length} POST …/posts requests (arrival in the API → answer sent):`);
  const totals = requests.map((r) => r.ms);
  const waited = requests.map((r) => r.steps.reduce((sum, [, , ms]) => sum + ms, 0));
  const own = requests.map((r, i) => totals[i] - waited[i]);
  const first = requests.map((r) => r.steps[0]?.[1] ?? r.ms);
  const last = requests.map((r) => {
    const end = Math.max(0, ...r.steps.map(([, start, ms]) => start + ms));
    return r.ms - end;
  });
  console.log(`  whole request:                                ${fmt(totals)}`);
  console.log(`  in PostgreSQL and Redis round trips (sum):    ${fmt(waited)}`);
  console.log(`  the API's own time and event-loop waits:      ${fmt(own)}`);
  console.log(`    arrival → first round trip:                 ${fmt(first)}`);
  console.log(`    last round trip → answer sent:              ${fmt(last)}`);
  console.log(
    `  round trips per request: ${percentile(
      requests.map((r) => r.steps.length),
      0.5,
    )} (median), in order:`,
  );
  const byStep = new Map();
  for (const r of requests) {
    r.steps.forEach(([what, start, ms], i) => {
      const key = `${String(i).padStart(2)} ${what.slice(0, 38)}`;
      const entry = byStep.get(key) ?? { starts: [], durations: [] };
      entry.starts.push(start);
      entry.durations.push(ms);
      byStep.set(key, entry);
    });
  }
  for (const [key, { starts, durations }] of [...byStep].sort()) {
    if (durations.length < requests.length / 4) continue;
    console.log(
      `  ${key.padEnd(42)} starts at p50 ${percentile(starts, 0.5).toFixed(1).padStart(7)} ms; takes ${fmt(durations)}`,
    );
  }
}
