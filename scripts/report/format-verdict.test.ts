import { describe, expect, it } from 'vitest';
import type { Attribution, SegmentAttribution } from '@/lib/domain/triage/attribution';
import { formatHeadlines, formatSlowestHop, toSlowestHop } from './format-verdict';
import { COLOR_STYLE } from './text-style';

const segment = (row: Partial<SegmentAttribution> & Pick<SegmentAttribution, 'segment' | 'label'>): SegmentAttribution => ({
  dominantCount: 0,
  dominantShare: 0,
  baselineMs: 1,
  slowTotalMs: 8,
  excessMs: 0,
  excessShare: 0,
  slowP50Ms: 1,
  slowP90Ms: 1,
  ...row,
});

/** Eight slow requests split: six dominated by the ingress→app connect, two by edge→ingress. */
const ATTRIBUTION: Attribution = {
  slowMs: 1_000,
  slowMaxMs: null,
  traces: { all: 100, slow: 10 },
  attributableSlow: 8,
  slowWithoutIngress: 1,
  slowIncomplete: 1,
  slowWithoutConnectTime: 0,
  slowWithoutEdgeUpstreamTime: 0,
  segments: [
    segment({ segment: 'edgeOwn', label: 'inside edge nginx' }),
    segment({ segment: 'edgeToIngress', label: 'edge→ingress', dominantCount: 2, dominantShare: 0.25, baselineMs: 2, excessShare: 0.25, slowP50Ms: 1_000 }),
    segment({ segment: 'ingressOwn', label: 'inside ingress-nginx' }),
    segment({ segment: 'ingressConnect', label: 'ingress→app connect', dominantCount: 6, dominantShare: 0.75, excessShare: 0.7, slowP50Ms: 1_010 }),
    segment({ segment: 'app', label: 'app', baselineMs: 15, excessShare: 0.05, slowP50Ms: 20 }),
  ],
  totalExcessMs: 8_000,
  sentence: 'Of 8 requests ≥ 1 s, 75 % lost the time connecting from ingress to the app and 25 % between edge and ingress.',
};

describe('toSlowestHop', () => {
  it('is the segment that is largest in the most slow requests', () => {
    expect(toSlowestHop(ATTRIBUTION)?.segment).toBe('ingressConnect');
  });

  it('breaks a tie in segment order, as the attribution sentence does', () => {
    const tied = ATTRIBUTION.segments.map((row) => (row.segment === 'edgeToIngress' ? { ...row, dominantCount: 6 } : row));
    expect(toSlowestHop({ attributableSlow: 12, segments: tied })?.segment).toBe('edgeToIngress');
  });

  it('is null when no slow request splits into segments', () => {
    expect(toSlowestHop({ ...ATTRIBUTION, attributableSlow: 0 })).toBeNull();
  });
});

describe('formatSlowestHop', () => {
  it('names the hop and lists every segment in a table', () => {
    expect(formatSlowestHop(ATTRIBUTION, 80)).toEqual([
      'Slowest hop: ingress→app connect',
      '  largest in 75 % of the 8 requests ≥ 1 s that split into segments',
      '  segment                 largest in  above normal   slow p50   baseline',
      '  inside edge nginx              0 %           0 %       1 ms       1 ms',
      '  edge→ingress                  25 %          25 %   1,000 ms       2 ms',
      '  inside ingress-nginx           0 %           0 %       1 ms       1 ms',
      '  ingress→app connect           75 %          70 %   1,010 ms       1 ms',
      '  app                            0 %           5 %      20 ms      15 ms',
    ]);
  });

  it('says so when nothing can be split', () => {
    expect(formatSlowestHop({ ...ATTRIBUTION, attributableSlow: 0 }, 80)).toEqual([
      'Slowest hop: none (no request ≥ 1 s splits into segments)',
    ]);
  });
});

describe('formatHeadlines', () => {
  const summary = {
    headlines: ['Retransmission on node-2.', 'node-2 carries 97 % of the slow requests.', 'Of 8 requests ≥ 1 s, 75 % lost the time connecting.'],
    retransmissions: { findings: [{}] },
    correlations: { flaggedCount: 1 },
  };

  it('keeps the order, marks the culprits and wraps with a hanging indent', () => {
    expect(formatHeadlines(summary, 30)).toEqual([
      '● Retransmission on node-2.',
      '● node-2 carries 97 % of the',
      '  slow requests.',
      '  Of 8 requests ≥ 1 s, 75 %',
      '  lost the time connecting.',
    ]);
  });

  it('marks no culprit when nothing is flagged, and colours culprits red on a terminal', () => {
    expect(formatHeadlines({ ...summary, retransmissions: { findings: [] }, correlations: { flaggedCount: 0 } }, 80)[0]).toBe(
      '  Retransmission on node-2.',
    );
    expect(formatHeadlines(summary, 80, COLOR_STYLE)[0]).toBe('\u001b[31m● Retransmission on node-2.\u001b[0m');
  });
});
