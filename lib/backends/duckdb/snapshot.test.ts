import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_DOCS, INGRESS_DOCS, T0 } from '@/lib/backends/contract/fixture';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { createDuckdbBackend, createSnapshotBackend } from '.';
import { NORMALIZED_LINE_KEY } from './sql/build-trace-lookup';

/**
 * Which raw lines a snapshot keeps, and what it answers for a trace whose raw lines it did not
 * keep (the contract suites check every other answer against the live store's).
 */
const HOUR_MS = 3_600_000;
const WINDOW = { fromMs: T0, toMs: T0 + HOUR_MS };
const TRACE_IDS = ['t1', 't2', 't5', 't6', 't7', 't8', 't10', 't11', 't12'];

describe('a snapshot of the embedded store', () => {
  let live: LatencyBackend;
  const opened: { backend: LatencyBackend; dir: string }[] = [];

  async function snapshot(rawTraces: number): Promise<{ backend: LatencyBackend; rawTracesKept: number; traces: number }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-snapshot-'));
    const frozen = await live.freezeWindow({ ...WINDOW, dir, rawTraces, slowMs: 1_000 });
    const backend = createSnapshotBackend(dir, { kind: 'duckdb', window: WINDOW }, frozen);
    opened.push({ backend, dir });
    return { backend, rawTracesKept: frozen.rawTraces, traces: frozen.traces };
  }

  const traceWithNotices = async (backend: LatencyBackend, traceId: string) => {
    const notices: AnswerNotice[] = [];
    const trace = await backend.fetchTrace(traceId, { onNotice: (notice) => void notices.push(notice) });
    return { trace, notices };
  };

  beforeAll(() => {
    const { edgeFile, ingressFile } = writeTierFiles(EDGE_DOCS, INGRESS_DOCS);
    live = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
  });
  afterAll(async () => {
    await live.close();
    for (const { backend, dir } of opened) {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the raw lines of the slow tail first, slowest first: t7 3.5 s and t5 2.3 s of four slow traces', async () => {
    const { backend, rawTracesKept, traces } = await snapshot(2);
    expect([traces, rawTracesKept]).toEqual([9, 2]);
    for (const traceId of ['t7', 't5']) {
      const { trace, notices } = await traceWithNotices(backend, traceId);
      expect(notices, traceId).toEqual([]);
      expect(trace, traceId).toEqual(await live.fetchTrace(traceId));
    }
    const { notices } = await traceWithNotices(backend, 't10');
    expect(notices.map((notice) => notice.code)).toEqual(['raw_lines_not_kept']);
  });

  it('fills the rest with a sample of the other traces, and keeps every trace when the bound allows', async () => {
    expect((await snapshot(6)).rawTracesKept).toBe(6);
    const all = await snapshot(100);
    expect(all.rawTracesKept).toBe(9);
    for (const traceId of TRACE_IDS) expect((await traceWithNotices(all.backend, traceId)).notices, traceId).toEqual([]);
  });

  it('lists every trace of a drill-down page, those without raw lines from their normalized columns', async () => {
    const { backend } = await snapshot(1);
    const query = { ...WINDOW, app: null, path: null, latencyMinMs: null, latencyMaxMs: null };
    for (const histogram of ['edge', 'ingress', 'edgeMinusIngress'] as const) {
      const selection = { histogram, fromMs: null, toMs: null };
      const [got, want] = await Promise.all([backend, live].map((each) => each.fetchBucketTraces(query, selection, { limit: 50, cursor: null })));
      const numbers = (page: typeof got) =>
        page!.traces.map((trace) => ({ id: trace.traceId, edge: trace.edge.requestTimeMs, ingress: trace.ingress?.requestTimeMs ?? null, host: trace.ingress?.host ?? null }));
      expect(numbers(got), histogram).toEqual(numbers(want));
      expect(got!.traces.length, histogram).toBeGreaterThan(1);
    }
  });

  it('answers a trace without raw lines from its normalized columns, with the same numbers, and says so', async () => {
    const { backend } = await snapshot(0);
    // t10's ingress line is 1 ms before the join window: a snapshot holds the lines its window can
    // reach, so its trace page shows the edge line alone, where the live store shows lines at any time.
    expect((await backend.fetchTrace('t10'))?.ingress).toBeNull();
    expect((await live.fetchTrace('t10'))?.ingress).not.toBeNull();
    for (const traceId of TRACE_IDS.filter((id) => id !== 't10')) {
      const expected = await live.fetchTrace(traceId);
      const { trace, notices } = await traceWithNotices(backend, traceId);
      expect(trace?.segments, traceId).toEqual(expected?.segments);
      expect(trace?.duplicates, traceId).toEqual(expected?.duplicates);
      for (const tier of ['edge', 'ingress'] as const) {
        const [got, want] = [trace?.[tier], expected?.[tier]];
        expect(got?.requestTimeMs, `${traceId} ${tier}`).toEqual(want?.requestTimeMs);
        expect(got?.timestampMs, `${traceId} ${tier}`).toEqual(want?.timestampMs);
        expect(got?.connectTotalMs, `${traceId} ${tier}`).toEqual(want?.connectTotalMs);
        expect(got?.host, `${traceId} ${tier}`).toEqual(want?.host);
        if (got) expect(got.raw[NORMALIZED_LINE_KEY], `${traceId} ${tier}`).toMatch(/not kept/);
      }
      const tiers = notices.map((notice) => notice.tier).sort();
      expect(tiers, traceId).toEqual(['edge', ...(expected?.ingress ? ['ingress'] : [])]);
    }
  });
});
