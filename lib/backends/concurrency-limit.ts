import 'server-only';
import { requestCancelled } from '@/lib/server/core/errors';

type Waiter = { priority: number; start: () => void; cancel: () => void };

/**
 * At most `max` tasks at a time; the others wait, lower `priority` first, then in arrival order.
 * A task whose signal aborts while it waits leaves the queue without running.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>, priority = 0, signal?: AbortSignal): Promise<T> {
    await this.acquire(priority, signal);
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.start();
    }
  }

  private acquire(priority: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(requestCancelled());
    if (this.running < this.max) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        start: () => {
          signal?.removeEventListener('abort', waiter.cancel);
          this.running += 1;
          resolve();
        },
        cancel: () => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(requestCancelled());
        },
      };
      signal?.addEventListener('abort', waiter.cancel, { once: true });
      const after = this.waiting.findIndex((other) => other.priority > priority);
      this.waiting.splice(after === -1 ? this.waiting.length : after, 0, waiter);
    });
  }
}
