import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FreezePlan, LatencyBackend } from '@/lib/backends/types';
import { FROZEN_WINDOW } from '@/test-support/frozen-window';
import { createSnapshotRegistry } from './registry';


describe('the snapshot registry', () => {
  it('takes snapshots one at a time, and takes the next one after a failure', async () => {
    const config = { enabled: true, dir: mkdtempSync(path.join(tmpdir(), 'hopscope-registry-')), rawTraces: 10, maxAgeMs: null, maxBytes: null };
    const registry = createSnapshotRegistry(config);
    let running = 0;
    let most = 0;
    let calls = 0;
    const live = {
      kind: 'duckdb',
      async freezeWindow(plan: FreezePlan) {
        calls += 1;
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running -= 1;
        if (calls === 2) throw new Error('the second one fails');
        writeFileSync(path.join(plan.dir, 'traces.parquet'), 'x');
        return FROZEN_WINDOW;
      },
    } as Partial<LatencyBackend> as LatencyBackend;
    const body = { query: { from: '2020-11-19T02:00:00Z', to: '2020-11-19T03:00:00Z' }, title: 't', note: '' };
    const outcomes = await Promise.allSettled([registry.create(live, body), registry.create(live, body), registry.create(live, body)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(most).toBe(1);
    expect((await registry.list()).length).toBe(2);
  });
});
