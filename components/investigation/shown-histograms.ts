import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { BackendKind, EdgeHistogramResponse, HistogramsResponse } from '@/lib/domain/api-responses';
import { HISTOGRAM_NAMES, type HistogramName } from '@/lib/domain/histogram-names';
import type { Histogram } from '@/lib/domain/histogram';
import type { NormalizedQuery } from '@/lib/domain/query';
import type { TraceCounts } from '@/lib/domain/trace-counts';

/** An answer as the view holds it: the one for the current URL, or while that loads the last one. */
type Resource<T> = { data: T | null; loading: boolean };

/**
 * What the histogram part of the page draws: the four histograms' answer, or before it the edge
 * answer alone (the other three histograms and the joined counts are then null: still coming).
 */
export type ShownHistograms = {
  backend: BackendKind;
  query: NormalizedQuery;
  histograms: Record<HistogramName, Histogram | null>;
  /** Traces at the edge: known from either answer. */
  edgeTraces: number;
  /** The joined counts, null until the four histograms arrive. */
  counts: TraceCounts | null;
  notices: AnswerNotice[];
  /** An earlier query's answer, shown dimmed while the current one loads. */
  stale: boolean;
};

function fromFull(full: HistogramsResponse, stale: boolean): ShownHistograms {
  const { backend, query, histograms, counts, notices } = full;
  return { backend, query, histograms, edgeTraces: counts.edge, counts, notices, stale };
}

function fromEdge(edge: EdgeHistogramResponse): ShownHistograms {
  const histograms = Object.fromEntries(HISTOGRAM_NAMES.map((name) => [name, null])) as Record<HistogramName, Histogram | null>;
  histograms.edge = edge.histogram;
  const { backend, query, counts, notices } = edge;
  return { backend, query, histograms, edgeTraces: counts.edge, counts: null, notices, stale: false };
}

/**
 * Edge-first: the four histograms for the current URL when they are there; else the edge answer
 * for the current URL (identical edge numbers, so the swap changes nothing already drawn, unless
 * the four are a sample's first answer: then all four are the sample's, comparable with each other,
 * and the page says so); else, while both load, the last four histograms (dimmed); else nothing yet.
 */
export function toShownHistograms(full: Resource<HistogramsResponse>, edge: Resource<EdgeHistogramResponse>): ShownHistograms | null {
  if (full.data && !full.loading) return fromFull(full.data, false);
  if (edge.data && !edge.loading) return fromEdge(edge.data);
  return full.data ? fromFull(full.data, true) : null;
}
