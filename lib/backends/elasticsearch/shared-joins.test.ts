import { describe, expect, it } from 'vitest';
import { slowFrom, type SlowRange } from '@/lib/domain/triage/slow-range';
import { SharedJoins } from './shared-joins';

const at = (minMs: number, maxMs: number | null = null): SlowRange => ({ minMs, maxMs });
const words = (slow: SlowRange) => `${slow.minMs}–${slow.maxMs ?? '∞'}`;

/** A join that settles when told to, recording the slow ranges and signals it was started with. */
function controlledStarts() {
  const started: string[] = [];
  const signals: AbortSignal[] = [];
  const settle: (() => void)[] = [];
  const start = (slow: SlowRange, signal: AbortSignal) => {
    started.push(words(slow));
    signals.push(signal);
    return new Promise<string>((resolve) => settle.push(() => resolve(`join at ${words(slow)}`)));
  };
  return { started, signals, settle, start };
}

describe('SharedJoins', () => {
  it('shares a join in flight between calls on the same query and slow range, whatever their signals', async () => {
    const joins = new SharedJoins<string>();
    const { started, settle, start } = controlledStarts();
    const first = joins.share('q', at(1000, 1100), slowFrom(1000), new AbortController().signal, start);
    // The same bounds built in another key order are the same range.
    const second = joins.share('q', { maxMs: 1100, minMs: 1000 }, slowFrom(1000), new AbortController().signal, start);
    const anyRange = joins.share('q', null, slowFrom(500), undefined, start);
    expect(started).toEqual(['1000–1100']);
    settle[0]!();
    expect(await Promise.all([first, second, anyRange])).toEqual(['join at 1000–1100', 'join at 1000–1100', 'join at 1000–1100']);
  });

  it('starts separate joins for another query, threshold or upper bound', () => {
    const joins = new SharedJoins<string>();
    const { started, start } = controlledStarts();
    joins.share('q', at(1000), slowFrom(1000), undefined, start);
    joins.share('other', at(1000), slowFrom(1000), undefined, start);
    joins.share('q', at(2000), slowFrom(1000), undefined, start);
    joins.share('q', at(1000, 1100), slowFrom(1000), undefined, start);
    joins.share('q', at(1000, 1200), slowFrom(1000), undefined, start);
    joins.share('q', at(1000), slowFrom(1000), new AbortController().signal, start);
    joins.share('fresh', null, slowFrom(3000), undefined, start);
    expect(started).toEqual(['1000–∞', '1000–∞', '2000–∞', '1000–1100', '1000–1200', '3000–∞']);
  });

  it('cancels the join only when every caller has cancelled', async () => {
    const joins = new SharedJoins<string>();
    const { signals, start } = controlledStarts();
    const a = new AbortController();
    const b = new AbortController();
    const first = joins.share('q', at(1000), slowFrom(1000), a.signal, start);
    const second = joins.share('q', at(1000), slowFrom(1000), b.signal, start);
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
    await expect(joins.share('q', at(1000), slowFrom(1000), undefined, failing)).rejects.toThrow('store down');
    await expect(joins.share('q', at(1000), slowFrom(1000), undefined, failing)).rejects.toThrow('store down');
    const { started, settle, start } = controlledStarts();
    const done = joins.share('q', at(1000, 1100), slowFrom(1000), undefined, start);
    settle[0]!();
    await done;
    joins.share('q', null, slowFrom(2000), undefined, start);
    expect([calls, started]).toEqual([2, ['1000–1100', '2000–∞']]);
  });
});
