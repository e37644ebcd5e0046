import { describe, expect, it } from 'vitest';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { CallOptions } from './types';
import { SharedCalls } from './shared-calls';

/** A store call that settles only when the test says so, recording what it was given. */
function controlledCall<T>() {
  const started: CallOptions[] = [];
  let settle: { resolve: (value: T) => void; reject: (error: unknown) => void } | null = null;
  const start = (options: CallOptions) => {
    started.push(options);
    return new Promise<T>((resolve, reject) => {
      settle = { resolve, reject };
    });
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { started, start, flush, settle: () => settle! };
}

const notice: AnswerNotice = { code: 'no_matching_index', tier: 'ingress', indexPattern: 'ingress-*', message: 'no index matches ingress-*' };

describe('SharedCalls', () => {
  it('runs identical concurrent calls once and gives every caller the answer', async () => {
    const calls = new SharedCalls();
    const store = controlledCall<{ n: number }>();
    const first = calls.run('k', undefined, store.start);
    const second = calls.run('k', undefined, store.start);
    await store.flush();
    expect(store.started).toHaveLength(1);
    store.settle().resolve({ n: 7 });
    await expect(first).resolves.toEqual({ n: 7 });
    await expect(second).resolves.toEqual({ n: 7 });
    expect(calls.size).toBe(0);
  });

  it('runs different keys separately and asks the store again once a call has settled (no cache)', async () => {
    const calls = new SharedCalls();
    let runs = 0;
    const start = async () => (runs += 1);
    await Promise.all([calls.run('a', undefined, start), calls.run('b', undefined, start)]);
    expect(runs).toBe(2);
    await calls.run('a', undefined, start);
    expect(runs).toBe(3);
  });

  it('passes a failure to every caller and forgets the call', async () => {
    const calls = new SharedCalls();
    const store = controlledCall<number>();
    const first = calls.run('k', undefined, store.start);
    const second = calls.run('k', undefined, store.start);
    await store.flush();
    store.settle().reject(new Error('node down'));
    await expect(first).rejects.toThrow('node down');
    await expect(second).rejects.toThrow('node down');
    expect(calls.size).toBe(0);
  });

  it('lets one caller cancel while the store call goes on for the others', async () => {
    const calls = new SharedCalls();
    const store = controlledCall<number>();
    const leaving = new AbortController();
    const first = calls.run('k', { signal: leaving.signal }, store.start);
    const second = calls.run('k', undefined, store.start);
    await store.flush();
    leaving.abort();
    await expect(first).rejects.toMatchObject({ code: 'backend_timeout', message: 'the request was cancelled' });
    expect(store.started[0]!.signal!.aborted).toBe(false);
    store.settle().resolve(3);
    await expect(second).resolves.toBe(3);
  });

  it('cancels the store call when every caller has cancelled, and a later caller starts afresh', async () => {
    const calls = new SharedCalls();
    const store = controlledCall<number>();
    const a = new AbortController();
    const b = new AbortController();
    const first = calls.run('k', { signal: a.signal }, store.start);
    const second = calls.run('k', { signal: b.signal }, store.start);
    await store.flush();
    a.abort();
    expect(store.started[0]!.signal!.aborted).toBe(false);
    b.abort();
    expect(store.started[0]!.signal!.aborted).toBe(true);
    await expect(first).rejects.toMatchObject({ code: 'backend_timeout' });
    await expect(second).rejects.toMatchObject({ code: 'backend_timeout' });
    expect(calls.size).toBe(0);
    const third = calls.run('k', undefined, store.start);
    await store.flush();
    expect(store.started).toHaveLength(2);
    store.settle().resolve(1);
    await expect(third).resolves.toBe(1);
  });

  it('refuses a caller whose signal is already aborted without starting anything', async () => {
    const calls = new SharedCalls();
    const store = controlledCall<number>();
    await expect(calls.run('k', { signal: AbortSignal.abort() }, store.start)).rejects.toMatchObject({ code: 'backend_timeout' });
    await store.flush();
    expect(store.started).toHaveLength(0);
  });

  it('reports notices to every caller, including one that joins after the notice', async () => {
    const calls = new SharedCalls();
    const store = controlledCall<number>();
    const early: AnswerNotice[] = [];
    const late: AnswerNotice[] = [];
    const first = calls.run('k', { onNotice: (n) => early.push(n) }, store.start);
    await store.flush();
    store.started[0]!.onNotice!(notice);
    const second = calls.run('k', { onNotice: (n) => late.push(n) }, store.start);
    store.settle().resolve(0);
    await Promise.all([first, second]);
    expect(early).toEqual([notice]);
    expect(late).toEqual([notice]);
  });
});
