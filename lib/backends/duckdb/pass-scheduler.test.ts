import { describe, expect, it } from 'vitest';
import { PassScheduler } from './pass-scheduler';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A pass that runs until released or interrupted, counting its attempts like a DuckDB query would. */
function interruptiblePass() {
  const attempts: AbortSignal[] = [];
  let release: (() => void) | null = null;
  const task = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      attempts.push(signal);
      release = () => resolve(`done after ${attempts.length} attempt(s)`);
      signal.addEventListener('abort', () => reject(new Error('interrupted')), { once: true });
    });
  return { attempts, task, release: () => release!() };
}

describe('PassScheduler', () => {
  it('interrupts the running pass for an urgent query and runs the pass again once it is done', async () => {
    const scheduler = new PassScheduler();
    const pass = interruptiblePass();
    const passDone = scheduler.pass(pass.task, 0);
    await tick();
    expect(pass.attempts).toHaveLength(1);
    let urgentRanAlone = false;
    await scheduler.urgent(async () => {
      await tick();
      urgentRanAlone = pass.attempts[0]!.aborted && pass.attempts.length === 1;
    });
    expect(urgentRanAlone).toBe(true);
    await tick();
    expect(pass.attempts).toHaveLength(2);
    pass.release();
    await expect(passDone).resolves.toBe('done after 2 attempt(s)');
  });

  it('interrupts one pass at most twice, then lets it finish', async () => {
    const scheduler = new PassScheduler();
    const pass = interruptiblePass();
    const passDone = scheduler.pass(pass.task, 0);
    for (let i = 0; i < 4; i += 1) {
      await tick();
      await scheduler.urgent(async () => tick());
    }
    await tick();
    expect(pass.attempts).toHaveLength(3);
    expect(pass.attempts[2]!.aborted).toBe(false);
    pass.release();
    await expect(passDone).resolves.toBe('done after 3 attempt(s)');
  });

  it('runs passes one at a time by priority', async () => {
    const scheduler = new PassScheduler();
    const first = interruptiblePass();
    const order: string[] = [];
    const running = scheduler.pass(first.task, 0);
    const later = [
      scheduler.pass(async () => void order.push('triage'), 2),
      scheduler.pass(async () => void order.push('histograms'), 0),
    ];
    await tick();
    expect(order).toEqual([]);
    first.release();
    await Promise.all([running, ...later]);
    expect(order).toEqual(['histograms', 'triage']);
  });

  it("stops a pass for good when its caller cancels, without running it again", async () => {
    const scheduler = new PassScheduler();
    const pass = interruptiblePass();
    const caller = new AbortController();
    const passDone = scheduler.pass(pass.task, 0, caller.signal);
    await tick();
    caller.abort();
    await expect(passDone).rejects.toThrow('interrupted');
    await tick();
    expect(pass.attempts).toHaveLength(1);
  });
});
