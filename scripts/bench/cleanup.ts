/**
 * What the harness must undo however it ends: servers it started, the Elasticsearch node it
 * started, the indices it created. Normal completion runs the async steps in reverse order of
 * registration; Ctrl-C, SIGTERM or a crash run each step's synchronous form, then exit.
 */

export type CleanupStep = {
  name: string;
  /** The orderly way, on normal completion. */
  run: () => Promise<void>;
  /** The way that works inside a signal handler or at exit (synchronous). */
  runSync: () => void;
};

const steps: CleanupStep[] = [];
let installed = false;
let exiting = false;

/** Registers a step; returns a function that runs it now (orderly) and forgets it. */
export function onCleanup(step: CleanupStep): () => Promise<void> {
  installSignalHandlers();
  steps.push(step);
  return async () => {
    const index = steps.indexOf(step);
    if (index < 0) return;
    steps.splice(index, 1);
    await step.run();
  };
}

/** Runs every remaining step the orderly way, newest first; failures are reported, not thrown. */
export async function runCleanup(): Promise<void> {
  while (steps.length > 0) {
    const step = steps.pop()!;
    try {
      await step.run();
    } catch (error) {
      console.error(`bench: cleanup "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function runAllSync(): void {
  while (steps.length > 0) {
    const step = steps.pop()!;
    try {
      step.runSync();
    } catch (error) {
      console.error(`bench: cleanup "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (exiting) return;
      exiting = true;
      console.error(`\nbench: ${signal}: stopping what the benchmark started…`);
      runAllSync();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  process.on('exit', runAllSync);
}
