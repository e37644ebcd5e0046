import 'server-only';
import type { ValueCount } from '@/lib/domain/histogram';
import type { TraceQuery } from '@/lib/domain/query';
import { parseEdgeOverview } from './parse/parse-edge-overview';
import { parseKeywordValues } from './parse/parse-keyword-values';
import { parseMsHistogram } from './parse/parse-ms-histogram';
import { aggregationOrThrow, type HistogramAggregate } from './parse/aggregation-shapes';
import { buildEdgeOverviewRequest } from './requests/build-edge-overview-request';
import { buildKeywordValuesRequest, KEYWORD_VALUES_PAGE_SIZE, type CompositeAfterKey } from './requests/build-keyword-values-request';
import { buildMsChunkRequest } from './requests/build-ms-histogram';
import type { ElasticsearchSession } from './session';
import { summarizeKeywordValues, summarizeNumericValues, type KeywordValueCount, type TimingSummary } from './timing-values';
import { edgeTraceIdPresentFilters, edgeWindowFilters, type TraceSetFields } from './trace-set-filters';

export type EdgeRequestTimes = {
  /** The plan with the keyword request_time's distinct strings filled in. */
  plan: TraceSetFields;
  /** Edge lines of the window without a usable trace id. */
  traceIdMissing: number;
  /** Request times of the window's lines with a trace id, per document. */
  requestTimes: TimingSummary;
};

async function fetchKeywordValues(session: ElasticsearchSession, plan: TraceSetFields, query: TraceQuery): Promise<KeywordValueCount[]> {
  const values: KeywordValueCount[] = [];
  const filters = [...edgeWindowFilters(plan, query), ...edgeTraceIdPresentFilters(plan)];
  let after: CompositeAfterKey | null = null;
  do {
    const response = await session.search('edge', 'listing the edge request_time values', buildKeywordValuesRequest(filters, plan.edgeRequestTime.field, after));
    const page = parseKeywordValues(response, KEYWORD_VALUES_PAGE_SIZE);
    values.push(...page.values);
    after = page.after;
  } while (after);
  return values;
}

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
  const values = await fetchKeywordValues(session, plan, query);
  return {
    plan: { ...plan, edgeRequestTime: { kind: 'keyword', field: plan.edgeRequestTime.field, values } },
    traceIdMissing: overview.traceIdMissing,
    requestTimes: summarizeKeywordValues(values, overview.requestTimeMissing),
  };
}
