import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyBackend } from '@/lib/backends/types';
import type { BucketSelection, TraceCursor } from '@/lib/domain/drill-down';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import type { TraceSummary } from '@/lib/domain/trace';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { createDuckdbBackend } from '.';

/**
 * Drill-down pages walk the window in time slices from the newest end (lib/backends/duckdb/sql/
 * time-slices.ts). 640 traces, one every 10 s over a window of 6,400 s, so the first slice
 * (1/64 of the window) holds 10 traces and a page of 25 spans several slices; trace d has a line
 * in the newest slice but is represented by its older, slower line.
 */
const T0 = Date.parse('2020-11-19T02:00:00.000Z');
const WINDOW_MS = 6_400_000;
const query = { fromMs: T0, toMs: T0 + WINDOW_MS, app: null, path: null, latencyMinMs: null, latencyMaxMs: null };
const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

// Trace k at k·10 s: edge request_time 100 + (k mod 5) ms, ingress 40 ms (none for k mod 7 = 0).
const traceIds = Array.from({ length: 640 }, (_, k) => `k${String(k).padStart(3, '0')}`);
const edgeMs = (k: number) => 100 + (k % 5);
const EDGE = traceIds.map((traceId, k) => ({ '@timestamp': at(k * 10_000), trace_id: traceId, request_time: edgeMs(k) / 1000 }));
const INGRESS = traceIds.flatMap((traceId, k) =>
  k % 7 === 0 ? [] : [{ '@timestamp': at(k * 10_000 + 5), trace_id: traceId, request_time: '0.040', upstream_response_time: '0.030' }],
);
// Trace d: 0.1 s at the window's newest end, 0.2 s (its representative) in the middle.
const DUP_NEW_OFFSET_MS = WINDOW_MS - 1_000;
const DUP_REP_OFFSET_MS = 3_200_003;
EDGE.push(
  { '@timestamp': at(DUP_NEW_OFFSET_MS), trace_id: 'd', request_time: 0.1 },
  { '@timestamp': at(DUP_REP_OFFSET_MS), trace_id: 'd', request_time: 0.2 },
);

type Row = { traceId: string; timestampMs: number; edgeMs: number; ingressMs: number | null };
const toRow = (trace: TraceSummary): Row => ({
  traceId: trace.traceId,
  timestampMs: trace.timestampMs,
  edgeMs: trace.edge.requestTimeMs,
  ingressMs: trace.ingress?.requestTimeMs ?? null,
});

/** Every trace of the fixture with its representative line, newest first. */
const ALL_ROWS: Row[] = [
  ...traceIds.map((traceId, k) => ({ traceId, timestampMs: T0 + k * 10_000, edgeMs: edgeMs(k), ingressMs: k % 7 === 0 ? null : 40 })),
  { traceId: 'd', timestampMs: T0 + DUP_REP_OFFSET_MS, edgeMs: 200, ingressMs: null },
].sort((a, b) => b.timestampMs - a.timestampMs || a.traceId.localeCompare(b.traceId));

let backend: LatencyBackend;

beforeAll(() => {
  const { edgeFile, ingressFile } = writeTierFiles(EDGE, INGRESS);
  backend = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
});
afterAll(() => backend.close());

async function allPages(selection: BucketSelection, limit: number): Promise<{ rows: Row[]; pages: number }> {
  const rows: Row[] = [];
  let cursor: TraceCursor | null = null;
  let pages = 0;
  do {
    const page = await backend.fetchBucketTraces(query, selection, { limit, cursor });
    rows.push(...page.traces.map(toRow));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null);
  return { rows, pages };
}

describe('DuckDB drill-down pages across time slices', () => {
  it('lists every trace of a bar exactly once, newest first, with its representative line', async () => {
    const { rows, pages } = await allPages({ histogram: 'edge', fromMs: null, toMs: null }, 25);
    expect(rows).toEqual(ALL_ROWS);
    expect(pages).toBe(Math.ceil(641 / 25));
  });

  it('finds a sparse bar whose traces lie in older slices only', async () => {
    const { rows } = await allPages({ histogram: 'edge', fromMs: 200, toMs: 201 }, 10);
    expect(rows).toEqual([{ traceId: 'd', timestampMs: T0 + DUP_REP_OFFSET_MS, edgeMs: 200, ingressMs: null }]);
  });

  it('filters by a joined value (edge − ingress) and pages with the cursor', async () => {
    const { rows } = await allPages({ histogram: 'edgeMinusIngress', fromMs: 64, toMs: 65 }, 7);
    expect(rows).toEqual(ALL_ROWS.filter((row) => row.ingressMs !== null && row.edgeMs - row.ingressMs === 64));
    expect(rows).toHaveLength(traceIds.filter((_, k) => k % 5 === 4 && k % 7 !== 0).length);
  });
});
