import { describe, expect, it } from 'vitest';
import type { HistogramsResponse } from '@/lib/domain/api-responses';
import type { Histogram } from '@/lib/domain/histogram';
import { slowThresholdMs, summarizeSlow, toSlowQuery } from './slow-summary';

describe('toSlowQuery', () => {
  it('restricts to edge ≥ 1 s with one bucket so that overflow counts the slow ones', () => {
    expect(toSlowQuery({ app: 'shop', bucket: '0.05', upper: '5' })).toEqual({ app: 'shop', latencyMin: '1', bucket: '1', upper: '1' });
  });

  it('uses a higher latencyMin as the threshold', () => {
    expect(slowThresholdMs({ latencyMin: '2.5' })).toBe(2500);
    expect(slowThresholdMs({ latencyMin: '0.2' })).toBe(1000);
    expect(toSlowQuery({ latencyMin: '2.5' })).toEqual({ latencyMin: '2.5', bucket: '2.5', upper: '2.5' });
  });

  it('gives nothing when latencyMax leaves no slow requests', () => {
    expect(toSlowQuery({ latencyMax: '1' })).toBeNull();
    expect(toSlowQuery({ latencyMax: '1.001' })).toEqual({ latencyMax: '1.001', latencyMin: '1', bucket: '1', upper: '1' });
  });

  it('ignores an unreadable latencyMin (the main query reports it)', () => {
    expect(slowThresholdMs({ latencyMin: 'abc' })).toBe(1000);
  });
});

const histogram = (total: number, overflow: number): Histogram => ({
  bucketMs: 1000,
  upperMs: 1000,
  buckets: [{ fromMs: 0, toMs: 1000, count: total - overflow }],
  underflow: 0,
  overflow,
  total,
  p50Ms: null,
  p90Ms: null,
  p99Ms: null,
});

describe('summarizeSlow', () => {
  it('reads the slow count and each hop’s count at or above the threshold', () => {
    const response = {
      backend: 'duckdb',
      query: { upperMs: 1000 } as HistogramsResponse['query'],
      counts: { edge: 30, joined: 28, edgeOnly: 2, duplicates: { edge: 0, ingress: 0 }, skipped: [] },
      histograms: { edge: histogram(30, 30), ingress: histogram(28, 19), edgeMinusIngress: histogram(28, 9), ingressMinusUpstream: histogram(27, 0) },
      sample: null,
      notices: [],
    } satisfies HistogramsResponse;
    expect(summarizeSlow(response)).toEqual({
      thresholdMs: 1000,
      slowCount: 30,
      shares: [
        { label: 'ingress request_time ≥ 1 s', count: 19 },
        { label: 'edge→ingress gap ≥ 1 s', count: 9 },
        { label: 'inside ingress-nginx ≥ 1 s', count: 0 },
      ],
      withoutIngress: 2,
    });
  });
});
