import 'server-only';
import { AppError } from '@/lib/server/errors';

type Waiter = { start: () => void; cancel: () => void };

/**
 * At most `max` tasks at a time; the others wait in order. A task whose signal aborts while it
 * waits leaves the queue without running.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.start();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AppError('backend_timeout', 'the request was cancelled'));
    if (this.running < this.max) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', waiter.cancel);
          this.running += 1;
          resolve();
        },
        cancel: () => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(new AppError('backend_timeout', 'the request was cancelled'));
        },
      };
      signal?.addEventListener('abort', waiter.cancel, { once: true });
      this.waiting.push(waiter);
    });
  }
}
