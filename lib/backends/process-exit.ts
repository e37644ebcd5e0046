import 'server-only';

/**
 * What a process leaves on disk for itself (temporary stores, the slice cache's owner file) and
 * how a later process knows it was left by one that is gone.
 */

/** Whether a process with this pid is alive (EPERM: it is, and belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const atExit = new Map<string, () => void>();
let exitHookInstalled = false;

/**
 * Runs `action` when the process exits normally, once, unless `cancelOnExit(key)` came first. A
 * process killed by a signal runs none: what it leaves is found by its pid (isProcessAlive).
 */
export function onExit(key: string, action: () => void): void {
  atExit.set(key, action);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const run of atExit.values()) run();
  });
}

export function cancelOnExit(key: string): void {
  atExit.delete(key);
}
