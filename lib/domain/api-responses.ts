import type { AnswerNotice } from './answer-notices';
import type { ConnectTimeline } from './connect-timeline';
import type { HistogramName } from './histogram-names';
import type { Histogram } from './histogram';
import type { StoreLoadStatus } from './load-status';
import type { NormalizedQuery } from './query';
import type { EdgeTraceCounts, TraceCounts } from './trace-counts';
import type { TraceDetail, TraceSummary } from './trace';
import type { SampleStatement } from './trace-id-sample';

/** Response bodies of API v1 (docs/API.md). Shared by the route handlers, server pages and the UI. */

export type BackendKind = 'duckdb' | 'elasticsearch';

/**
 * API v1's `sample` key: null when the answer covers every trace of its window; on a sampled first
 * answer (`sample=first`, a cold Elasticsearch window, docs/API.md) what the sample is.
 */
export type WithSample = { sample: SampleStatement | null };

export type SuggestionField = 'app' | 'path';
export type Suggestion = { value: string; count: number };

export type HistogramsResponse = {
  backend: BackendKind;
  query: NormalizedQuery;
  counts: TraceCounts;
  histograms: Record<HistogramName, Histogram>;
  sample: SampleStatement | null;
  /** What makes this answer incomplete; empty when it is complete. */
  notices: AnswerNotice[];
};

/**
 * The edge histogram alone, exact, answered before the join (docs/API.md): its histogram and
 * counts equal the edge parts of the HistogramsResponse for the same query.
 */
export type EdgeHistogramResponse = {
  backend: BackendKind;
  query: NormalizedQuery;
  counts: EdgeTraceCounts;
  histogram: Histogram;
  notices: AnswerNotice[];
};

export type TracesResponse = {
  query: NormalizedQuery;
  histogram: HistogramName;
  fromMs: number | null;
  toMs: number | null;
  traces: TraceSummary[];
  nextCursor?: string;
  notices: AnswerNotice[];
};

/** A trace in full, and what makes it incomplete (a snapshot that kept only normalized fields). */
export type TraceResponse = TraceDetail & { notices: AnswerNotice[] };

export type ConnectTimelineResponse = ConnectTimeline & { query: NormalizedQuery; notices: AnswerNotice[] };

export type SuggestionsResponse = { field: SuggestionField; values: Suggestion[] };

/**
 * Where the data is: the first and last edge @timestamp of the store (`to` exclusive), or a
 * snapshot's frozen window; null when the store holds no edge line.
 */
export type DataExtentResponse = { backend: BackendKind; extent: { from: string; to: string; fromMs: number; toMs: number } | null };

/**
 * How far a read still under way has come, without waiting for it: the embedded store's load, or
 * the Elasticsearch window being materialized; `backend` says which, for the page's wording.
 */
export type LoadStatusResponse = { backend: BackendKind; loading: StoreLoadStatus | null; message: string | null };

/** A window whose kept lines were forgotten (`POST /api/v1/refresh`): the next answers read it again. */
export type RefreshResponse = { refreshed: true; window: { from: string; to: string } };

export type ApiErrorBody = { error: { code: string; message: string; parameter?: string } };
