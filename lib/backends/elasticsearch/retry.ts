import { isRetryable } from './errors';

/**
 * How requests refused with 429 or 503 are tried again: exponential backoff with jitter, bounded
 * both in tries and in total time, so an overloaded cluster gets room and the user an answer
 * (or a clear error) within seconds.
 */
export type RetryPolicy = { maxTries: number; firstDelayMs: number; maxTotalMs: number };

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxTries: 4, firstDelayMs: 250, maxTotalMs: 8_000 };

/** The pause before try `attempt + 1`: first·2^(attempt−1), between half and all of it. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const full = policy.firstDelayMs * 2 ** (attempt - 1);
  return Math.round(full / 2 + (full / 2) * random());
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type RetryOutcome = { tries: number; elapsedMs: number };

/**
 * Runs `attempt` until it succeeds, fails with something not worth retrying, or the policy's
 * bound is reached; the last error is thrown with how many tries it took (`retried`).
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const started = Date.now();
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const delayMs = backoffDelayMs(policy, tries);
      const elapsedMs = Date.now() - started;
      if (!isRetryable(error)) throw error;
      if (tries >= policy.maxTries || elapsedMs + delayMs > policy.maxTotalMs) throw new RetriesExhausted(error, { tries, elapsedMs });
      await sleep(delayMs, signal);
    }
  }
}

/** The last failure of a request that was worth retrying, once the policy's bound is reached. */
export class RetriesExhausted extends Error {
  constructor(
    readonly last: unknown,
    readonly outcome: RetryOutcome,
  ) {
    super(last instanceof Error ? last.message : String(last));
  }
}
