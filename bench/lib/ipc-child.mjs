// A benchmark's helper process with an IPC channel (advanced serialization: typed arrays cross
// it as they are), killed at the end by context.spawn. `next()` awaits its next unsolicited
// message (`{ port }`, say); `call(message)` sends `{ ...message, id }` and awaits the reply
// with that id, rejecting on `{ ok: false, error }`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function startIpcChild(context, script, args = [], options = {}) {
  const child = context.spawn(process.execPath, [script, ...args], {
    cwd: context.root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    ...options,
  });
  const replies = new Map();
  const waiting = [];
  const queued = [];
  child.on('message', (message) => {
    const pending = message?.id !== undefined ? replies.get(message.id) : undefined;
    if (pending) {
      replies.delete(message.id);
      if (message.ok === false) pending.reject(new Error(`${script}: ${message.error}`));
      else pending.resolve(message);
    } else if (waiting.length) waiting.shift().resolve(message);
    else queued.push(message);
  });
  child.on('exit', (code, signal) => {
    const error = new Error(`${script} exited (${code ?? signal})`);
    for (const w of waiting.splice(0)) w.reject(error);
    for (const r of replies.values()) r.reject(error);
    replies.clear();
  });
  let id = 0;
  return {
    child,
    pid: child.pid,
    next: () =>
      queued.length
        ? Promise.resolve(queued.shift())
        : new Promise((resolve, reject) => waiting.push({ resolve, reject })),
    call(message) {
      id += 1;
      const reply = new Promise((resolve, reject) => replies.set(id, { resolve, reject }));
      child.send({ ...message, id });
      return reply;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** User plus system CPU seconds of a process so far (all its threads), or NaN once it is gone. */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
