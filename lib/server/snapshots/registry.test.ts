import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FreezePlan, FrozenWindow, LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { createSnapshotRegistry } from './registry';

const FROZEN: FrozenWindow = {
  traces: 1,
  rawTraces: 1,
  fields: DEFAULT_FIELD_NAMES,
  formats: { edge: { format: 'json', missing: {}, unreadable: 'x' }, ingress: { format: 'json', missing: {}, unreadable: 'x' } },
  lineCounts: { edge: 1, ingress: 1 },
  unreadableLines: { edge: 0, ingress: 0 },
  sources: { edge: 'e', ingress: 'i' },
};

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
        return FROZEN;
      },
    } as Partial<LatencyBackend> as LatencyBackend;
    const body = { query: { from: '2020-11-19T02:00:00Z', to: '2020-11-19T03:00:00Z' }, title: 't', note: '' };
    const outcomes = await Promise.allSettled([registry.create(live, body), registry.create(live, body), registry.create(live, body)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(most).toBe(1);
    expect((await registry.list()).length).toBe(2);
  });
});
