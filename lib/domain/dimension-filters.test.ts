import { describe, expect, it } from 'vitest';
import { formatDimensionFilter, matchesDimensionFilters, needsIngressJoin, parseDimensionFilter, type DimensionField } from './dimension-filters';

describe('parseDimensionFilter and formatDimensionFilter', () => {
  it('round-trips includes and excludes, values with colons included', () => {
    for (const text of ['edge.host:edge-nginx-2', '-ingress.upstreamAddr:10.244.1.1:8080', 'edge.status:504']) {
      const parsed = parseDimensionFilter(text);
      expect(parsed.ok && formatDimensionFilter(parsed.filter)).toBe(text);
    }
  });
});

describe('matchesDimensionFilters', () => {
  const trace = (values: Partial<Record<DimensionField, string>>) => (field: DimensionField) => values[field] ?? null;

  it('takes includes of one field as alternatives, and different fields and excludes together', () => {
    const filters = [
      { field: 'edge.host' as const, value: 'a', exclude: false },
      { field: 'edge.host' as const, value: 'b', exclude: false },
      { field: 'edge.status' as const, value: '504', exclude: true },
    ];
    expect(matchesDimensionFilters(filters, trace({ 'edge.host': 'b', 'edge.status': '200' }))).toBe(true);
    expect(matchesDimensionFilters(filters, trace({ 'edge.host': 'c' }))).toBe(false);
    expect(matchesDimensionFilters(filters, trace({ 'edge.host': 'a', 'edge.status': '504' }))).toBe(false);
  });

  it('lets a trace without the value pass an exclude and fail an include', () => {
    expect(matchesDimensionFilters([{ field: 'ingress.host', value: 'n2', exclude: true }], trace({}))).toBe(true);
    expect(matchesDimensionFilters([{ field: 'ingress.host', value: 'n2', exclude: false }], trace({}))).toBe(false);
  });

  it('says which filters need the ingress line', () => {
    expect(needsIngressJoin([{ field: 'edge.host', value: 'a', exclude: false }])).toBe(false);
    expect(needsIngressJoin([{ field: 'ingress.status', value: '504', exclude: true }])).toBe(true);
    expect(needsIngressJoin(undefined)).toBe(false);
  });
});
