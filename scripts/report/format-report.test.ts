import { describe, expect, it } from 'vitest';
import type { HistogramsResponse } from '@/lib/domain/api-responses';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import type { Histogram } from '@/lib/domain/histogram';
import type { Attribution } from '@/lib/domain/triage/attribution';
import type { TriageSummaryResponse } from '@/lib/domain/triage/triage-responses';
import { formatReport, type ReportData } from './format-report';

const QUERY: HistogramsResponse['query'] = {
  from: '2020-11-19T02:00:00.000Z',
  to: '2020-11-19T03:00:00.000Z',
  fromMs: Date.UTC(2020, 10, 19, 2),
  toMs: Date.UTC(2020, 10, 19, 3),
  app: 'checkout',
  path: null,
  latencyMinMs: null,
  latencyMaxMs: null,
  filters: [],
  bucketMs: 1_000,
  upperMs: 2_000,
};

/** Two values, 400 ms and 1,500 ms, in 1 s buckets up to 2 s. */
const HISTOGRAM: Histogram = {
  bucketMs: 1_000,
  upperMs: 2_000,
  buckets: [
    { fromMs: 0, toMs: 1_000, count: 1 },
    { fromMs: 1_000, toMs: 2_000, count: 1 },
  ],
  underflow: 0,
  overflow: 0,
  total: 2,
  p50Ms: 400,
  p90Ms: 1_500,
  p99Ms: 1_500,
};

const DATA: ReportData = {
  histograms: {
    backend: 'duckdb',
    query: QUERY,
    counts: { edge: 2, joined: 2, edgeOnly: 0, duplicates: { edge: 0, ingress: 0 }, skipped: [] },
    histograms: { edge: HISTOGRAM, ingress: HISTOGRAM, edgeMinusIngress: HISTOGRAM, ingressMinusUpstream: HISTOGRAM },
    sample: null,
    notices: [{ code: 'no_matching_index', tier: 'ingress', indexPattern: 'ingress-*', message: 'No index matches ingress-*.' }],
  },
  summary: {
    slowMs: 1_000,
    slowMaxMs: null,
    headlines: ['Of 1 request ≥ 1 s, 100 % lost the time in the app.'],
    retransmissions: { findings: [] },
    correlations: { flaggedCount: 0 },
    attribution: { slowMs: 1_000, attributableSlow: 0, segments: [] } as unknown as Attribution,
  } as unknown as TriageSummaryResponse,
  fields: sameInBothTiers(DEFAULT_FIELD_NAMES),
  demoCommand: 'HOPSCOPE_EDGE_FILES=e.ndjson HOPSCOPE_INGRESS_FILES=i.ndjson npm run demo',
  dashboardUrl: 'http://localhost:3000/?from=x&to=y',
};

describe('formatReport', () => {
  const text = formatReport(DATA, { width: 40 });
  const lines = text.split('\n');

  it('opens with the window, filters, counts and notices, then the verdict', () => {
    expect(lines.slice(0, 7)).toEqual([
      'hopscope report · 2020-11-19T02:00:00.000Z → 2020-11-19T03:00:00.000Z · app checkout',
      '2 traces at the edge · 2 joined with',
      'ingress · 0 edge only',
      '! No index matches ingress-*.',
      '',
      'Verdict (slow: edge request_time ≥ 1 s)',
      '  Of 1 request ≥ 1 s, 100 % lost the',
    ]);
  });

  it('orders the sections as the brief reads: verdict, slowest hop, the four histograms, lines left out, the dashboard', () => {
    const order = [
      'Verdict',
      'Slowest hop: none',
      'Edge request_time · 2 traces',
      'Ingress request_time · 2 traces',
      'Edge − ingress (between the tiers) · 2 traces',
      'Ingress − upstream (inside ingress-nginx) · 2 traces',
      'Lines left out',
      'Open this view in the dashboard',
    ].map((heading) => text.indexOf(heading));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('ends with nothing left out, the demo command and the permalink', () => {
    expect(lines.slice(-7)).toEqual([
      'Lines left out',
      '  none',
      '',
      'Open this view in the dashboard',
      `  ${DATA.demoCommand}`,
      `  ${DATA.dashboardUrl}`,
      '',
    ]);
    expect(text.endsWith(`  ${DATA.dashboardUrl}\n`)).toBe(true);
  });
});
