import type { estypes } from '@elastic/elasticsearch';
import { JOIN_WINDOW_MARGIN_MS, latencyRange, type TraceQuery } from '@/lib/domain/query';
import { edgeDimensionFilters } from './dimension-filters';
import type { EdgeRequestTime, TraceSetFields } from './query-plan';
import {
  keywordValuesFilter,
  matchPhraseFilter,
  numericMsRangeFilter,
  termsFilter,
  timeRangeFilter,
  traceIdMissingFilter,
  traceIdPresentFilter,
} from './filters';
import { intersectRanges, partitionKeywordValues, type MsRange } from './timing-values';

/**
 * The trace set of the domain (lib/domain, and the DuckDB SQL) as Elasticsearch filters:
 * - edge window: @timestamp in [from, to), app_name, path and the edge dimension filters;
 * - edge trace documents: of those, a usable trace_id and a valid request_time within the
 *   latency range (and, for drill-downs, within a histogram range);
 * - ingress candidates: the traces' ingress documents within the window widened by 5 minutes.
 */

type Query = estypes.QueryDslQueryContainer;

// The plan's shapes live with the plan (query-plan.ts), which builds them; named here too for the filters' callers.
export type { EdgeRequestTime, QueryField, TraceSetFields } from './query-plan';

/** The window's edge lines the query is about, whatever their trace id and request_time (the lines counted as skipped too). */
export function edgeWindowFilters(plan: TraceSetFields, query: TraceQuery): Query[] {
  return [
    ...timeRangeFilter(plan.edgeTimestamp, query.fromMs, query.toMs),
    ...matchPhraseFilter(plan.fields.edge.appName, query.app),
    ...matchPhraseFilter(plan.fields.edge.path, query.path),
    ...edgeDimensionFilters(query.filters, plan.edgeMappings),
  ];
}

export function edgeTraceIdPresentFilters(plan: TraceSetFields): Query[] {
  return traceIdPresentFilter(plan.edgeTraceId.name, plan.edgeTraceId.isKeyword);
}

export function edgeTraceIdMissingFilters(plan: TraceSetFields): Query[] {
  return traceIdMissingFilter(plan.edgeTraceId.name, plan.edgeTraceId.isKeyword);
}

/** A valid edge request_time within the range, for either mapping. */
export function edgeRequestTimeFilters(requestTime: EdgeRequestTime, range: MsRange): Query[] {
  if (requestTime.kind === 'number') return numericMsRangeFilter(requestTime.field, range.minMs, range.maxMs);
  const { wanted, unwanted } = partitionKeywordValues(requestTime.values, range);
  return keywordValuesFilter(requestTime.field, wanted, unwanted);
}

/** The edge documents that take part in the trace set, optionally only those whose request_time is in `selection`. */
export function edgeTraceFilters(plan: TraceSetFields, query: TraceQuery, selection?: MsRange): Query[] {
  const latency: MsRange = latencyRange(query);
  return [
    ...edgeWindowFilters(plan, query),
    ...edgeTraceIdPresentFilters(plan),
    ...edgeRequestTimeFilters(plan.edgeRequestTime, selection ? intersectRanges(latency, selection) : latency),
  ];
}

/** Ingress documents of these traces within the join window. */
export function ingressCandidateFilters(plan: TraceSetFields, query: TraceQuery, traceIds: readonly string[]): Query[] {
  return [
    ...timeRangeFilter(plan.ingressTimestamp, query.fromMs - JOIN_WINDOW_MARGIN_MS, query.toMs + JOIN_WINDOW_MARGIN_MS),
    ...termsFilter(plan.ingressTraceId.name, traceIds),
  ];
}

/** Ingress lines of the window by their own @timestamp, on their own path, with a trace id (the ingress connect timeline's lines). */
export function ingressWindowFilters(plan: TraceSetFields, query: TraceQuery): Query[] {
  return [
    ...timeRangeFilter(plan.ingressTimestamp, query.fromMs, query.toMs),
    ...matchPhraseFilter(plan.fields.ingress.path, query.path),
    ...traceIdPresentFilter(plan.ingressTraceId.name, plan.ingressTraceId.isKeyword),
  ];
}
