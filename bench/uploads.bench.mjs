// Issue #5: upload throughput and memory of `POST /api/cases/:caseId/documents`, side by side
// with a bare node:http server that streams the same multipart body to disk while hashing it
// (lib/baseline-server.mjs says exactly what it does and does not do). Target: ≥ 60 % of the
// baseline's throughput, and the server's resident memory growing by < 100 MB at any size.
//
// Three processes besides this one: our API, the baseline, and the client (lib/upload-client.mjs)
// so neither server's figures include the client's work. Each file is new random bytes (our
// store keeps identical bytes once, which would skip the store step) sent to every server in
// turn, the order rotating from file to file; each figure is the median of its runs. From
// 100 MB the baseline also runs with fsync, as information on what durability costs.
// BENCH_API_MAIN (another build's dist/main.js) and BENCH_API_NODE_ARGS (`--cpu-prof …`) are
// for investigations.
import { spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startApi } from './lib/api-server.mjs';

const MB = 1024 * 1024;
const SIZES = [
  { label: '1 MB', bytes: 1 * MB, runs: 3 },
  { label: '100 MB', bytes: 100 * MB, runs: 3 },
  { label: '1 GB', bytes: 1024 * MB, runs: 2 },
];
const TUS = { label: '100 MB', bytes: 100 * MB, runs: 2, chunkBytes: 8 * MB };
const TARGET_RATIO = 0.6;
const TARGET_RSS_GROWTH = 100 * MB;
const SAMPLE_MS = 50;
// ftyp box: size 24, 'isom', minor 0x200, compatible 'isom' 'mp41': a video/mp4 to the sniffer.
const FTYP = Buffer.from('000000186674797069736f6d0000020069736f6d6d703431', 'hex');

export async function run(context) {
  const { log } = context;
  const work = context.tempDir('uploads');
  const filesDir = join(work, 'files');
  const baselineDir = join(work, 'baseline');
  mkdirSync(filesDir);
  mkdirSync(baselineDir);
  const notes = [
    `load average at the start: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  ];
  const sha256Speed = hashSpeed();
  log(`SHA-256 on one core: ${sha256Speed.toFixed(0)} MB/s`);
  notes.push(`SHA-256 alone on one core (in memory): ${sha256Speed.toFixed(0)} MB/s`);

  const baseline = await startChild(context, join(context.benchDir, 'lib/baseline-server.mjs'), [
    baselineDir,
  ]);
  const baselineUrl = `http://127.0.0.1:${(await baseline.next()).port}/upload`;
  const client = await startChild(context, join(context.benchDir, 'lib/upload-client.mjs'), []);
  log('starting the API…');
  const api = await startApi(context, {
    dataDir: join(work, 'api-data'),
    env: { MAX_UPLOAD_BYTES: String(Math.round(1.2 * 1024 * MB)) },
    main: process.env.BENCH_API_MAIN,
    nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  });
  const ourUrl = `${api.baseUrl}/api/cases/${api.caseId}/documents`;

  let serial = 0;
  const makeFile = (bytes) => {
    serial += 1;
    const path = join(filesDir, `upload-${serial}.mp4`);
    return { path, bytes, sha256: writeRandomVideo(path, bytes) };
  };

  /** One upload to one server, with its duration and the server's memory around it. */
  async function upload(server, file, kind = 'multipart') {
    const pid = server === 'ours' ? api.pid : baseline.pid;
    const url = { ours: ourUrl, baseline: baselineUrl, 'baseline+fsync': `${baselineUrl}?fsync=1` }[
      server
    ];
    const message =
      kind === 'tus'
        ? {
            kind,
            url: `${api.baseUrl}/api/uploads`,
            token: api.token,
            caseId: api.caseId,
            chunkBytes: TUS.chunkBytes,
          }
        : { kind, url, token: server === 'ours' ? api.token : undefined };
    const memory = watchMemory(pid);
    const cpuBefore = cpuSeconds(pid);
    const result = await client.call({
      ...message,
      file: file.path,
      size: file.bytes,
      fileName: 'bench.mp4',
    });
    const cpu = cpuSeconds(pid) - cpuBefore;
    const rssGrowth = memory.stop();
    if (!result.ok) throw new Error(`${server} ${kind} upload failed: ${result.error}`);
    const expected = server === 'ours' && kind === 'tus' ? 200 : 201;
    if (result.status !== expected) {
      throw new Error(
        `${server} ${kind} upload answered ${result.status}: ${result.body.slice(0, 500)}`,
      );
    }
    const body = JSON.parse(result.body);
    if (body.sha256 !== file.sha256 || body.size !== file.bytes) {
      throw new Error(
        `${server} ${kind} upload stored ${body.sha256} (${body.size} B), not ${file.sha256} (${file.bytes} B)`,
      );
    }
    // Free the disk (and, for ours, the blob) before the next upload; not timed.
    if (server === 'ours') await api.authed('DELETE', `/api/documents/${body.id}`);
    else rmSync(body.path, { force: true });
    return { ms: result.ms, mbps: file.bytes / MB / (result.ms / 1000), rssGrowth, cpu };
  }

  log('warming up (1 MB to each server and through tus, twice)…');
  for (let i = 0; i < 2; i++) {
    const file = makeFile(MB);
    await upload('baseline', file);
    await upload('ours', file);
    await upload('ours', file, 'tus');
    rmSync(file.path);
  }

  const rows = [];
  const measured = {};
  for (const size of SIZES) {
    log(`${size.label}: writing ${size.runs} random files…`);
    const files = Array.from({ length: size.runs }, () => makeFile(size.bytes));
    // The fsyncing baseline shows what durability costs; below 100 MB the fsync is noise.
    const servers =
      size.bytes >= 100 * MB ? ['baseline', 'ours', 'baseline+fsync'] : ['baseline', 'ours'];
    const runs = { ours: [], baseline: [], 'baseline+fsync': [] };
    for (const [i, file] of files.entries()) {
      const order = [...servers.slice(i % servers.length), ...servers.slice(0, i % servers.length)];
      for (const server of order) {
        const result = await upload(server, file);
        runs[server].push(result);
        log(
          `${size.label} #${i + 1} ${server.padEnd(14)} ${fmtRate(result)}  CPU ${result.cpu.toFixed(2)} s  RSS +${fmtMB(result.rssGrowth)}`,
        );
      }
      rmSync(file.path);
    }
    measured[size.label] = runs;
    rows.push(...compare(`multipart upload`, size.label, runs.ours, runs.baseline, true));
    if (runs['baseline+fsync'].length) {
      rows.push(
        compare(
          'multipart upload vs baseline+fsync',
          size.label,
          runs.ours,
          runs['baseline+fsync'],
          false,
        )[0],
      );
    }
  }

  log(`tus ${TUS.label} in ${TUS.chunkBytes / MB} MB chunks…`);
  const tusRuns = [];
  for (let i = 0; i < TUS.runs; i++) {
    const file = makeFile(TUS.bytes);
    const result = await upload('ours', file, 'tus');
    tusRuns.push(result);
    log(
      `tus ${TUS.label} #${i + 1} ours           ${fmtRate(result)}  CPU ${result.cpu.toFixed(2)} s  RSS +${fmtMB(result.rssGrowth)}`,
    );
    rmSync(file.path);
  }
  rows.push(
    ...compare(
      `tus upload, ${TUS.chunkBytes / MB} MB chunks`,
      TUS.label,
      tusRuns,
      measured[TUS.label].baseline,
      false,
    ),
  );

  await api.stop();
  notes.push(
    "MB = 2^20 bytes. Throughput: file bytes over the time from the first byte sent to the end of the response, median of the runs; RSS growth: the server's highest VmRSS during the upload (sampled every 50 ms, and VmHWM) minus its VmRSS just before, worst run.",
    'Baseline: node:http piping the same multipart body through SHA-256 into a file, skipping the envelope without scanning for boundaries, no fsync (lib/baseline-server.mjs). Ours also parses multipart (busboy), authenticates, sniffs the type, fsyncs and renames into the store and writes the document in PGlite.',
    'Server CPU time: user + system time of the server process (all threads) during the upload, median; less sensitive than wall time to other work on the machine (information only).',
    'baseline+fsync: the same baseline also fsyncing the file before answering, as our store does before its rename (information only).',
    'The tus row is compared with the multipart baseline of the same size (information only, no target).',
  );
  return { rows, notes };
}

/** The throughput row and the memory row of one size. */
function compare(benchmark, size, ours, baseline, withTargets) {
  const oursRate = median(ours.map((r) => r.mbps));
  const baseRate = median(baseline.map((r) => r.mbps));
  const ratio = oursRate / baseRate;
  const oursGrowth = Math.max(...ours.map((r) => r.rssGrowth));
  const baseGrowth = Math.max(...baseline.map((r) => r.rssGrowth));
  const oursMs = median(ours.map((r) => r.ms));
  const baseMs = median(baseline.map((r) => r.ms));
  return [
    {
      benchmark: `${benchmark}: throughput`,
      size,
      ours: `${oursRate.toFixed(0)} MB/s (${fmtMs(oursMs)})`,
      baseline: `${baseRate.toFixed(0)} MB/s (${fmtMs(baseMs)})`,
      ratio: `${(ratio * 100).toFixed(0)} %`,
      target: withTargets ? `≥ ${TARGET_RATIO * 100} %` : '—',
      pass: withTargets ? ratio >= TARGET_RATIO : null,
    },
    {
      benchmark: `${benchmark}: server CPU time`,
      size,
      ours: `${median(ours.map((r) => r.cpu)).toFixed(2)} s`,
      baseline: `${median(baseline.map((r) => r.cpu)).toFixed(2)} s`,
      ratio: `× ${(median(ours.map((r) => r.cpu)) / median(baseline.map((r) => r.cpu))).toFixed(2)}`,
      target: '—',
      pass: null,
    },
    {
      benchmark: `${benchmark}: RSS growth`,
      size,
      ours: `${fmtMB(oursGrowth)}`,
      baseline: `${fmtMB(baseGrowth)}`,
      ratio: '',
      target: withTargets ? `< ${TARGET_RSS_GROWTH / MB} MB` : '—',
      pass: withTargets ? oursGrowth < TARGET_RSS_GROWTH : null,
    },
  ];
}

/** A child process with an IPC channel: `next()` awaits its next message, `call()` a reply. */
async function startChild(context, script, args) {
  const child = context.spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = [];
  const queued = [];
  child.on('message', (message) =>
    waiting.length ? waiting.shift().resolve(message) : queued.push(message),
  );
  child.on('exit', (code, signal) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${script} exited (${code ?? signal})`));
  });
  const next = () =>
    queued.length
      ? Promise.resolve(queued.shift())
      : new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  let id = 0;
  return {
    pid: child.pid,
    next,
    call(message) {
      id += 1;
      child.send({ ...message, id });
      return next();
    },
  };
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** User plus system CPU time of a process, all its threads (libuv's file writes too). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Samples a process's VmRSS every 50 ms; `stop()` returns the peak minus the first reading. */
function watchMemory(pid) {
  const read = () => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kB = (name) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kB('VmRSS'), hwm: kB('VmHWM') };
  };
  // Resets VmHWM to the current RSS, so it catches peaks between two samples (our own child).
  let hwmReset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    hwmReset = false;
  }
  const before = read().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, read().rss)), SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      const last = read();
      peak = Math.max(peak, last.rss, hwmReset ? last.hwm : 0);
      return peak - before;
    },
  };
}

/** Writes an MP4-typed file of random bytes, fsynced (no writeback during the runs); its SHA-256. */
function writeRandomVideo(path, bytes) {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(4 * MB);
  const fd = openSync(path, 'wx');
  try {
    for (let written = 0; written < bytes;) {
      const piece = chunk.subarray(0, Math.min(chunk.length, bytes - written));
      randomFillSync(piece);
      if (written === 0) FTYP.copy(piece);
      hash.update(piece);
      writeSync(fd, piece);
      written += piece.length;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function hashSpeed() {
  const buffer = randomFillSync(Buffer.allocUnsafe(4 * MB));
  const hash = createHash('sha256');
  const started = performance.now();
  for (let i = 0; i < 64; i++) hash.update(buffer);
  hash.digest();
  return 256 / ((performance.now() - started) / 1000);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmtMB = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const fmtMs = (ms) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const fmtRate = (r) => `${r.mbps.toFixed(0).padStart(5)} MB/s ${fmtMs(r.ms).padStart(8)}`;
