import { describe, expect, it } from 'vitest';
import type { TraceQuery } from '../query';
import { comparisonParamsSchema, correlationParamsSchema, slowParamsSchema, toTriageComparison } from './triage-query';

const QUERY: TraceQuery = { fromMs: 0, toMs: 3_600_000, app: 'shop', path: null, latencyMinMs: null, latencyMaxMs: null };
const latency = (latencyMinMs: number | null, latencyMaxMs: number | null): TraceQuery => ({ ...QUERY, latencyMinMs, latencyMaxMs });
const BASELINE = latency(null, null);

describe('toTriageComparison: a latency range chooses the examined requests, never the baseline', () => {
  it('keeps the query itself without a latency filter', () => {
    const compared = toTriageComparison(QUERY, 1000);
    expect(compared.query).toBe(QUERY);
    expect(compared.slow).toEqual({ minMs: 1000, maxMs: null });
  });

  it.each([
    ['a lower bound below the threshold', latency(500, null), { minMs: 1000, maxMs: null }],
    ['a lower bound above it', latency(2000, null), { minMs: 2000, maxMs: null }],
    ['an upper bound', latency(null, 1100), { minMs: 1000, maxMs: 1100 }],
    ['a band', latency(1000, 1100), { minMs: 1000, maxMs: 1100 }],
    ['a band starting below the threshold', latency(500, 3500), { minMs: 1000, maxMs: 3500 }],
    ['an upper bound at or below the threshold (nothing examined)', latency(null, 500), { minMs: 1000, maxMs: 500 }],
  ])('%s: the window with the other filters, and [max(slow, latencyMin), latencyMax)', (_label, query, slow) => {
    expect(toTriageComparison(query, 1000)).toEqual({ query: BASELINE, slow });
  });
});

describe('triage parameters', () => {
  it('reads slow in seconds, as latencyMin', () => {
    expect(slowParamsSchema.parse({ slow: '1' })).toEqual({ slow: 1000 });
    expect(slowParamsSchema.parse({ slow: '0.25' })).toEqual({ slow: 250 });
    expect(slowParamsSchema.parse({})).toEqual({});
  });

  it.each([['0'], ['-1'], ['1.0001'], ['1s'], ['']])('refuses slow=%s', (slow) => {
    const parsed = slowParamsSchema.safeParse({ slow });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['slow']);
  });

  it('bounds the correlation limit', () => {
    expect(correlationParamsSchema.parse({ limit: '50' })).toEqual({ limit: 50 });
    expect(correlationParamsSchema.safeParse({ limit: '51' }).success).toBe(false);
    expect(correlationParamsSchema.safeParse({ limit: '0' }).success).toBe(false);
  });

  it('needs both compared instants, in the forms from/to accept', () => {
    expect(comparisonParamsSchema.parse({ compareFrom: 'now-2h', compareTo: '2020-11-19T03:00:00Z' })).toEqual({
      compareFrom: 'now-2h',
      compareTo: '2020-11-19T03:00:00Z',
    });
    expect(comparisonParamsSchema.safeParse({ compareFrom: 'now-2h' }).error?.issues[0]?.path).toEqual(['compareTo']);
    expect(comparisonParamsSchema.safeParse({ compareFrom: 'yesterday', compareTo: 'now' }).error?.issues[0]?.path).toEqual(['compareFrom']);
  });
});
