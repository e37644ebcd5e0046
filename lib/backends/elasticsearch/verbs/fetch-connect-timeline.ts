import 'server-only';
import type { estypes } from '@elastic/elasticsearch';
import type { ConnectTimeline, ConnectTimelineOptions } from '@/lib/domain/connect-timeline';
import type { TraceQuery } from '@/lib/domain/query';
import type { TuningConfig } from '../backend-config';
import { ConnectSeriesBuilder } from '../connect-series';
import { fetchDistinctValues } from '../fetch-distinct-values';
import { toRepresentatives } from '../fetch-documents';
import { fetchEdgeRequestTimes } from '../edge-request-times';
import { fetchTraceTuples } from '../fetch-tuples';
import { keywordValuesFilter, matchPhraseFilter, numericMsRangeFilter, termsFilter, timeRangeFilter, traceIdPresentFilter } from '../filters';
import { groupFieldOrThrow, timingFieldOrThrow, toTraceSetFields, type AggregatedField, type FieldPlan } from '../query-plan';
import { groupTuplesByTrace, type TupleFields } from '../representatives';
import type { TupleSource } from '../requests/build-trace-tuples-request';
import type { ElasticsearchSession } from '../session';
import { inRange, partitionKeywordValues } from '../timing-values';
import type { TraceSetFields } from '../trace-set-filters';
import { countPartitions, fetchPartitionTraces, prefetch } from '../trace-partitions';
import { addConnectLinesPerLine, addEdgeConnectLines, groupOf, type GroupBy, type TimelineLines } from './edge-connect-timeline';

type Query = estypes.QueryDslQueryContainer;

/** App and latency range select traces by their edge line: with them the ingress timeline needs the join. */
const hasEdgeOnlyFilters = (query: TraceQuery): boolean => query.app !== null || query.latencyMinMs !== null || query.latencyMaxMs !== null;

/** Ingress lines of the window by their own @timestamp, on their own path, with a trace id. */
function ingressWindowFilters(plan: TraceSetFields, query: TraceQuery): Query[] {
  return [
    ...timeRangeFilter(plan.ingressTimestamp, query.fromMs, query.toMs),
    ...matchPhraseFilter(plan.fields.path, query.path),
    ...traceIdPresentFilter(plan.ingressTraceId.name, plan.ingressTraceId.isKeyword),
  ];
}

/** A valid ingress request_time (as toTierDocument reads it): a range on numbers, the valid strings of a keyword. */
async function validIngressRequestTimeFilters(session: ElasticsearchSession, field: AggregatedField, windowFilters: Query[]): Promise<Query[]> {
  if (field.kind === 'number') return numericMsRangeFilter(field.name, null, null);
  if (field.kind !== 'keyword') return [{ bool: { must_not: [{ match_all: {} }] } }];
  const values = (await fetchDistinctValues(session, 'ingress', 'listing the ingress request_time values', windowFilters, field.name, Infinity)) ?? [];
  const { wanted, unwanted } = partitionKeywordValues(values, { minMs: null, maxMs: null });
  return keywordValuesFilter(field.name, wanted, unwanted);
}

/**
 * The ingress timeline restricted to the edge trace set (app or latency range given): its traces
 * listed partition by partition, their ingress lines of the window read as tuples and the
 * representative of each placed at its own @timestamp. As costly as exact distributions.
 */
async function addJoinedIngressLines(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  plan: TraceSetFields,
  query: TraceQuery,
  options: { groupBy: GroupBy; binMs: number; partitions: number },
  builder: ConnectSeriesBuilder,
): Promise<void> {
  const { groupBy, binMs, partitions } = options;
  const group = groupBy === 'host' ? 'host' : 'upstream_addr';
  const sources: TupleSource[] = [
    { name: 'timestamp', field: plan.ingressTimestamp },
    { name: 'request_time', field: timingFieldOrThrow(fieldPlan, 'ingress', 'requestTime').name },
    { name: 'upstream_response_time', field: timingFieldOrThrow(fieldPlan, 'ingress', 'upstreamResponseTime').name },
    { name: 'upstream_connect_time', field: timingFieldOrThrow(fieldPlan, 'ingress', 'upstreamConnectTime').name },
    { name: group, field: groupFieldOrThrow(fieldPlan, 'ingress', groupBy).name },
  ];
  const tupleFields: TupleFields = {
    timestamp: 'timestamp',
    requestTime: 'request_time',
    upstreamResponseTime: 'upstream_response_time',
    upstreamConnectTime: 'upstream_connect_time',
    [groupBy]: group,
  };
  const windowFilters = ingressWindowFilters(plan, query);
  const binOf = (timestampMs: number) => Math.floor(timestampMs / binMs) * binMs;
  const list = (partition: number) => prefetch(fetchPartitionTraces(session, plan, query, partition, partitions));
  let next = list(0);
  for (let partition = 0; partition < partitions; partition += 1) {
    const traces = await next;
    if (partition + 1 < partitions) next = list(partition + 1);
    if (traces.length === 0) continue;
    const tuples = await fetchTraceTuples(
      session,
      'ingress',
      `reading the ingress lines of the trace set (partition ${partition + 1} of ${partitions})`,
      [...windowFilters, ...termsFilter(plan.ingressTraceId.name, traces.map((trace) => trace.traceId))],
      plan.ingressTraceId.name,
      sources,
    );
    for (const ingress of toRepresentatives(groupTuplesByTrace(tuples, 'ingress', tupleFields, plan.fields)).values()) {
      builder.add(groupOf(ingress, groupBy), binOf(ingress.timestampMs), ingress.connectTotalMs);
    }
  }
}

/** The ingress tier's timeline without app or latency range: its own valid lines of the window, per line in the store (no join). */
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
 * field), only the edge trace set's traces when app or a latency range is given.
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
  if (timeline.tier === 'ingress' && !hasEdgeOnlyFilters(query)) {
    await addIngressLinesPerLine(session, fieldPlan, toTraceSetFields(fieldPlan), query, options, builder);
  } else {
    const { plan, requestTimes } = await fetchEdgeRequestTimes(session, toTraceSetFields(fieldPlan), query);
    const latency = { minMs: query.latencyMinMs, maxMs: query.latencyMaxMs };
    const validDocuments = requestTimes.validByMs.reduce((sum, { valueMs, count }) => sum + (inRange(latency, valueMs) ? count : 0), 0);
    if (validDocuments > 0 && timeline.tier === 'edge') {
      await addEdgeConnectLines(session, fieldPlan, plan, query, { ...options, validDocuments }, builder);
    } else if (validDocuments > 0) {
      await addJoinedIngressLines(session, fieldPlan, plan, query, { ...options, partitions: countPartitions(validDocuments, tuning.partitionTraces) }, builder);
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
