import { describe, expect, it } from 'vitest';
import type { EdgeHistogramResponse, HistogramsResponse } from '@/lib/domain/api-responses';
import { buildHistogram } from '@/lib/domain/histogram';
import type { NormalizedQuery } from '@/lib/domain/query';
import { toShownHistograms } from './shown-histograms';

const query = { fromMs: 0, toMs: 60_000 } as NormalizedQuery;
const edgeHistogram = buildHistogram([{ valueMs: 120, count: 3 }], 100, 1_000);
const other = buildHistogram([{ valueMs: 20, count: 2 }], 100, 1_000);
const counts = { edge: 3, joined: 2, edgeOnly: 1, duplicates: { edge: 0, ingress: 0 }, skipped: [] };
const full: HistogramsResponse = {
  backend: 'duckdb',
  query,
  counts,
  histograms: { edge: edgeHistogram, ingress: other, edgeMinusIngress: other, ingressMinusUpstream: other },
  sample: null,
  notices: [],
};
const edge: EdgeHistogramResponse = { backend: 'duckdb', query, counts: { edge: 3, duplicates: { edge: 0 }, skipped: [] }, histogram: edgeHistogram, notices: [] };
const ready = <T,>(data: T) => ({ data, loading: false });
const loading = <T,>(data: T | null) => ({ data, loading: true });

describe('toShownHistograms', () => {
  it('draws the edge answer alone while the four histograms load, the joined counts still unknown', () => {
    expect(toShownHistograms(loading(null), ready(edge))).toEqual({
      backend: 'duckdb',
      query,
      histograms: { edge: edgeHistogram, ingress: null, edgeMinusIngress: null, ingressMinusUpstream: null },
      edgeTraces: 3,
      counts: null,
      notices: [],
      stale: false,
    });
  });

  it('replaces it with the four histograms once they arrive, whichever came first', () => {
    for (const edgeResource of [ready(edge), loading(null)]) {
      const shown = toShownHistograms(ready(full), edgeResource);
      expect([shown?.histograms, shown?.counts, shown?.stale]).toEqual([full.histograms, counts, false]);
    }
  });

  it('keeps the previous query’s histograms dimmed while both answers for a new query load', () => {
    expect(toShownHistograms(loading(full), loading(edge))?.stale).toBe(true);
    // The new query's edge answer wins over the old query's four histograms.
    expect(toShownHistograms(loading(full), ready(edge))?.counts).toBeNull();
    expect(toShownHistograms(loading(null), loading(null))).toBeNull();
  });
});
