import 'server-only';
import type { ConnectTimeline, ConnectTimelineOptions } from '@/lib/domain/connect-timeline';
import type { TraceQuery } from '@/lib/domain/query';
import type { TuningConfig } from '../backend-config';
import { ConnectSeriesBuilder } from '../connect-series';
import { fetchEdgeRequestTimes } from '../edge-request-times';
import { toRepresentatives } from '../fetch-documents';
import { fetchTraceTuples } from '../fetch-tuples';
import { termsFilter } from '../filters';
import { groupFieldOrThrow, timingFieldOrThrow, toTraceSetFields, type FieldPlan } from '../query-plan';
import { groupTuplesByTrace, type TupleFields } from '../representatives';
import type { TupleSource } from '../requests/build-trace-tuples-request';
import type { ElasticsearchSession } from '../session';
import { inRange } from '../timing-values';
import { edgeTraceFilters, ingressCandidateFilters, type TraceSetFields } from '../trace-set-filters';
import { countPartitions, fetchPartitionTraces, prefetch } from '../trace-partitions';
import { addEdgeConnectLines, groupOf, type GroupBy } from './edge-connect-timeline';

/** The tuple sources that choose a representative. */
const CHOICE_FIELDS: TupleFields = { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time' };

function choiceSources(fieldPlan: FieldPlan, tier: 'edge' | 'ingress', timestampField: string): TupleSource[] {
  return [
    { name: 'timestamp', field: timestampField },
    { name: 'request_time', field: timingFieldOrThrow(fieldPlan, tier, 'requestTime').name },
    { name: 'upstream_response_time', field: timingFieldOrThrow(fieldPlan, tier, 'upstreamResponseTime').name },
  ];
}

/**
 * The ingress tier's timeline: for each joined trace, its ingress representative's connect time
 * at the trace's edge @timestamp. That needs the join, so every trace is read (no sampling),
 * partition by partition. The edge @timestamp of a trace with one edge line is the listing's
 * latest one; duplicated traces' edge lines are read as tuples.
 */
async function addIngressConnectLines(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  plan: TraceSetFields,
  query: TraceQuery,
  options: { groupBy: GroupBy; binMs: number; partitions: number },
  builder: ConnectSeriesBuilder,
): Promise<void> {
  const { groupBy, binMs, partitions } = options;
  const group = groupBy === 'host' ? 'host' : 'upstream_addr';
  const ingressSources: TupleSource[] = [
    ...choiceSources(fieldPlan, 'ingress', plan.ingressTimestamp),
    { name: 'upstream_connect_time', field: timingFieldOrThrow(fieldPlan, 'ingress', 'upstreamConnectTime').name },
    { name: group, field: groupFieldOrThrow(fieldPlan, 'ingress', groupBy).name },
  ];
  const ingressFields: TupleFields = { ...CHOICE_FIELDS, upstreamConnectTime: 'upstream_connect_time', [groupBy]: group };
  const edgeSources = choiceSources(fieldPlan, 'edge', plan.edgeTimestamp);
  const binOf = (timestampMs: number) => Math.floor(timestampMs / binMs) * binMs;
  const list = (partition: number) => prefetch(fetchPartitionTraces(session, plan, query, partition, partitions, { withTimestamp: true }));
  let next = list(0);
  for (let partition = 0; partition < partitions; partition += 1) {
    const traces = await next;
    if (partition + 1 < partitions) next = list(partition + 1);
    if (traces.length === 0) continue;
    const duplicatedIds = traces.filter((trace) => trace.documents > 1 || trace.maxTimestampMs === null).map((trace) => trace.traceId);
    const [edgeTuples, ingressTuples] = await Promise.all([
      duplicatedIds.length === 0
        ? []
        : fetchTraceTuples(
            session,
            'edge',
            'reading duplicated edge lines for the connect timeline',
            [...edgeTraceFilters(plan, query), ...termsFilter(plan.edgeTraceId.name, duplicatedIds)],
            plan.edgeTraceId.name,
            edgeSources,
          ),
      fetchTraceTuples(
        session,
        'ingress',
        'reading ingress lines for the connect timeline',
        ingressCandidateFilters(plan, query, traces.map((trace) => trace.traceId)),
        plan.ingressTraceId.name,
        ingressSources,
      ),
    ]);
    const edgeTimestampMs = new Map<string, number>();
    for (const trace of traces) if (trace.maxTimestampMs !== null) edgeTimestampMs.set(trace.traceId, trace.maxTimestampMs);
    for (const [traceId, edge] of toRepresentatives(groupTuplesByTrace(edgeTuples, 'edge', CHOICE_FIELDS, plan.fields))) {
      edgeTimestampMs.set(traceId, edge.timestampMs);
    }
    for (const [traceId, ingress] of toRepresentatives(groupTuplesByTrace(ingressTuples, 'ingress', ingressFields, plan.fields))) {
      const timestampMs = edgeTimestampMs.get(traceId);
      if (timestampMs !== undefined) builder.add(groupOf(ingress, groupBy), binOf(timestampMs), ingress.connectTotalMs);
    }
  }
}

/**
 * A tier's upstream_connect_time over time: for the edge tier the traces' edge representatives,
 * for the ingress tier the ingress representatives of joined traces, each placed at the trace's
 * edge @timestamp, binned and grouped, with exact per-millisecond percentiles.
 */
export async function fetchConnectTimeline(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  tuning: TuningConfig,
  query: TraceQuery,
  timeline: ConnectTimelineOptions,
): Promise<ConnectTimeline> {
  const { plan, requestTimes } = await fetchEdgeRequestTimes(session, toTraceSetFields(fieldPlan), query);
  const latency = { minMs: query.latencyMinMs, maxMs: query.latencyMaxMs };
  const validDocuments = requestTimes.validByMs.reduce((sum, { valueMs, count }) => sum + (inRange(latency, valueMs) ? count : 0), 0);
  const builder = new ConnectSeriesBuilder();
  const options = { groupBy: timeline.groupBy, binMs: timeline.binMs };
  if (validDocuments > 0 && timeline.tier === 'edge') {
    await addEdgeConnectLines(session, fieldPlan, plan, query, { ...options, validDocuments }, builder);
  } else if (validDocuments > 0) {
    await addIngressConnectLines(session, fieldPlan, plan, query, { ...options, partitions: countPartitions(validDocuments, tuning.partitionTraces) }, builder);
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
