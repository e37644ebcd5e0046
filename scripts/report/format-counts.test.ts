import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import type { TraceCounts } from '@/lib/domain/trace-counts';
import { formatLeftOut, formatTraceCounts } from './format-counts';

const COUNTS: TraceCounts = {
  edge: 1_204,
  joined: 1_200,
  edgeOnly: 4,
  duplicates: { edge: 2, ingress: 1 },
  skipped: [
    { tier: 'edge', field: 'requestTime', reason: 'unparsable', count: 137 },
    { tier: 'ingress', field: 'upstreamResponseTime', reason: 'missing', count: 1 },
  ],
  unreadableLines: { edge: 3, ingress: 0 },
};

describe('formatTraceCounts', () => {
  it('words the trace set like the dashboard, duplicates only when there are some', () => {
    expect(formatTraceCounts(COUNTS)).toBe(
      '1,204 traces at the edge · 1,200 joined with ingress · 4 edge only · 3 duplicate lines (edge 2, ingress 1)',
    );
    expect(formatTraceCounts({ ...COUNTS, duplicates: { edge: 0, ingress: 0 } })).toBe(
      '1,204 traces at the edge · 1,200 joined with ingress · 4 edge only',
    );
  });
});

describe('formatLeftOut', () => {
  it('names each skipped field by its configured name, then the unreadable lines', () => {
    expect(formatLeftOut(COUNTS, sameInBothTiers({ ...DEFAULT_FIELD_NAMES, requestTime: 'nginx.request_time' }))).toEqual([
      '137 edge documents skipped: nginx.request_time unparsable',
      '1 ingress document skipped: upstream_response_time missing',
      // The reason's wording is the domain's (describeUnreadable), which grows with the formats read.
      expect.stringMatching(/^3 edge lines unreadable \(/),
    ]);
  });

  it('says none when nothing was left out', () => {
    expect(formatLeftOut({ ...COUNTS, skipped: [], unreadableLines: undefined }, sameInBothTiers(DEFAULT_FIELD_NAMES))).toEqual(['none']);
  });
});
