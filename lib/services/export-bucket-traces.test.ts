import { beforeAll, describe, expect, it } from 'vitest';
import type { LatencyBackend } from '@/lib/backends/types';
import { toCsvHeader } from '@/lib/domain/trace-export';
import { getBackend } from '@/lib/server/backend';
import { useFixtureBackend } from '@/test-support/route-fixture';
import { exportBucketTraces } from './export-bucket-traces';

const PARAMS = { from: '2020-11-19T02:00:00Z', to: '2020-11-19T03:00:00Z', histogram: 'edge', format: 'csv' };
/** The contract fixture's edge trace set, newest first. */
const EDGE_IDS = ['t8', 't12', 't11', 't10', 't7', 't6', 't5', 't2', 't1'];

/** The process backend with its drill-down page calls counted. */
async function countingBackend(): Promise<{ backend: LatencyBackend; calls: () => number }> {
  const inner = await getBackend();
  let calls = 0;
  const backend: LatencyBackend = Object.create(inner);
  backend.fetchBucketTraces = (...args) => {
    calls++;
    return inner.fetchBucketTraces(...args);
  };
  return { backend, calls: () => calls };
}

const idsOf = (csv: string) => csv.split('\r\n').slice(1, -1).map((row) => row.split(',')[0]);

describe('exportBucketTraces', () => {
  beforeAll(useFixtureBackend);

  it('walks every page with the cursor: two traces a page, five store calls, each trace once', async () => {
    const { backend, calls } = await countingBackend();
    const file = await exportBucketTraces(backend, PARAMS, undefined, { pageSize: 2 });
    const text = await new Response(file.body).text();
    expect(text.startsWith(toCsvHeader())).toBe(true);
    expect(idsOf(text)).toEqual(EDGE_IDS);
    expect(calls()).toBe(5);
    expect(file).toMatchObject({ format: 'csv', filename: 'hopscope-edge-min-max.csv', contentType: 'text/csv; charset=utf-8' });
  });

  it('reads the first page before the answer starts, and no page the client has not asked for', async () => {
    const { backend, calls } = await countingBackend();
    const file = await exportBucketTraces(backend, PARAMS, undefined, { pageSize: 2 });
    expect(calls()).toBe(1);
    const reader = file.body.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(idsOf(first)).toEqual(['t8', 't12']);
    // The client leaves: the stream is cancelled and paging stops.
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls()).toBeLessThanOrEqual(2);
  });

  it('stops paging when the request is aborted', async () => {
    const { backend, calls } = await countingBackend();
    const controller = new AbortController();
    const file = await exportBucketTraces(backend, PARAMS, controller.signal, { pageSize: 2 });
    const reader = file.body.getReader();
    await reader.read();
    controller.abort();
    await expect(async () => {
      for (;;) if ((await reader.read()).done) break;
    }).rejects.toThrow();
    expect(calls()).toBeLessThanOrEqual(2);
  });
});
