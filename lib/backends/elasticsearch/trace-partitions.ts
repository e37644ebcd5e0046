import 'server-only';
import type { estypes } from '@elastic/elasticsearch';
import type { TraceQuery } from '@/lib/domain/query';
import type { Tier } from '@/lib/domain/tiers';
import { fetchTraceTuples } from './fetch-tuples';
import { termsFilter } from './filters';
import { parseDuplicatedTraces, parseTraceIds, type PartitionTrace } from './parse/parse-trace-ids';
import { buildDuplicatedTracesRequest, DUPLICATED_TRACES_SIZE } from './requests/build-duplicated-traces-request';
import { buildTraceIdsRequest } from './requests/build-trace-ids-request';
import type { ElasticsearchSession } from './session';
import { classifyTime } from './timing-values';
import { edgeTraceFilters, type TraceSetFields } from './trace-set-filters';

/**
 * How many partitions by a hash of the trace id (see build-trace-ids-request) hold the matching
 * documents with about `partitionTraces` traces each, so every answer stays bounded whatever the
 * window holds.
 */
export function countPartitions(validDocuments: number, partitionTraces: number): number {
  return Math.max(1, Math.ceil(validDocuments / partitionTraces));
}

/** Partitions of the search for duplicated traces hold about this many traces (DUPLICATES_SHARD_SIZE / 2.5). */
export const DUPLICATES_PARTITION_TRACES = 100_000;

/** Partition requests of the fallback search in flight at once: a few, so one answer cannot fill the node's search queue. */
const DUPLICATES_CONCURRENCY = 2;

/** Where the duplicated traces of one tier are looked for: the documents matching `filters`. */
export type DuplicateSearch = {
  tier: Tier;
  traceIdField: string;
  filters: estypes.QueryDslQueryContainer[];
  /** How many documents match (only the fallback needs it, so it may still be on its way). */
  documents: number | Promise<number>;
};

/** Shards that answered a search (those skipped held no matching document). */
const shardsSearched = (response: { _shards: { total: number; skipped?: number } }): number => response._shards.total - (response._shards.skipped ?? 0);

/**
 * The traces with several matching documents. First one request whose shards each list their
 * own duplicates: complete when all documents sit on one shard (one daily index of one shard, as
 * the benchmark has), which its answer tells. Otherwise partitions of about 100,000 traces whose
 * answers list only the traces with several documents: one pass over the documents per 100,000
 * traces, DUPLICATES_CONCURRENCY at a time.
 */
export async function fetchDuplicatedTraces(session: ElasticsearchSession, search: DuplicateSearch): Promise<PartitionTrace[]> {
  const { tier, traceIdField, filters, documents } = search;
  const response = await session.search(tier, 'looking for duplicated traces', buildDuplicatedTracesRequest(filters, traceIdField));
  const found = parseDuplicatedTraces(response);
  if (shardsSearched(response) <= 1 && found.length < DUPLICATED_TRACES_SIZE) return found;

  const partitions = countPartitions(await documents, DUPLICATES_PARTITION_TRACES);
  const read = (partition: number) => {
    const request = buildTraceIdsRequest({ filters, traceIdField, partition, partitions, maxRequestTimeField: null, duplicatesOnly: true });
    return session.search(tier, `looking for duplicated traces (part ${partition + 1} of ${partitions})`, request).then(parseTraceIds);
  };
  const parts: PartitionTrace[][] = [];
  for (let start = 0; start < partitions; start += DUPLICATES_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(DUPLICATES_CONCURRENCY, partitions - start) }, (_, offset) => read(start + offset));
    parts.push(...(await Promise.all(batch)));
  }
  return parts.flat();
}

/** The edge trace set's duplicated traces. */
export function edgeDuplicateSearch(plan: TraceSetFields, query: TraceQuery, documents: number): DuplicateSearch {
  return { tier: 'edge', traceIdField: plan.edgeTraceId.name, filters: edgeTraceFilters(plan, query), documents };
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
