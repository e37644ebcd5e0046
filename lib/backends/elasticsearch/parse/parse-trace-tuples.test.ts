import { describe, expect, it } from 'vitest';
import { parseTraceTuples } from './parse-trace-tuples';
import { recorded, T0 } from './testdata/recorded';

describe('parseTraceTuples', () => {
  it('ingress tuples of a1, a2, a3, a5 and a15', () => {
    const page = parseTraceTuples(recorded('trace-tuples-ingress'), 40_000);
    expect(page.after).toBeNull();
    expect(page.tuples).toEqual([
      { values: { trace_id: 'a1', timestamp: T0 + 10_000, request_time: 'abc', upstream_response_time: '-' }, count: 1 },
      { values: { trace_id: 'a1', timestamp: T0 + 10_003, request_time: '0.098', upstream_response_time: '0.095' }, count: 1 },
      { values: { trace_id: 'a15', timestamp: T0 + 130_000, request_time: '-', upstream_response_time: '-' }, count: 1 },
      { values: { trace_id: 'a2', timestamp: T0 + 20_002, request_time: '2.297', upstream_response_time: '0.000, 2.290' }, count: 1 },
      { values: { trace_id: 'a3', timestamp: T0 + 30_000, request_time: '1.000', upstream_response_time: '-' }, count: 1 },
      { values: { trace_id: 'a5', timestamp: T0 + 51_000, request_time: '0.330', upstream_response_time: '0.320' }, count: 1 },
      { values: { trace_id: 'a5', timestamp: T0 + 51_000, request_time: '0.340', upstream_response_time: '0.300' }, count: 1 },
    ]);
  });
});
