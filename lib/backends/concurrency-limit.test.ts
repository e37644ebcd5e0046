import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from './concurrency-limit';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('ConcurrencyLimit', () => {
  it('runs at most `max` tasks at once, the others in arrival order', async () => {
    const limit = new ConcurrencyLimit(1);
    const order: string[] = [];
    const first = gate();
    const a = limit.run(async () => {
      order.push('a start');
      await first.opened;
      order.push('a end');
    });
    const b = limit.run(async () => void order.push('b'));
    const c = limit.run(async () => void order.push('c'));
    await tick();
    expect(order).toEqual(['a start']);
    first.open();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a start', 'a end', 'b', 'c']);
  });

  it('starts waiting tasks by priority, then in arrival order', async () => {
    const limit = new ConcurrencyLimit(1);
    const order: string[] = [];
    const first = gate();
    const running = limit.run(() => first.opened);
    const waiting = [
      limit.run(async () => void order.push('triage'), 2),
      limit.run(async () => void order.push('timeline'), 1),
      limit.run(async () => void order.push('histograms'), 0),
      limit.run(async () => void order.push('second timeline'), 1),
    ];
    first.open();
    await Promise.all([running, ...waiting]);
    expect(order).toEqual(['histograms', 'timeline', 'second timeline', 'triage']);
  });

  it('frees the slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(async () => 2)).resolves.toBe(2);
  });

  it('drops a waiting task whose signal aborts, without running it', async () => {
    const limit = new ConcurrencyLimit(1);
    const first = gate();
    const running = limit.run(() => first.opened);
    const controller = new AbortController();
    let ran = false;
    const waiting = limit.run(async () => void (ran = true), 0, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'backend_timeout' });
    first.open();
    await running;
    await expect(limit.run(async () => 'next')).resolves.toBe('next');
    expect(ran).toBe(false);
  });
});
