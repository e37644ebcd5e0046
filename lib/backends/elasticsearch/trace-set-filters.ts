import type { estypes } from '@elastic/elasticsearch';
import type { FieldNames } from '@/lib/domain/field-names';
import { JOIN_WINDOW_MARGIN_MS, latencyRange, type TraceQuery } from '@/lib/domain/query';
import { edgeDimensionFilters } from './dimension-filters';
import type { TierFieldTypes } from './field-caps';
import {
  keywordValuesFilter,
  matchPhraseFilter,
  numericMsRangeFilter,
  termsFilter,
  timeRangeFilter,
  traceIdMissingFilter,
  traceIdPresentFilter,
} from './filters';
import { intersectRanges, partitionKeywordValues, type KeywordValueCount, type MsRange } from './timing-values';

/**
 * The trace set of the domain (lib/domain, and the DuckDB SQL) as Elasticsearch filters:
 * - edge window: @timestamp in [from, to), app_name, path and the edge dimension filters;
 * - edge trace documents: of those, a usable trace_id and a valid request_time within the
 *   latency range (and, for drill-downs, within a histogram range);
 * - ingress candidates: the traces' ingress documents within the window widened by 5 minutes.
 */

type Query = estypes.QueryDslQueryContainer;

/** A field as queried: its name (a `.keyword` sub-field when the field is text) and whether it holds strings. */
export type QueryField = { name: string; isKeyword: boolean };

/**
 * The edge request_time as mapped: numeric (ranges with half-millisecond bounds) or keyword,
 * then restricted by its distinct strings, listed for the query's window.
 */
export type EdgeRequestTime = { kind: 'number'; field: string } | { kind: 'keyword'; field: string; values: readonly KeywordValueCount[] };

export type TraceSetFields = {
  fields: FieldNames;
  edgeTraceId: QueryField;
  ingressTraceId: QueryField;
  edgeTimestamp: string;
  ingressTimestamp: string;
  edgeRequestTime: EdgeRequestTime;
  /** How the edge tier maps each field, for the edge dimension filters; plans without it take none. */
  edgeMappings?: TierFieldTypes;
};

/** The window's edge lines the query is about, whatever their trace id and request_time (the lines counted as skipped too). */
export function edgeWindowFilters(plan: TraceSetFields, query: TraceQuery): Query[] {
  return [
    ...timeRangeFilter(plan.edgeTimestamp, query.fromMs, query.toMs),
    ...matchPhraseFilter(plan.fields.appName, query.app),
    ...matchPhraseFilter(plan.fields.path, query.path),
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
    ...matchPhraseFilter(plan.fields.path, query.path),
    ...traceIdPresentFilter(plan.ingressTraceId.name, plan.ingressTraceId.isKeyword),
  ];
}
