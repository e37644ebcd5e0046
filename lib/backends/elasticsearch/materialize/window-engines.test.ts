import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LatencyBackend } from '@/lib/backends/types';
import { SliceCache } from './slice-cache';
import { WindowEngines, type WindowEngineDeps } from './window-engines';

const T0 = Date.UTC(2020, 10, 19, 2);
const HOUR_MS = 3_600_000;
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * WindowEngines' bookkeeping with a stand-in reader and engine (the reads and answers themselves
 * are checked against the real node in materialize.integration.test.ts): who waits, who stops.
 */
function engines(readDelayMs: number, sampling: { thresholdLines: number; openDelayMs: number } | null = null, buildDelayMs = 0, readsIgnoreAbort = false) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hopscope-window-engines-'));
  dirs.push(dir);
  let reads = 0;
  const events: string[] = [];
  /** The slice files each engine was opened on. */
  const opened: string[][] = [];
  const engine = {
    fetchExtent: async () => {
      events.push('build');
      await new Promise((resolve) => setTimeout(resolve, buildDelayMs));
      return null;
    },
    close: async () => undefined,
  } as unknown as LatencyBackend;
  const sampleEngine = { close: async () => undefined } as unknown as LatencyBackend;
  const statement = { kind: 'trace_id_range' as const, traceIdFrom: '00', traceIdTo: '0d', fraction: 13 / 256, message: 'a sample' };
  const deps: WindowEngineDeps = {
    cache: new SliceCache(dir, 1024 ** 3),
    readSlice: (_tier, _slice, file, onLines, signal) =>
      new Promise((resolve, reject) => {
        reads += 1;
        events.push('read');
        const timer = setTimeout(() => {
          writeFileSync(file, 'lines');
          onLines(1);
          resolve({ lines: 1, notices: [] });
        }, readDelayMs);
        // Like a normalization under way, a read may finish all the same.
        if (readsIgnoreAbort) return;
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('read stopped'));
        });
      }),
    countSliceDocuments: async (_tier, slices) => slices.map(() => 1),
    openEngine: (files) => {
      opened.push([...files.edge, ...files.ingress]);
      return engine;
    },
    lateMarginMs: 0,
    maxOpenLines: 1_000_000,
    nowMs: () => T0 + 1_000 * HOUR_MS,
    ...(sampling
      ? {
          sampleThresholdLines: sampling.thresholdLines,
          openSample: async () => {
            events.push('sample opening');
            await new Promise((resolve) => setTimeout(resolve, sampling.openDelayMs));
            events.push('sample open');
            return { backend: sampleEngine, statement, notices: [], close: async () => undefined };
          },
        }
      : {}),
  };
  return { windows: new WindowEngines(deps), engine, sampleEngine, statement, events, opened, reads: () => reads };
}

describe('WindowEngines', () => {
  it('shares one read among the requests waiting for a window', async () => {
    const { windows, engine, reads } = engines(20);
    const answers = await Promise.all([1, 2, 3].map(() => windows.use(T0, T0 + HOUR_MS, async (backend) => backend)));
    expect(answers).toEqual([engine, engine, engine]);
    // An hour: 4 edge quarters and 6 ingress quarters (the join window), each read once.
    expect(reads()).toBe(10);
  });

  it('stops the read when its only request gives up, and reads again for the next one', async () => {
    const { windows, engine } = engines(50);
    const gone = new AbortController();
    const first = windows.use(T0, T0 + HOUR_MS, async (backend) => backend, { signal: gone.signal });
    gone.abort();
    await expect(first).rejects.toThrow('the request was cancelled');
    // A request arriving right after does not inherit the cancellation.
    await expect(windows.use(T0, T0 + HOUR_MS, async (backend) => backend)).resolves.toBe(engine);
  });

  it('a window refreshed while an answer runs on its engine is built again from files that outlive the earlier engine', async () => {
    const { windows, opened } = engines(5);
    let finish!: () => void;
    const running = windows.use(T0, T0 + HOUR_MS, () => new Promise<void>((resolve) => (finish = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    windows.refresh(T0, T0 + HOUR_MS);
    await windows.use(T0, T0 + HOUR_MS, async (backend) => backend);
    expect(opened).toHaveLength(2);
    // The earlier engine closes once its answer is out, and lets its (dropped) files go.
    finish();
    await running;
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (const file of opened[1]!) expect(existsSync(file), file).toBe(true);
    await windows.close();
  });

  it.each([
    ['stops', false],
    ['finishes all the same', true],
  ])('a window refreshed while it is read (the read %s) is answered from a read started after the refresh', async (_label, readsIgnoreAbort) => {
    const { windows, opened, reads, events } = engines(100, null, 0, readsIgnoreAbort);
    const before = windows.use(T0, T0 + HOUR_MS, async (backend) => backend);
    await new Promise((resolve) => setTimeout(resolve, 30));
    windows.refresh(T0, T0 + HOUR_MS);
    const after = windows.use(T0, T0 + HOUR_MS, async (backend) => backend);
    // Both requests get an answer, from the one engine built on slices read after the refresh.
    await expect(Promise.all([before, after])).resolves.toHaveLength(2);
    expect(opened).toHaveLength(1);
    expect(events.filter((event) => event === 'build')).toHaveLength(1);
    // The first read's two slices under way, then all ten again.
    expect(reads()).toBe(12);
    await windows.close();
  });

  it('an open window one of whose slice files was removed from outside is built again, that slice read again', async () => {
    const { windows, opened, reads } = engines(5);
    await windows.use(T0, T0 + HOUR_MS, async (backend) => backend);
    expect(windows.isReady(T0, T0 + HOUR_MS)).toBe(true);
    rmSync(opened[0]![3]!);
    expect(windows.isReady(T0, T0 + HOUR_MS)).toBe(false);
    await windows.use(T0, T0 + HOUR_MS, async (backend) => backend);
    expect(opened).toHaveLength(2);
    expect(reads()).toBe(11);
    for (const file of opened[1]!) expect(existsSync(file), file).toBe(true);
    await windows.close();
  });

  it('keeps reading while another request still waits', async () => {
    const { windows, engine } = engines(50);
    const gone = new AbortController();
    const leaving = windows.use(T0, T0 + HOUR_MS, async (backend) => backend, { signal: gone.signal });
    const staying = windows.use(T0, T0 + HOUR_MS, async (backend) => backend);
    gone.abort();
    await expect(leaving).rejects.toThrow('the request was cancelled');
    await expect(staying).resolves.toBe(engine);
  });

  it('answers a request accepting a sample from it, every call of the request alike, and reads the window after it', async () => {
    // Each slice counts one line: an hour is 10 lines to read, above a threshold of 5.
    const { windows, engine, sampleEngine, statement, events } = engines(20, { thresholdLines: 5, openDelayMs: 30 });
    const firstAnswer = { sample: null };
    const calls = await Promise.all([1, 2].map(() => windows.use(T0, T0 + HOUR_MS, async (backend) => backend, { firstAnswer })));
    expect(calls).toEqual([sampleEngine, sampleEngine]);
    expect(firstAnswer.sample).toEqual(statement);
    // The sample is read first; the exact read goes on after the sampled request has its answer.
    expect(events.slice(0, 2)).toEqual(['sample opening', 'sample open']);
    await expect(windows.use(T0, T0 + HOUR_MS, async (backend) => backend)).resolves.toBe(engine);
    expect(events.filter((event) => event === 'read')).toHaveLength(10);
    // Once the window is read, a request accepting a sample gets the exact answer.
    const later = { sample: null };
    await expect(windows.use(T0, T0 + HOUR_MS, async (backend) => backend, { firstAnswer: later })).resolves.toBe(engine);
    expect(later.sample).toBeNull();
  });

  it('keeps reading a window for the page that had a sampled answer, though another request gave up on it', async () => {
    const { windows, engine, sampleEngine, reads } = engines(20, { thresholdLines: 5, openDelayMs: 10 });
    await expect(windows.use(T0, T0 + HOUR_MS, async (backend) => backend, { firstAnswer: { sample: null } })).resolves.toBe(sampleEngine);
    // Without the sampled request's hold, this one leaving would stop the read.
    const gone = new AbortController();
    const leaving = windows.use(T0, T0 + HOUR_MS, async (backend) => backend, { signal: gone.signal });
    gone.abort();
    await expect(leaving).rejects.toThrow('the request was cancelled');
    // The read starts once the sample has been quiet a moment, and goes on to the end.
    for (let waited = 0; waited < 5_000 && !windows.isReady(T0, T0 + HOUR_MS); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads()).toBe(10);
    expect(windows.isReady(T0, T0 + HOUR_MS)).toBe(true);
    await expect(windows.use(T0, T0 + HOUR_MS, async (backend) => backend)).resolves.toBe(engine);
  });

  it('answers exactly a request whose sample opened once the window was read (asked while its store was built)', async () => {
    const { windows, engine, sampleEngine, events } = engines(5, { thresholdLines: 5, openDelayMs: 100 }, 30);
    // A read started by a request that does not accept a sample; one accepting it comes while
    // the window's store is being built: its sample opens after the store is there.
    const exact = windows.use(T0, T0 + HOUR_MS, async (backend) => backend);
    for (let waited = 0; waited < 2_000 && !events.includes('build'); waited += 1) await new Promise((resolve) => setTimeout(resolve, 1));
    const firstAnswer = { sample: null };
    const joining = windows.use(T0, T0 + HOUR_MS, async (backend) => backend, { firstAnswer });
    await expect(exact).resolves.toBe(engine);
    await expect(joining).resolves.not.toBe(sampleEngine);
    await expect(joining).resolves.toBe(engine);
    expect(events).toContain('sample open');
    expect(firstAnswer.sample).toBeNull();
  });

  it('takes no sample below the threshold: the request waits for the exact answer', async () => {
    const { windows, engine, events } = engines(10, { thresholdLines: 11, openDelayMs: 10 });
    const firstAnswer = { sample: null };
    await expect(windows.use(T0, T0 + HOUR_MS, async (backend) => backend, { firstAnswer })).resolves.toBe(engine);
    expect(firstAnswer.sample).toBeNull();
    expect(events).not.toContain('sample opening');
  });
});
