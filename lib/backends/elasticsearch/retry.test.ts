import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, RetriesExhausted, withRetries, type RetryPolicy } from './retry';

const refusal = (statusCode: number) =>
  new errors.ResponseError({ body: { error: { type: 'x' } }, statusCode, headers: {}, warnings: null, meta: {} as never });

const quick: RetryPolicy = { maxTries: 3, firstDelayMs: 1, maxTotalMs: 5_000 };

describe('retries of 429 and 503', () => {
  it('doubles the pause each time, jittered between half and all of it', () => {
    const policy: RetryPolicy = { maxTries: 4, firstDelayMs: 250, maxTotalMs: 8_000 };
    expect([1, 2, 3].map((attempt) => backoffDelayMs(policy, attempt, () => 0))).toEqual([125, 250, 500]);
    expect([1, 2, 3].map((attempt) => backoffDelayMs(policy, attempt, () => 1))).toEqual([250, 500, 1000]);
  });

  it('tries again after 429 and 503 until an answer', async () => {
    const failures = [refusal(429), refusal(503)];
    let calls = 0;
    const answer = await withRetries(quick, async () => {
      calls += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'answer';
    });
    expect([answer, calls]).toEqual(['answer', 3]);
  });

  it('gives up after maxTries, with the count', async () => {
    let calls = 0;
    const error = await withRetries(quick, () => {
      calls += 1;
      return Promise.reject(refusal(503));
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect((error as RetriesExhausted).outcome.tries).toBe(3);
    expect(calls).toBe(3);
  });

  it('stops before a pause would pass maxTotalMs', async () => {
    // The first pause is at least 1,000 ms: already past the 600 ms bound.
    let calls = 0;
    const error = await withRetries({ maxTries: 10, firstDelayMs: 2_000, maxTotalMs: 600 }, () => {
      calls += 1;
      return Promise.reject(refusal(429));
    }).catch((caught: unknown) => caught);
    expect((error as RetriesExhausted).outcome.tries).toBe(1);
    expect(calls).toBe(1);
  });

  it('tries a reset connection again, never a refused one', async () => {
    let calls = 0;
    const reset = [new errors.ConnectionError('read ECONNRESET')];
    expect(
      await withRetries(quick, async () => {
        calls += 1;
        const failure = reset.shift();
        if (failure) throw failure;
        return 'answer';
      }),
    ).toBe('answer');
    expect(calls).toBe(2);
    const refused = new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:1');
    await expect(withRetries(quick, () => Promise.reject(refused))).rejects.toBe(refused);
  });

  it('never retries other failures', async () => {
    let calls = 0;
    const unauthorized = refusal(401);
    await expect(
      withRetries(quick, () => {
        calls += 1;
        return Promise.reject(unauthorized);
      }),
    ).rejects.toBe(unauthorized);
    expect(calls).toBe(1);
  });

  it('an abort during the pause ends it with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('browser went away');
    const pending = withRetries({ maxTries: 4, firstDelayMs: 60_000, maxTotalMs: 600_000 }, () => Promise.reject(refusal(429)), controller.signal);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});
