import 'server-only';
import type { EdgeDistribution } from '@/lib/backends/types';
import type { DimensionFilter } from '@/lib/domain/dimension-filters';
import { latencyRange, type TraceQuery } from '@/lib/domain/query';
import { fetchEdgeRequestTimes } from './edge-request-times';
import { SkippedCounter } from './skipped-counter';
import { MsCounts } from './ms-counts';
import type { PartitionTrace } from './parse/parse-trace-ids';
import { MappingError } from './answer-errors';
import { edgeDimensionFilters } from './dimension-filters';
import { toTraceSetFields, type FieldPlan } from './query-plan';
import type { ElasticsearchSession } from './session';
import { inRange } from './timing-values';
import { edgeDuplicateSearch, fetchDuplicatedTraces, fetchEdgeRequestTimesByTrace } from './trace-partitions';
import type { TraceSetFields } from './trace-set-filters';

/**
 * Why Elasticsearch cannot aggregate the edge histogram exactly (with these edge dimension
 * filters): the mapping's problem, as its message says it, or null when it can. The engine reads
 * every line's `_source` and needs none of this (a request_time mapped as long, or as float in one
 * index and keyword in another, is still exact there): the first bar then waits for the read.
 */
export function edgeAggregationBlocker(plan: FieldPlan, filters?: readonly DimensionFilter[]): string | null {
  const traceId = plan.edge.traceId;
  // Lines whose id is blank or `-` are told apart by a pattern (filters.ts), which Elasticsearch
  // refuses on the keys of a flattened object.
  if (traceId.types.includes('flattened')) return `the edge field ${traceId.name} is a key of a flattened object, which Elasticsearch cannot search by pattern`;
  try {
    edgeDimensionFilters(filters, toTraceSetFields(plan).edgeMappings);
    return null;
  } catch (error) {
    if (error instanceof MappingError) return error.message;
    throw error;
  }
}

/** The edge window's lines, aggregated per document, before duplicated traces' extra lines come off. */
export type EdgeLines = {
  /** The plan with the keyword request_time's distinct strings filled in. */
  plan: TraceSetFields;
  /** Per-millisecond counts of the valid lines in the latency range, one per document. */
  byMs: MsCounts;
  /** Valid lines in the latency range (the trace set's documents). */
  validDocuments: number;
  skipped: SkippedCounter;
};

/** The trace set's duplicated traces with each one's valid edge request times. */
export type EdgeDuplicates = { duplicated: readonly PartitionTrace[]; times: ReadonlyMap<string, number[]> };

/** Step 1 of the distributions: the edge lines' request times, aggregated in the store, and the lines left out. */
export async function fetchEdgeLines(session: ElasticsearchSession, fieldPlan: FieldPlan, query: TraceQuery): Promise<EdgeLines> {
  const { plan, traceIdMissing, requestTimes } = await fetchEdgeRequestTimes(session, toTraceSetFields(fieldPlan), query);
  const skipped = new SkippedCounter();
  skipped.add('edge', 'traceId', 'missing', traceIdMissing);
  for (const { reason, count } of requestTimes.skipped) skipped.add('edge', 'requestTime', reason, count);

  const latency = latencyRange(query);
  const byMs = new MsCounts();
  let validDocuments = 0;
  for (const { valueMs, count } of requestTimes.validByMs) {
    if (!inRange(latency, valueMs)) continue;
    byMs.add(valueMs, count);
    validDocuments += count;
  }
  return { plan, byMs, validDocuments, skipped };
}

/**
 * The duplicated traces of the whole edge trace set: one request when the lines sit on one shard,
 * else hash partitions of the trace ids.
 */
export async function fetchEdgeDuplicates(session: ElasticsearchSession, lines: EdgeLines, query: TraceQuery): Promise<EdgeDuplicates> {
  if (lines.validDocuments === 0) return { duplicated: [], times: new Map() };
  const duplicated = await fetchDuplicatedTraces(session, edgeDuplicateSearch(lines.plan, query, lines.validDocuments));
  const times = await fetchEdgeRequestTimesByTrace(session, lines.plan, query, duplicated.map((trace) => trace.traceId));
  return { duplicated, times };
}

/**
 * The edge side of the distributions: a duplicated trace counts once, at its largest
 * request_time, so its other lines come off the per-document counts.
 */
export function toEdgeDistribution(lines: EdgeLines, { duplicated, times }: EdgeDuplicates): EdgeDistribution {
  const byMs = new MsCounts();
  byMs.addAll(lines.byMs.toValueCounts());
  for (const trace of duplicated) {
    const values = times.get(trace.traceId) ?? [];
    for (const valueMs of values) byMs.add(valueMs, -1);
    if (values.length > 0) byMs.add(Math.max(...values), 1);
  }
  const extraLines = duplicated.reduce((sum, trace) => sum + trace.documents - 1, 0);
  return {
    counts: { edge: lines.validDocuments - extraLines, duplicates: { edge: extraLines }, skipped: lines.skipped.toSorted() },
    distribution: byMs.toValueCounts(),
  };
}
