import 'server-only';
import type { ValueCount } from '@/lib/domain/histogram';
import type { TraceQuery } from '@/lib/domain/query';
import { fetchDistinctValues } from './fetch-distinct-values';
import { parseEdgeOverview } from './parse/parse-edge-overview';
import { parseMsHistogram } from './parse/parse-ms-histogram';
import { aggregationOrThrow, type HistogramAggregate } from './parse/aggregation-shapes';
import { buildEdgeOverviewRequest } from './requests/build-edge-overview-request';
import { buildMsChunkRequest } from './requests/build-ms-histogram';
import type { ElasticsearchSession } from './session';
import { summarizeKeywordValues, summarizeNumericValues, type TimingSummary } from './timing-values';
import { edgeTraceIdPresentFilters, edgeWindowFilters, type TraceSetFields } from './trace-set-filters';

export type EdgeRequestTimes = {
  /** The plan with the keyword request_time's distinct strings filled in. */
  plan: TraceSetFields;
  /** Edge lines of the window without a usable trace id. */
  traceIdMissing: number;
  /** Request times of the window's lines with a trace id, per document. */
  requestTimes: TimingSummary;
};

async function fetchOtherChunks(session: ElasticsearchSession, plan: TraceSetFields, query: TraceQuery, chunks: readonly number[]): Promise<ValueCount[]> {
  const byMs: ValueCount[] = [];
  for (const chunk of chunks) {
    const response = await session.search('edge', 'the edge request_time histogram', buildMsChunkRequest(plan, query, chunk));
    byMs.push(...parseMsHistogram(aggregationOrThrow<HistogramAggregate>(response, ['request_time_ms'])));
  }
  return byMs;
}

/**
 * The edge window's request times per document, aggregated in the store: a 1 ms histogram when
 * request_time is numeric, the distinct strings parsed here when it is keyword.
 */
export async function fetchEdgeRequestTimes(session: ElasticsearchSession, plan: TraceSetFields, query: TraceQuery): Promise<EdgeRequestTimes> {
  const numeric = plan.edgeRequestTime.kind === 'number';
  const overview = parseEdgeOverview(await session.search('edge', 'counting the edge lines', buildEdgeOverviewRequest(plan, query)), numeric);
  if (numeric) {
    const byMs = [...overview.firstChunkByMs, ...(await fetchOtherChunks(session, plan, query, overview.otherChunks))];
    const requestTimes = summarizeNumericValues(byMs, {
      missing: overview.requestTimeMissing,
      negative: overview.requestTimeNegative,
      outOfRange: overview.requestTimeOutOfRange,
    });
    return { plan, traceIdMissing: overview.traceIdMissing, requestTimes };
  }
  const filters = [...edgeWindowFilters(plan, query), ...edgeTraceIdPresentFilters(plan)];
  const values = (await fetchDistinctValues(session, 'edge', 'listing the edge request_time values', filters, plan.edgeRequestTime.field, Infinity)) ?? [];
  return {
    plan: { ...plan, edgeRequestTime: { kind: 'keyword', field: plan.edgeRequestTime.field, values } },
    traceIdMissing: overview.traceIdMissing,
    requestTimes: summarizeKeywordValues(values, overview.requestTimeMissing),
  };
}
