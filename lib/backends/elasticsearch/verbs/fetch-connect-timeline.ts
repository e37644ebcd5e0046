import 'server-only';
import type { estypes } from '@elastic/elasticsearch';
import type { ConnectTimeline, ConnectTimelineOptions } from '@/lib/domain/connect-timeline';
import { needsIngressJoin } from '@/lib/domain/dimension-filters';
import { choosesTraces, latencyRange, type TraceQuery } from '@/lib/domain/query';
import type { TuningConfig } from '../backend-config';
import { ConnectSeriesBuilder } from '../connect-series';
import { fetchDistinctValues } from '../fetch-distinct-values';
import { fetchEdgeRequestTimes } from '../edge-request-times';
import { keywordValuesFilter, matchNoneFilter, numericMsRangeFilter } from '../filters';
import { timingFieldOrThrow, toTraceSetFields, type AggregatedField, type FieldPlan } from '../query-plan';
import type { ElasticsearchSession } from '../session';
import { inRange, partitionKeywordValues } from '../timing-values';
import { ingressWindowFilters, type TraceSetFields } from '../trace-set-filters';
import { countPartitions } from '../trace-partitions';
import { addConnectLinesPerLine, addEdgeConnectLines, type GroupBy, type TimelineLines } from './edge-connect-timeline';
import { addJoinedLines } from './joined-connect-timeline';

type Query = estypes.QueryDslQueryContainer;


/** A valid ingress request_time (as toTierDocument reads it): a range on numbers, the valid strings of a keyword. */
async function validIngressRequestTimeFilters(session: ElasticsearchSession, field: AggregatedField, windowFilters: Query[]): Promise<Query[]> {
  if (field.kind === 'number') return numericMsRangeFilter(field.name, null, null);
  if (field.kind !== 'keyword') return matchNoneFilter();
  const values = (await fetchDistinctValues(session, 'ingress', 'listing the ingress request_time values', windowFilters, field.name, Infinity)) ?? [];
  const { wanted, unwanted } = partitionKeywordValues(values, { minMs: null, maxMs: null });
  return keywordValuesFilter(field.name, wanted, unwanted);
}

/** The ingress tier's timeline when nothing restricts the traces: its own valid lines of the window, per line in the store (no join). */
async function addIngressLinesPerLine(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  plan: TraceSetFields,
  query: TraceQuery,
  options: { groupBy: GroupBy; binMs: number },
  builder: ConnectSeriesBuilder,
): Promise<void> {
  const requestTime = timingFieldOrThrow(fieldPlan, 'ingress', 'requestTime');
  const windowFilters = ingressWindowFilters(plan, query);
  const lines: TimelineLines = {
    tier: 'ingress',
    filters: [...windowFilters, ...(await validIngressRequestTimeFilters(session, requestTime, windowFilters))],
    timestampField: plan.ingressTimestamp,
    traceIdField: plan.ingressTraceId.name,
    requestTimeField: requestTime.name,
  };
  await addConnectLinesPerLine(session, fieldPlan, plan.fields, lines, options, builder);
}

/**
 * A tier's upstream_connect_time over time, binned by each line's own @timestamp and grouped, with
 * exact per-millisecond percentiles: for the edge tier the trace set's edge representatives; for
 * the ingress tier the representatives of the ingress lines of the window (path on their own
 * field), only the trace set's traces when app, a latency range or dimension filters are given.
 * Edge filters narrow the edge lines in every request; ingress filters need the join, for the
 * edge timeline too (joined-connect-timeline.ts).
 */
export async function fetchConnectTimeline(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  tuning: TuningConfig,
  query: TraceQuery,
  timeline: ConnectTimelineOptions,
): Promise<ConnectTimeline> {
  const builder = new ConnectSeriesBuilder();
  const options = { groupBy: timeline.groupBy, binMs: timeline.binMs };
  const joined = timeline.tier === 'ingress' ? choosesTraces(query) : needsIngressJoin(query.filters);
  if (timeline.tier === 'ingress' && !joined) {
    await addIngressLinesPerLine(session, fieldPlan, toTraceSetFields(fieldPlan), query, options, builder);
  } else {
    const { plan, requestTimes } = await fetchEdgeRequestTimes(session, toTraceSetFields(fieldPlan), query);
    const latency = latencyRange(query);
    const validDocuments = requestTimes.validByMs.reduce((sum, { valueMs, count }) => sum + (inRange(latency, valueMs) ? count : 0), 0);
    if (validDocuments > 0 && !joined) {
      await addEdgeConnectLines(session, fieldPlan, plan, query, { ...options, validDocuments }, builder);
    } else if (validDocuments > 0) {
      const partitions = countPartitions(validDocuments, tuning.partitionTraces);
      await addJoinedLines(session, fieldPlan, plan, query, { ...options, tier: timeline.tier, partitions }, builder);
    }
  }
  return {
    tier: timeline.tier,
    groupBy: timeline.groupBy,
    binMs: timeline.binMs,
    fromMs: query.fromMs,
    toMs: query.toMs,
    series: builder.build(timeline.maxGroups),
    withoutConnectTime: builder.withoutConnectTime,
  };
}
