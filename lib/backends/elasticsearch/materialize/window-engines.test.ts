import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
function engines(readDelayMs: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hopscope-window-engines-'));
  dirs.push(dir);
  let reads = 0;
  const engine = { fetchExtent: async () => null, close: async () => undefined } as unknown as LatencyBackend;
  const deps: WindowEngineDeps = {
    cache: new SliceCache(dir, 1024 ** 3),
    readSlice: (_tier, _slice, file, onLines, signal) =>
      new Promise((resolve, reject) => {
        reads += 1;
        const timer = setTimeout(() => {
          writeFileSync(file, 'lines');
          onLines(1);
          resolve({ lines: 1, notices: [] });
        }, readDelayMs);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('read stopped'));
        });
      }),
    countSliceDocuments: async (_tier, slices) => slices.map(() => 1),
    openEngine: () => engine,
    lateMarginMs: 0,
    maxOpenLines: 1_000_000,
    nowMs: () => T0 + 1_000 * HOUR_MS,
  };
  return { windows: new WindowEngines(deps), engine, reads: () => reads };
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

  it('keeps reading while another request still waits', async () => {
    const { windows, engine } = engines(50);
    const gone = new AbortController();
    const leaving = windows.use(T0, T0 + HOUR_MS, async (backend) => backend, { signal: gone.signal });
    const staying = windows.use(T0, T0 + HOUR_MS, async (backend) => backend);
    gone.abort();
    await expect(leaving).rejects.toThrow('the request was cancelled');
    await expect(staying).resolves.toBe(engine);
  });
});
