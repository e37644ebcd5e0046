import { describe, expect, it } from 'vitest';
import type { TierHopTimes, TraceSummary } from '@/lib/domain/trace';
import { sortTraces } from './sort-traces';

const hop = (requestTimeMs: number, connectMs: number | null, host: string | null = null, upstreamAddr: string | null = null): TierHopTimes => ({
  requestTimeMs,
  connectMs,
  responseMs: null,
  upstreamAddr,
  host,
  status: 200,
});

const trace = (traceId: string, timestampMs: number, ingress: TierHopTimes | null): TraceSummary => ({
  traceId,
  timestampMs,
  app: null,
  path: null,
  method: null,
  edge: hop(1200, 1),
  ingress,
  edgeMinusIngressMs: null,
  ingressMinusUpstreamMs: null,
});

const TRACES = [
  trace('a', 300, hop(1000, 999, 'ingress-node-2', '10.244.2.1:8080')),
  trace('b', 200, null),
  trace('c', 100, hop(1050, 2, 'ingress-node-10', '10.244.10.1:8080')),
  trace('d', 50, hop(1000, 3, 'ingress-node-1', '10.244.2.1:8080, 10.244.2.2:8080')),
];

describe('sortTraces', () => {
  it('sorts by a column in either direction, missing values last', () => {
    expect(sortTraces(TRACES, { key: 'ingress', order: 'asc' }).map((t) => t.traceId)).toEqual(['a', 'd', 'c', 'b']);
    expect(sortTraces(TRACES, { key: 'ingress', order: 'desc' }).map((t) => t.traceId)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortTraces(TRACES, { key: 'ingressConnect', order: 'desc' }).map((t) => t.traceId)).toEqual(['a', 'd', 'c', 'b']);
  });

  it('keeps the API order among equal values and does not touch the input', () => {
    expect(sortTraces(TRACES, { key: 'edge', order: 'asc' }).map((t) => t.traceId)).toEqual(['a', 'b', 'c', 'd']);
    expect(sortTraces(TRACES, { key: 'time', order: 'asc' }).map((t) => t.traceId)).toEqual(['d', 'c', 'b', 'a']);
    expect(TRACES.map((t) => t.traceId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sorts names with their numbers as numbers, missing values last', () => {
    expect(sortTraces(TRACES, { key: 'ingressHost', order: 'asc' }).map((t) => t.traceId)).toEqual(['d', 'a', 'c', 'b']);
    expect(sortTraces(TRACES, { key: 'ingressHost', order: 'desc' }).map((t) => t.traceId)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortTraces(TRACES, { key: 'ingressUpstreamAddr', order: 'asc' }).map((t) => t.traceId)).toEqual(['a', 'd', 'c', 'b']);
  });
});
