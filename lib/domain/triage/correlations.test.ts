import { describe, expect, it } from 'vitest';
import { rankCorrelations } from './correlations';
import { slowFrom } from './slow-range';
import { CORRELATION_FIELDS, type CorrelationField, type FieldValueCount, type FieldValueCounts } from './triage-data';

function countsOf(traces: { all: number; slow: number }, fields: Partial<Record<CorrelationField, FieldValueCount[]>>): FieldValueCounts {
  return {
    traces,
    fields: Object.fromEntries(
      CORRELATION_FIELDS.map((field) => {
        const values = fields[field] ?? [];
        const withValue = values.length > 0 ? traces : { all: 0, slow: 0 };
        return [field, { withValue, distinctValues: values.length, values }];
      }),
    ) as FieldValueCounts['fields'],
  };
}

/**
 * 1,000 joined requests, 100 slow. Node 2 (address 10.20.0.12:80) carries 80 slow of 300;
 * status 499 carries 12 slow of 15. Bonferroni over 3 + 3 + 2 = 8 distinct values.
 * Exact tails (Python fractions over every term): P(X ≥ 80 | 1000, 300, 100) = 7.942797652546472e-28,
 * P(X ≥ 12 | 1000, 15, 100) = 1.890857222642707e-10.
 */
const SKEWED = countsOf(
  { all: 1000, slow: 100 },
  {
    ingressHost: [
      { value: 'ingress-node-2', slow: 80, all: 300 },
      { value: 'ingress-node-1', slow: 10, all: 350 },
      { value: 'ingress-node-3', slow: 10, all: 350 },
    ],
    edgeUpstreamAddr: [
      { value: '10.20.0.12:80', slow: 80, all: 300 },
      { value: '10.20.0.11:80', slow: 10, all: 350 },
      { value: '10.20.0.13:80', slow: 10, all: 350 },
    ],
    status: [
      { value: '200', slow: 88, all: 985 },
      { value: '499', slow: 12, all: 15 },
    ],
  },
);

describe('rankCorrelations', () => {
  const result = rankCorrelations(SKEWED, slowFrom(1000));
  const [first, second] = result.entries;

  it('computes shares, lift and the exact Fisher p-value with Bonferroni over all distinct values', () => {
    expect(result.tests).toBe(8);
    expect(first).toMatchObject({ field: 'ingressHost', value: 'ingress-node-2', slow: 80, all: 300, slowShare: 0.8, allShare: 0.3, flagged: true });
    expect(first!.lift).toBeCloseTo(0.8 / 0.3, 12);
    expect(first!.pValue / 7.942797652546472e-28).toBeCloseTo(1, 9);
    expect(first!.adjustedPValue / (8 * 7.942797652546472e-28)).toBeCloseTo(1, 9);
  });

  it('folds a value with the very same counts in another field under the first (a node and its address)', () => {
    expect(first!.sameCounts).toEqual([{ field: 'edgeUpstreamAddr', value: '10.20.0.12:80' }]);
    expect(result.entries.some((entry) => entry.value === '10.20.0.12:80')).toBe(false);
  });

  it('ranks a significant value that covers only 12 % of the slow requests after the flagged ones, unflagged', () => {
    expect(second).toMatchObject({ field: 'status', value: '499', slow: 12, all: 15, slowShare: 0.12, flagged: false });
    expect(second!.pValue / 1.890857222642707e-10).toBeCloseTo(1, 9);
    expect(second!.lift).toBeCloseTo(0.12 / 0.015, 12);
    expect(result.flaggedCount).toBe(1);
  });

  it('caps adjusted p-values at 1 for under-represented values', () => {
    const node1 = result.entries.find((entry) => entry.value === 'ingress-node-1');
    // P(X ≥ 10 | 1000, 350, 100) = 0.9999999996596592 → × 8 → 1.
    expect(node1).toMatchObject({ adjustedPValue: 1, flagged: false, sameCounts: [{ field: 'edgeUpstreamAddr', value: '10.20.0.11:80' }] });
  });

  it('says the finding in one sentence', () => {
    expect(result.sentence).toBe(
      'ingress host ingress-node-2 (the same requests by count as edge upstream_addr 10.20.0.12:80) carries 80 % of the 100 requests ≥ 1 s ' +
        'but 30 % of all (2.7×, p = 6e-27 after Bonferroni).',
    );
  });
});

describe('rankCorrelations on small counts', () => {
  /**
   * The contract fixture at 1 s: 7 joined requests, 3 slow (t1, t5, t7). Node 2 carries 2 slow of 2:
   * P(X ≥ 2) = C(2,2)·C(5,1)/C(7,3) = 5/35 = 1/7, far from significant once multiplied by the 23
   * distinct values, and below the 5 slow requests a flag needs anyway.
   */
  const FIXTURE = countsOf(
    { all: 7, slow: 3 },
    {
      ingressHost: [
        { value: 'ingress-node-2', slow: 2, all: 2 },
        { value: 'ingress-node-1', slow: 1, all: 3 },
        { value: 'ingress-node-3', slow: 0, all: 2 },
      ],
    },
  );

  it('flags nothing and says so', () => {
    const result = rankCorrelations({ ...FIXTURE, fields: { ...FIXTURE.fields, ingressHost: { ...FIXTURE.fields.ingressHost, distinctValues: 23 } } }, slowFrom(1000));
    expect(result.entries[0]).toMatchObject({ value: 'ingress-node-2', flagged: false });
    expect(result.entries[0]!.pValue).toBeCloseTo(1 / 7, 14);
    expect(result.entries[0]!.adjustedPValue).toBe(1);
    expect(result.sentence).toBe(
      "No value stands out among the 3 requests ≥ 1 s: none is both shared by at least 20 % of them and over-represented beyond chance (Fisher's exact test, Bonferroni over 23 values).",
    );
  });

  it('has nothing to compare when no request or every request is slow', () => {
    expect(rankCorrelations(countsOf({ all: 7, slow: 0 }, {}), slowFrom(1000)).sentence).toBe(
      'No request ≥ 1 s at the edge in this selection, so there is nothing to compare.',
    );
    const allSlow = rankCorrelations(countsOf({ all: 2, slow: 2 }, { path: [{ value: '/a', slow: 2, all: 2 }] }), slowFrom(1000));
    expect(allSlow.entries[0]).toMatchObject({ lift: 1, pValue: 1, flagged: false });
    expect(allSlow.sentence).toBe('Every request in this selection is ≥ 1 s, so there is nothing to compare them with.');
  });

  it('names the examined band, and says that an empty range examines nothing', () => {
    const band = rankCorrelations(countsOf({ all: 7, slow: 0 }, {}), { minMs: 1000, maxMs: 1100 });
    expect([band.slowMs, band.slowMaxMs, band.sentence]).toEqual([1000, 1100, 'No request of 1–1.1 s at the edge in this selection, so there is nothing to compare.']);
    const empty = rankCorrelations(countsOf({ all: 7, slow: 0 }, { ingressHost: [{ value: 'ingress-node-2', slow: 0, all: 2 }] }), { minMs: 1000, maxMs: 500 });
    expect(empty.flaggedCount).toBe(0);
    expect(empty.sentence).toBe(
      'No request is examined: the latency range ends at 0.5 s, at or below the slow threshold of 1 s, so nothing is compared and nothing is named.',
    );
  });
});
