import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { JoinAccumulator, SkippedCounter, type EdgeTrace } from './join-accumulator';
import { groupTuplesByTrace } from './representatives';

const SOURCES = { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time' };
const tuple = (trace_id: string, request_time: string, upstream_response_time: string | null, timestamp = 1) => ({
  values: { trace_id, timestamp, request_time, upstream_response_time },
  count: 1,
});
/** Edge traces of one line each, by their representative's request_time. */
const edgeTraces = (entries: [string, number][]) => new Map<string, EdgeTrace>(entries.map(([traceId, ms]) => [traceId, { requestTimeMs: ms, documents: 1 }]));

describe('JoinAccumulator', () => {
  it('joins edge representatives with their ingress candidates, partition after partition', () => {
    const skipped = new SkippedCounter();
    const join = new JoinAccumulator(DEFAULT_FIELD_NAMES, skipped);
    // Partition 1: x (edge 100) with two valid ingress lines, 98 and 97 → 98, upstream "0.000, 0.090" = 90;
    // y (edge 50) only an unparsable line → not joined; z (edge 20) none.
    join.add(
      edgeTraces([['x', 100], ['y', 50], ['z', 20]]),
      groupTuplesByTrace([tuple('x', '0.098', '0.000, 0.090'), tuple('x', '0.097', '0.001'), tuple('y', 'abc', '-')], 'ingress', SOURCES, DEFAULT_FIELD_NAMES),
    );
    // Partition 2: w (edge 300) ingress 302 without upstream time; v (edge 10) ingress 9, upstream "x" unparsable.
    join.add(
      edgeTraces([['w', 300], ['v', 10]]),
      groupTuplesByTrace([tuple('w', '0.302', '-'), tuple('v', '0.009', 'x')], 'ingress', SOURCES, DEFAULT_FIELD_NAMES),
    );
    expect([join.traces, join.joined, join.ingressValid]).toEqual([5, 3, 4]);
    expect(join.edge.toValueCounts().map(({ valueMs }) => valueMs)).toEqual([10, 20, 50, 100, 300]);
    expect(join.ingress.toValueCounts()).toEqual([{ valueMs: 9, count: 1 }, { valueMs: 98, count: 1 }, { valueMs: 302, count: 1 }]);
    expect(join.edgeMinusIngress.toValueCounts()).toEqual([{ valueMs: -2, count: 1 }, { valueMs: 1, count: 1 }, { valueMs: 2, count: 1 }]);
    expect(join.ingressMinusUpstream.toValueCounts()).toEqual([{ valueMs: 8, count: 1 }]);
    expect(skipped.toSorted()).toEqual([
      { tier: 'ingress', field: 'requestTime', reason: 'unparsable', count: 1 },
      { tier: 'ingress', field: 'upstreamResponseTime', reason: 'missing', count: 1 },
      { tier: 'ingress', field: 'upstreamResponseTime', reason: 'unparsable', count: 1 },
    ]);
  });

  it('counts only the traces whose ingress representative passes, on the edge side too', () => {
    const skipped = new SkippedCounter();
    // Passes: an ingress request_time of at least 98 ms, or no ingress line at all.
    const join = new JoinAccumulator(DEFAULT_FIELD_NAMES, skipped, (ingress) => ingress === null || ingress.requestTimeMs >= 98);
    const edge = new Map<string, EdgeTrace>([
      ['x', { requestTimeMs: 100, documents: 2 }],
      ['y', { requestTimeMs: 50, documents: 1 }],
      ['z', { requestTimeMs: 20, documents: 3 }],
    ]);
    // x: 98 (the larger of 98 and 97) passes; y: 40 does not, nor do its invalid lines count; z: none, passes.
    const tuples = [tuple('x', '0.098', '0.090'), tuple('x', '0.097', '0.001'), tuple('y', '0.040', '0.030'), tuple('y', 'abc', '-')];
    join.add(edge, groupTuplesByTrace(tuples, 'ingress', SOURCES, DEFAULT_FIELD_NAMES));
    expect([join.traces, join.edgeDocuments, join.joined, join.ingressValid]).toEqual([2, 5, 1, 2]);
    expect(join.edge.toValueCounts()).toEqual([{ valueMs: 20, count: 1 }, { valueMs: 100, count: 1 }]);
    expect(join.ingress.toValueCounts()).toEqual([{ valueMs: 98, count: 1 }]);
    expect(skipped.toSorted()).toEqual([]);
  });
});
