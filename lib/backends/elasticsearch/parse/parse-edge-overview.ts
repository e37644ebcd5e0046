import type { estypes } from '@elastic/elasticsearch';
import type { ValueCount } from '@/lib/domain/histogram';
import { MS_CHUNK_MS } from '../requests/build-ms-histogram';
import { aggregationOrThrow, type CountAggregate, type HistogramAggregate } from './aggregation-shapes';
import { parseMsHistogram } from './parse-ms-histogram';

export type EdgeOverview = {
  traceIdMissing: number;
  requestTimeMissing: number;
  /** Numeric request_time only (zero otherwise). */
  requestTimeNegative: number;
  requestTimeOutOfRange: number;
  /** Numeric: the 1 ms counts of the first chunk, and the other non-empty chunks to ask for. */
  firstChunkByMs: ValueCount[];
  otherChunks: number[];
};

/** The answer of buildEdgeOverviewRequest. */
export function parseEdgeOverview(response: estypes.SearchResponse, numeric: boolean): EdgeOverview {
  const count = (path: string[]) => aggregationOrThrow<CountAggregate>(response, path).doc_count;
  const overview: EdgeOverview = {
    traceIdMissing: count(['trace_id_missing']),
    requestTimeMissing: count(['with_trace_id', 'request_time_missing']),
    requestTimeNegative: 0,
    requestTimeOutOfRange: 0,
    firstChunkByMs: [],
    otherChunks: [],
  };
  if (!numeric) return overview;
  overview.requestTimeNegative = count(['with_trace_id', 'request_time_negative']);
  overview.requestTimeOutOfRange = count(['with_trace_id', 'request_time_out_of_range']);
  overview.firstChunkByMs = parseMsHistogram(
    aggregationOrThrow<HistogramAggregate>(response, ['with_trace_id', 'request_time_first_chunk', 'request_time_ms']),
  );
  // Chunk keys are their start minus half a millisecond, in seconds (59.9995 for chunk 1).
  overview.otherChunks = aggregationOrThrow<HistogramAggregate>(response, ['with_trace_id', 'request_time_chunks', 'chunks'])
    .buckets.filter((bucket) => bucket.doc_count > 0)
    .map((bucket) => Math.round((bucket.key * 1000 + 0.5) / MS_CHUNK_MS))
    .filter((chunk) => chunk > 0);
  return overview;
}
