import { describe, expect, it } from 'vitest';
import { SharedJoins } from './shared-joins';

/** A join that settles when told to, recording the thresholds and signals it was started with. */
function controlledStarts() {
  const started: number[] = [];
  const signals: AbortSignal[] = [];
  const settle: (() => void)[] = [];
  const start = (slowMs: number, signal: AbortSignal) => {
    started.push(slowMs);
    signals.push(signal);
    return new Promise<string>((resolve) => settle.push(() => resolve(`join at ${slowMs}`)));
  };
  return { started, signals, settle, start };
}

describe('SharedJoins', () => {
  it('shares a join in flight between calls on the same query and threshold, whatever their signals', async () => {
    const joins = new SharedJoins<string>();
    const { started, settle, start } = controlledStarts();
    const first = joins.share('q', 1000, 1000, new AbortController().signal, start);
    const second = joins.share('q', 1000, 1000, new AbortController().signal, start);
    const anyThreshold = joins.share('q', null, 500, undefined, start);
    expect(started).toEqual([1000]);
    settle[0]!();
    expect(await Promise.all([first, second, anyThreshold])).toEqual(['join at 1000', 'join at 1000', 'join at 1000']);
  });

  it('starts separate joins for another query or threshold', () => {
    const joins = new SharedJoins<string>();
    const { started, start } = controlledStarts();
    joins.share('q', 1000, 1000, undefined, start);
    joins.share('other', 1000, 1000, undefined, start);
    joins.share('q', 2000, 1000, undefined, start);
    joins.share('q', 1000, 1000, new AbortController().signal, start);
    joins.share('fresh', null, 3000, undefined, start);
    expect(started).toEqual([1000, 1000, 2000, 3000]);
  });

  it('cancels the join only when every caller has cancelled', async () => {
    const joins = new SharedJoins<string>();
    const { signals, start } = controlledStarts();
    const a = new AbortController();
    const b = new AbortController();
    const first = joins.share('q', 1000, 1000, a.signal, start);
    const second = joins.share('q', 1000, 1000, b.signal, start);
    a.abort();
    await expect(first).rejects.toMatchObject({ code: 'backend_timeout' });
    expect(signals[0]!.aborted).toBe(false);
    b.abort();
    await expect(second).rejects.toMatchObject({ code: 'backend_timeout' });
    expect(signals[0]!.aborted).toBe(true);
  });

  it('keeps nothing once a join settled, failed or not', async () => {
    const joins = new SharedJoins<string>();
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new Error('store down'));
    };
    await expect(joins.share('q', 1000, 1000, undefined, failing)).rejects.toThrow('store down');
    await expect(joins.share('q', 1000, 1000, undefined, failing)).rejects.toThrow('store down');
    const { started, settle, start } = controlledStarts();
    const done = joins.share('q', 1000, 1000, undefined, start);
    settle[0]!();
    await done;
    joins.share('q', null, 2000, undefined, start);
    expect([calls, started]).toEqual([2, [1000, 2000]]);
  });
});
