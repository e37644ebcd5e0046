import 'server-only';
import type { ConnectTimeline, ConnectTimelineOptions } from '@/lib/domain/connect-timeline';
import type { TraceQuery } from '@/lib/domain/query';
import type { TierDocument } from '@/lib/domain/tier-document';
import { toTierHopTimes } from '@/lib/domain/trace';
import type { Tier } from '@/lib/domain/tiers';
import type { TuningConfig } from '../backend-config';
import { ConnectSeriesBuilder } from '../connect-series';
import { fetchEdgeRequestTimes } from '../edge-request-times';
import { toRepresentatives } from '../fetch-documents';
import { fetchTraceTuples } from '../fetch-tuples';
import { groupFieldOrThrow, timingFieldOrThrow, toTraceSetFields, type FieldPlan } from '../query-plan';
import { groupTuplesByTrace, type TupleFields } from '../representatives';
import type { TupleSource } from '../requests/build-trace-tuples-request';
import type { ElasticsearchSession } from '../session';
import { inRange } from '../timing-values';
import { termsFilter } from '../filters';
import { edgeTraceFilters, ingressCandidateFilters } from '../trace-set-filters';
import { countPartitions, fetchPartitionTraces, prefetch } from '../trace-partitions';

/** Sources that choose a representative; the plotted ones are added when the tier is plotted. */
const CHOICE_FIELDS: TupleFields = { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time' };

function tupleSources(
  plan: FieldPlan,
  tier: Tier,
  timestampField: string,
  withPlot: boolean,
  groupBy: 'upstreamAddr' | 'host',
): { sources: TupleSource[]; fields: TupleFields } {
  const sources: TupleSource[] = [
    { name: 'timestamp', field: timestampField },
    { name: 'request_time', field: timingFieldOrThrow(plan, tier, 'requestTime').name },
    { name: 'upstream_response_time', field: timingFieldOrThrow(plan, tier, 'upstreamResponseTime').name },
  ];
  if (!withPlot) return { sources, fields: CHOICE_FIELDS };
  sources.push({ name: 'upstream_connect_time', field: timingFieldOrThrow(plan, tier, 'upstreamConnectTime').name });
  const group = groupBy === 'host' ? 'host' : 'upstream_addr';
  sources.push({ name: group, field: groupFieldOrThrow(plan, tier, groupBy).name });
  return { sources, fields: { ...CHOICE_FIELDS, upstreamConnectTime: 'upstream_connect_time', [groupBy]: group } };
}

const groupOf = (document: TierDocument, groupBy: 'upstreamAddr' | 'host'): string | null =>
  groupBy === 'host' ? document.host : toTierHopTimes(document).upstreamAddr;

/**
 * A tier's upstream_connect_time over time: for the edge tier the traces' edge representatives,
 * for the ingress tier the ingress representatives of joined traces, each placed at the trace's
 * edge @timestamp. Every trace is read (no sampling), partition by partition, as distinct
 * tuples of the fields that choose the representative and the plotted ones.
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
  const edgeTuples = tupleSources(fieldPlan, 'edge', plan.edgeTimestamp, timeline.tier === 'edge', timeline.groupBy);
  const ingressTuples = tupleSources(fieldPlan, 'ingress', plan.ingressTimestamp, true, timeline.groupBy);
  const builder = new ConnectSeriesBuilder();
  const binOf = (timestampMs: number) => Math.floor(timestampMs / timeline.binMs) * timeline.binMs;

  const partitions = validDocuments === 0 ? 0 : countPartitions(validDocuments, tuning.partitionTraces);
  const onIngress = timeline.tier === 'ingress';
  // For the ingress tier only the edge @timestamp is needed: the listing's latest one is the
  // representative's for traces with one edge line; duplicated traces are read as tuples.
  const list = (partition: number) => prefetch(fetchPartitionTraces(session, plan, query, partition, partitions, { withTimestamp: onIngress }));
  let next = partitions > 0 ? list(0) : null;
  for (let partition = 0; partition < partitions; partition += 1) {
    const traces = await next!;
    if (partition + 1 < partitions) next = list(partition + 1);
    if (traces.length === 0) continue;
    const traceIds = traces.map((trace) => trace.traceId);
    const edgeIds = onIngress ? traces.filter((trace) => trace.documents > 1 || trace.maxTimestampMs === null).map((trace) => trace.traceId) : traceIds;
    const [edgeTuplesRead, ingressTuplesRead] = await Promise.all([
      edgeIds.length === 0
        ? []
        : fetchTraceTuples(
            session,
            'edge',
            'reading edge lines for the connect timeline',
            [...edgeTraceFilters(plan, query), ...termsFilter(plan.edgeTraceId.name, edgeIds)],
            plan.edgeTraceId.name,
            edgeTuples.sources,
          ),
      onIngress
        ? fetchTraceTuples(
            session,
            'ingress',
            'reading ingress lines for the connect timeline',
            ingressCandidateFilters(plan, query, traceIds),
            plan.ingressTraceId.name,
            ingressTuples.sources,
          )
        : [],
    ]);
    const edgeRepresentatives = toRepresentatives(groupTuplesByTrace(edgeTuplesRead, 'edge', edgeTuples.fields, plan.fields));
    if (!onIngress) {
      for (const edge of edgeRepresentatives.values()) builder.add(groupOf(edge, timeline.groupBy), binOf(edge.timestampMs), edge.connectTotalMs);
      continue;
    }
    const edgeTimestampMs = new Map<string, number>();
    for (const trace of traces) if (trace.maxTimestampMs !== null) edgeTimestampMs.set(trace.traceId, trace.maxTimestampMs);
    for (const [traceId, edge] of edgeRepresentatives) edgeTimestampMs.set(traceId, edge.timestampMs);
    const ingressRepresentatives = toRepresentatives(groupTuplesByTrace(ingressTuplesRead, 'ingress', ingressTuples.fields, plan.fields));
    for (const [traceId, ingress] of ingressRepresentatives) {
      const timestampMs = edgeTimestampMs.get(traceId);
      if (timestampMs !== undefined) builder.add(groupOf(ingress, timeline.groupBy), binOf(timestampMs), ingress.connectTotalMs);
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
