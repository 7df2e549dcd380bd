// Runs every `bench/*.bench.mjs` (or those whose name contains an argument:
// `npm run bench -- uploads`), prints one table and writes it to
// `bench/results/<date>-<host>.md`. A missed target is reported, not an error: the exit code
// is 0 unless a benchmark could not run at all.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);

// Everything a benchmark started, undone on exit, Ctrl-C or error (newest first).
const cleanups = [];
let cleanedUp = false;
function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const fn of cleanups.reverse()) {
    try {
      fn();
    } catch (error) {
      console.error(`cleanup: ${error.message}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping, cleaning up`);
    cleanUp();
    process.exit(130);
  });
}
process.on('exit', cleanUp);

/** What a benchmark module's `run(context)` receives. */
const context = {
  root,
  benchDir,
  log: (message) => console.log(`  ${message}`),
  /** Registers a synchronous undo step (kill, rm) run on exit, Ctrl-C or error. */
  onCleanup: (fn) => cleanups.push(fn),
  /** A fresh directory under the system temp dir, removed at the end. */
  tempDir(prefix) {
    const path = mkdtempSync(join(tmpdir(), `technopolice-bench-${prefix}-`));
    cleanups.push(() => rmSync(path, { recursive: true, force: true }));
    return path;
  },
  /** A child process killed at the end if it is still running. */
  spawn(command, args, options) {
    const child = spawn(command, args, options);
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    return child;
  },
};

const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ')}.`);
  process.exit(1);
}

const rows = [];
const notes = [];
let failedToRun = false;
for (const file of files) {
  console.log(`\n▶ ${file}`);
  const started = performance.now();
  try {
    const module = await import(pathToFileURL(join(benchDir, file)).href);
    const result = await module.run(context);
    const produced = Array.isArray(result) ? { rows: result, notes: [] } : result;
    rows.push(...produced.rows);
    notes.push(...(produced.notes ?? []).map((note) => `${basename(file, '.bench.mjs')}: ${note}`));
  } catch (error) {
    failedToRun = true;
    console.error(`✖ ${file} failed: ${error.stack ?? error}`);
    rows.push({
      benchmark: basename(file, '.bench.mjs'),
      size: '',
      ours: 'error',
      baseline: '',
      ratio: '',
      target: '',
      pass: 'error',
    });
    notes.push(`${file} failed: ${String(error.message ?? error).split('\n')[0]}`);
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
// Children and temp files go before the report is written: nothing lingers if writing fails.
cleanUp();

const verdict = (pass) =>
  pass === true ? 'pass' : pass === false ? '**FAIL**' : pass === 'error' ? '**ERROR**' : 'info';
const header = ['benchmark', 'size', 'ours', 'baseline', 'ratio', 'target', 'result'];
const cells = rows.map((r) => [
  r.benchmark,
  r.size,
  r.ours,
  r.baseline,
  r.ratio,
  r.target,
  verdict(r.pass),
]);
// Padded as Prettier pads Markdown tables, so formatting the repository leaves reports alone.
const widths = header.map((h, i) =>
  Math.max(3, h.length, ...cells.map((c) => String(c[i]).length)),
);
const line = (values) => `| ${values.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
const table = [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');

const now = new Date();
const date = now.toISOString().slice(0, 10);
const cpu = cpus();
const facts = [
  `- date: ${now.toISOString()}`,
  `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} cores`,
  `- memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- Node: ${process.version} (${process.platform} ${process.arch})`,
  `- load average at the end: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
];
const missed = rows.filter((r) => r.pass === false).length;
const summary = [
  failedToRun ? '**Some benchmarks could not run** (marked ERROR, see the notes).' : '',
  missed ? `**${missed} target(s) missed** (marked FAIL).` : failedToRun ? '' : 'Every target met.',
]
  .filter(Boolean)
  .join(' ');
const report = [
  `# Benchmarks ${date}`,
  '',
  summary,
  '',
  table,
  '',
  '## Machine',
  '',
  ...facts,
  '',
  ...(notes.length ? ['## Notes', '', ...notes.map((n) => `- ${n}`), ''] : []),
].join('\n');

const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
const host = (hostname() || 'machine').replace(/[^A-Za-z0-9._-]+/g, '-') || 'machine';
const reportPath = join(resultsDir, `${date}-${host}.md`);
writeFileSync(reportPath, report);
console.log(`\n${summary}\n\n${table}\n\n${facts.join('\n')}\n`);
if (notes.length) console.log(`${notes.map((n) => `- ${n}`).join('\n')}\n`);
console.log(`Report: ${relative(process.cwd(), reportPath)}`);
process.exit(failedToRun ? 1 : 0);
