import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { onCleanup } from './cleanup';
import { freePort, isListening } from './free-port';
import { TreeMemoryPoller, type PeakMemory } from './process-memory';

/** The production server (`next start`) of one backend, in its own process group. */
export type NextServer = {
  baseUrl: string;
  pid: number;
  /** performance.now() just before the spawn: the start of a restart's measurement. */
  spawnedAt: number;
  /** From spawn to the port accepting connections. */
  readyMs: number;
  /** Stops the server and returns the peak memory of its process tree. */
  stop: () => Promise<PeakMemory>;
};

/** Variables of the server's configuration: cleared so the caller's shell cannot leak into a run. */
const SERVER_VARIABLES = [
  'HOPSCOPE_BACKEND',
  'HOPSCOPE_EDGE_FILES',
  'HOPSCOPE_INGRESS_FILES',
  'HOPSCOPE_DUCKDB_PATH',
  'HOPSCOPE_FIELDS',
  'HOPSCOPE_EDGE_INDEX',
  'HOPSCOPE_INGRESS_INDEX',
  'HOPSCOPE_ES_TIMEOUT_MS',
  'HOPSCOPE_ES_LATE_MARGIN',
  'HOPSCOPE_ES_CACHE_DIR',
  'HOPSCOPE_ES_CACHE_MB',
  'HOPSCOPE_ES_SAMPLE_THRESHOLD',
  'HOPSCOPE_ES_SAMPLE_LINES',
  'ES_URL',
  'ES_API_KEY',
  'ES_USERNAME',
  'ES_PASSWORD',
  'ES_CA_CERT',
];

const START_TIMEOUT_MS = 180_000;
/** Short, since the restart's measurement (a few seconds at most) includes the wait for the port. */
const PORT_POLL_MS = 20;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts `next start -p <free port>` with the given configuration, the server's output going
 * to `logFile`, and waits for the port to accept connections (the backend itself loads on first
 * use, which the caller times). The process group is killed on exit or Ctrl-C. Next's own CLI is
 * run with this Node directly, as a deployment would, not through `npx`: npm's launcher stays
 * resident beside the server (about 65 MiB) and would be counted in the server's memory.
 */
export async function startNextServer(cwd: string, env: Record<string, string>, logFile: string): Promise<NextServer> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SERVER_VARIABLES) delete childEnv[name];
  Object.assign(childEnv, env, { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' });

  const log = openSync(logFile, 'a');
  const started = performance.now();
  const nextCli = path.join(cwd, 'node_modules', 'next', 'dist', 'bin', 'next');
  const child = spawn(process.execPath, [nextCli, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd,
    env: childEnv,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error('could not start next');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const forget = onCleanup({
    name: `next server on port ${port}`,
    run: async () => {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    runSync: () => killGroup(child, 'SIGKILL'),
  });
  const poller = new TreeMemoryPoller(child.pid).start();

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await isListening(port))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await forget();
      throw new Error(`next start exited (${child.exitCode ?? child.signalCode}); its log:\n${tail(logFile)}`);
    }
    if (Date.now() > deadline) {
      await forget();
      throw new Error(`next start did not listen on ${port} within ${START_TIMEOUT_MS / 1000} s; its log:\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, PORT_POLL_MS));
  }
  const readyMs = performance.now() - started;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid,
    spawnedAt: started,
    readyMs,
    stop: async () => {
      const memory = poller.stop();
      await forget();
      return memory;
    },
  };
}
