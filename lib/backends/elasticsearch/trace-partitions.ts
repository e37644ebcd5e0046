import 'server-only';
import type { TraceQuery } from '@/lib/domain/query';
import { fetchTraceTuples } from './fetch-tuples';
import { termsFilter } from './filters';
import { parseTraceIds, type PartitionTrace } from './parse/parse-trace-ids';
import { buildTraceIdsRequest } from './requests/build-trace-ids-request';
import type { ElasticsearchSession } from './session';
import { classifyTime } from './timing-values';
import { edgeTraceFilters, type TraceSetFields } from './trace-set-filters';

/**
 * The trace set, split into partitions by a hash of the trace id (see build-trace-ids-request):
 * enough partitions that each holds about `partitionTraces` traces, so every step works on a
 * bounded number of traces whatever the window holds.
 */
export function countPartitions(validDocuments: number, partitionTraces: number): number {
  return Math.max(1, Math.ceil(validDocuments / partitionTraces));
}

/** The traces of one partition with their document counts (and largest numeric request_time). */
export async function fetchPartitionTraces(
  session: ElasticsearchSession,
  plan: TraceSetFields,
  query: TraceQuery,
  partition: number,
  partitions: number,
  options: { withTimestamp?: boolean } = {},
): Promise<PartitionTrace[]> {
  const request = buildTraceIdsRequest({
    filters: edgeTraceFilters(plan, query),
    traceIdField: plan.edgeTraceId.name,
    partition,
    partitions,
    maxRequestTimeField: plan.edgeRequestTime.kind === 'number' ? plan.edgeRequestTime.field : null,
    ...(options.withTimestamp ? { maxTimestampField: plan.edgeTimestamp } : {}),
  });
  return parseTraceIds(await session.search('edge', `listing the traces (partition ${partition + 1} of ${partitions})`, request));
}

/** Partitions of the search for duplicated traces hold about this many traces (DUPLICATES_SHARD_SIZE / 2.5). */
export const DUPLICATES_PARTITION_TRACES = 100_000;

/**
 * The traces with several valid edge lines, over the whole trace set: a few passes with large
 * partitions, whose answers list only the duplicated traces.
 */
export async function fetchDuplicatedTraces(
  session: ElasticsearchSession,
  plan: TraceSetFields,
  query: TraceQuery,
  validDocuments: number,
): Promise<PartitionTrace[]> {
  const partitions = countPartitions(validDocuments, DUPLICATES_PARTITION_TRACES);
  const duplicated: PartitionTrace[] = [];
  for (let partition = 0; partition < partitions; partition += 1) {
    const request = buildTraceIdsRequest({
      filters: edgeTraceFilters(plan, query),
      traceIdField: plan.edgeTraceId.name,
      partition,
      partitions,
      maxRequestTimeField: null,
      duplicatesOnly: true,
    });
    duplicated.push(...parseTraceIds(await session.search('edge', `looking for duplicated traces (part ${partition + 1} of ${partitions})`, request)));
  }
  return duplicated;
}

/** Each trace's valid edge request times in milliseconds (one entry per document). */
export async function fetchEdgeRequestTimesByTrace(
  session: ElasticsearchSession,
  plan: TraceSetFields,
  query: TraceQuery,
  traceIds: readonly string[],
): Promise<Map<string, number[]>> {
  const byTrace = new Map<string, number[]>();
  if (traceIds.length === 0) return byTrace;
  const tuples = await fetchTraceTuples(
    session,
    'edge',
    'reading the request times of duplicated edge lines',
    [...edgeTraceFilters(plan, query), ...termsFilter(plan.edgeTraceId.name, traceIds)],
    plan.edgeTraceId.name,
    [{ name: 'request_time', field: plan.edgeRequestTime.field }],
  );
  for (const tuple of tuples) {
    const time = classifyTime(tuple.values.request_time);
    if (!time.ok) continue;
    const traceId = String(tuple.values.trace_id);
    const times = byTrace.get(traceId) ?? [];
    for (let i = 0; i < tuple.count; i += 1) times.push(time.ms);
    byTrace.set(traceId, times);
  }
  return byTrace;
}

/** The representative's request_time of a trace: the largest valid one. */
export function toRepresentativeMs(trace: PartitionTrace, times: ReadonlyMap<string, number[]>): number | null {
  if (trace.maxRequestTimeSeconds !== null) {
    const time = classifyTime(trace.maxRequestTimeSeconds);
    return time.ok ? time.ms : null;
  }
  const values = times.get(trace.traceId);
  return values && values.length > 0 ? Math.max(...values) : null;
}

/**
 * A request started ahead of its use: its failure is observed when it is awaited, not reported
 * as unhandled in between.
 */
export function prefetch<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
