import 'server-only';
import { ConcurrencyLimit } from '../concurrency-limit';

/** How often one pass may be interrupted for urgent queries before it runs to completion regardless. */
const MAX_PREEMPTIONS = 2;
/** The longest a pass waits for urgent queries to finish before it starts anyway. */
const MAX_WAIT_FOR_URGENT_MS = 2_000;

type Attempt = { controller: AbortController; preempted: boolean; preemptions: number };

/**
 * Orders the embedded store's work so that what someone waits for with nothing on screen comes
 * first. Passes over the whole trace set (histograms, timelines, triage: up to seconds each at a
 * million traces) run one at a time, by priority. An urgent query (the edge histogram of a page
 * being opened, a drill-down page, a trace) interrupts the running pass, which starts again once
 * no urgent query runs; a pass is interrupted at most MAX_PREEMPTIONS times, so none starves.
 */
export class PassScheduler {
  private readonly lane = new ConcurrencyLimit(1);
  private readonly running = new Set<Attempt>();
  private urgentRunning = 0;
  private idleWaiters: (() => void)[] = [];

  async urgent<T>(task: () => Promise<T>): Promise<T> {
    this.urgentRunning += 1;
    for (const attempt of this.running) {
      if (attempt.preemptions >= MAX_PREEMPTIONS) continue;
      attempt.preempted = true;
      attempt.controller.abort();
    }
    try {
      return await task();
    } finally {
      this.urgentRunning -= 1;
      if (this.urgentRunning === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** Runs a pass in the lane; `task` must stop when its signal aborts (an interruption or the caller's). */
  async pass<T>(task: (signal: AbortSignal) => Promise<T>, priority: number, signal?: AbortSignal): Promise<T> {
    for (let preemptions = 0; ; preemptions += 1) {
      if (preemptions < MAX_PREEMPTIONS) await this.urgentFinished();
      const attempt: Attempt = { controller: new AbortController(), preempted: false, preemptions };
      const forward = () => attempt.controller.abort();
      signal?.addEventListener('abort', forward, { once: true });
      try {
        return await this.lane.run(
          async () => {
            this.running.add(attempt);
            try {
              return await task(attempt.controller.signal);
            } finally {
              this.running.delete(attempt);
            }
          },
          priority,
          signal,
        );
      } catch (error) {
        if (!attempt.preempted || signal?.aborted) throw error;
      } finally {
        signal?.removeEventListener('abort', forward);
      }
    }
  }

  private urgentFinished(): Promise<void> {
    if (this.urgentRunning === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, MAX_WAIT_FOR_URGENT_MS);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
