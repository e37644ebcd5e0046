import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { parseTraceIds } from './parse-trace-ids';
import { recorded } from './testdata/recorded';

describe('parseTraceIds', () => {
  it('trace ids with document counts and the largest float request_time', () => {
    const traces = parseTraceIds(recorded('trace-ids'));
    expect(traces.map((trace) => [trace.traceId, trace.documents])).toEqual([
      ['a1', 1], ['a14', 1], ['a15', 1], ['a2', 1], ['a3', 1], ['a4', 1], ['a5', 2], ['a6', 1], ['a7', 1], ['a8', 1],
    ]);
    expect(traces.find((trace) => trace.traceId === 'a2')?.maxRequestTimeSeconds).toBe(2.299999952316284);
    expect(traces.find((trace) => trace.traceId === 'a5')?.maxRequestTimeSeconds).toBe(0.3499999940395355);
  });

  it('refuses a partition that did not fit', () => {
    const overflowing = { aggregations: { trace_ids: { buckets: [], sum_other_doc_count: 3 } } } as unknown as estypes.SearchResponse;
    expect(() => parseTraceIds(overflowing)).toThrow(/3 documents left out/);
  });
});
