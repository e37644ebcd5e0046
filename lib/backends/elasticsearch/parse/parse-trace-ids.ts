import type { estypes } from '@elastic/elasticsearch';
import { toTraceId } from '@/lib/domain/tier-document';
import { UnexpectedAnswerError } from '../answer-errors';
import { aggregationOrThrow, type TermsAggregate, type ValueAggregate } from './aggregation-shapes';

export type PartitionTrace = {
  traceId: string;
  /** The trace's documents in the trace set (more than one: duplicates). */
  documents: number;
  /** The largest request_time in seconds, when asked for (numeric request_time). */
  maxRequestTimeSeconds: number | null;
  /** The latest @timestamp, when asked for. */
  maxTimestampMs: number | null;
};

type TraceBucket = { key: string | number; doc_count: number; request_time_max?: ValueAggregate; timestamp_max?: ValueAggregate };

/**
 * The traces of one partition. A partition that did not fit the aggregation's size would make
 * every count wrong, so it is an error rather than a partial answer.
 */
export function parseTraceIds(response: estypes.SearchResponse): PartitionTrace[] {
  const terms = aggregationOrThrow<TermsAggregate<TraceBucket>>(response, ['trace_ids']);
  if ((terms.sum_other_doc_count ?? 0) > 0) {
    throw new UnexpectedAnswerError(`a trace partition held more traces than one answer carries (${terms.sum_other_doc_count} documents left out)`);
  }
  return toPartitionTraces(terms.buckets);
}

/**
 * The duplicated traces of a `shard_min_doc_count: 2` search (build-duplicated-traces-request):
 * its `sum_other_doc_count` counts the traces with one document, so it is no sign of a cut.
 */
export function parseDuplicatedTraces(response: estypes.SearchResponse): PartitionTrace[] {
  return toPartitionTraces(aggregationOrThrow<TermsAggregate<TraceBucket>>(response, ['trace_ids']).buckets);
}

function toPartitionTraces(buckets: readonly TraceBucket[]): PartitionTrace[] {
  return buckets.map((bucket) => ({
    traceId: toTraceId(bucket.key) ?? String(bucket.key),
    documents: bucket.doc_count,
    maxRequestTimeSeconds: bucket.request_time_max?.value ?? null,
    maxTimestampMs: bucket.timestamp_max?.value ?? null,
  }));
}
