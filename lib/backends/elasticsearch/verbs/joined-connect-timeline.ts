import 'server-only';
import type { TraceQuery } from '@/lib/domain/query';
import type { Tier } from '@/lib/domain/tiers';
import type { ConnectSeriesBuilder } from '../connect-series';
import { toRepresentatives } from '../fetch-documents';
import { fetchTraceTuples } from '../fetch-tuples';
import { termsFilter } from '../filters';
import { passesIngressFilters, toIngressFilters, withIngressFilterSources, type IngressFilters, type TupleReading } from '../ingress-filters';
import { groupFieldOrThrow, timingFieldOrThrow, type FieldPlan } from '../query-plan';
import { groupTuplesByTrace } from '../representatives';
import type { ElasticsearchSession } from '../session';
import { edgeTraceFilters, ingressCandidateFilters, ingressWindowFilters, type TraceSetFields } from '../trace-set-filters';
import { fetchPartitionTraces, prefetch } from '../trace-partitions';
import { groupOf, type GroupBy } from './edge-connect-timeline';

/**
 * The connect timelines that need the join: the ingress timeline restricted to the trace set
 * (app, a latency range or dimension filters choose traces by their edge line or their ingress
 * representative), and the edge timeline under ingress filters. The trace set is listed partition
 * by partition, as for exact distributions, and costs as much.
 */

/** A tier's lines as tuples of what chooses the representative. */
function choiceReading(fieldPlan: FieldPlan, tier: Tier, timestampField: string): TupleReading {
  return {
    sources: [
      { name: 'timestamp', field: timestampField },
      { name: 'request_time', field: timingFieldOrThrow(fieldPlan, tier, 'requestTime').name },
      { name: 'upstream_response_time', field: timingFieldOrThrow(fieldPlan, tier, 'upstreamResponseTime').name },
    ],
    fields: { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time' },
  };
}

/** A tier's lines as tuples of what chooses the representative and what the timeline plots. */
function timelineReading(fieldPlan: FieldPlan, tier: Tier, timestampField: string, groupBy: GroupBy): TupleReading {
  const choice = choiceReading(fieldPlan, tier, timestampField);
  const group = groupBy === 'host' ? 'host' : 'upstream_addr';
  return {
    sources: [
      ...choice.sources,
      { name: 'upstream_connect_time', field: timingFieldOrThrow(fieldPlan, tier, 'upstreamConnectTime').name },
      { name: group, field: groupFieldOrThrow(fieldPlan, tier, groupBy).name },
    ],
    fields: { ...choice.fields, upstreamConnectTime: 'upstream_connect_time', [groupBy]: group },
  };
}

/**
 * Of these traces, those whose ingress representative passes the ingress filters: chosen among
 * their ingress lines in the join window, as the histograms choose it, which may not be the
 * ingress line the ingress timeline plots (that one is chosen among the window's lines).
 */
async function fetchPassingTraceIds(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  plan: TraceSetFields,
  query: TraceQuery,
  filters: IngressFilters,
  traceIds: readonly string[],
): Promise<string[]> {
  const reading = withIngressFilterSources(choiceReading(fieldPlan, 'ingress', plan.ingressTimestamp), filters);
  const what = 'reading the ingress values the filters ask for';
  const tuples = await fetchTraceTuples(session, 'ingress', what, ingressCandidateFilters(plan, query, traceIds), plan.ingressTraceId.name, reading.sources);
  const representatives = toRepresentatives(groupTuplesByTrace(tuples, 'ingress', reading.fields, plan.fields));
  return traceIds.filter((traceId) => passesIngressFilters(filters, representatives.get(traceId) ?? null));
}

/**
 * A tier's timeline over the trace set's traces, one representative each at its own @timestamp:
 * for the ingress tier among the trace's ingress lines of the window (their own @timestamp and
 * path), for the edge tier among its lines in the trace set.
 */
export async function addJoinedLines(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  plan: TraceSetFields,
  query: TraceQuery,
  options: { tier: Tier; groupBy: GroupBy; binMs: number; partitions: number },
  builder: ConnectSeriesBuilder,
): Promise<void> {
  const { tier, groupBy, binMs, partitions } = options;
  const ingressFilters = toIngressFilters(fieldPlan, query);
  const reading = timelineReading(fieldPlan, tier, tier === 'edge' ? plan.edgeTimestamp : plan.ingressTimestamp, groupBy);
  const lineFilters = tier === 'edge' ? edgeTraceFilters(plan, query) : ingressWindowFilters(plan, query);
  const traceIdField = tier === 'edge' ? plan.edgeTraceId.name : plan.ingressTraceId.name;
  const binOf = (timestampMs: number) => Math.floor(timestampMs / binMs) * binMs;
  const list = (partition: number) => prefetch(fetchPartitionTraces(session, plan, query, partition, partitions));
  let next = list(0);
  for (let partition = 0; partition < partitions; partition += 1) {
    const listed = (await next).map((trace) => trace.traceId);
    if (partition + 1 < partitions) next = list(partition + 1);
    const traceIds = ingressFilters && listed.length > 0 ? await fetchPassingTraceIds(session, fieldPlan, plan, query, ingressFilters, listed) : listed;
    if (traceIds.length === 0) continue;
    const tuples = await fetchTraceTuples(
      session,
      tier,
      `reading the ${tier} lines of the trace set (partition ${partition + 1} of ${partitions})`,
      [...lineFilters, ...termsFilter(traceIdField, traceIds)],
      traceIdField,
      reading.sources,
    );
    for (const representative of toRepresentatives(groupTuplesByTrace(tuples, tier, reading.fields, plan.fields)).values()) {
      builder.add(groupOf(representative, groupBy), binOf(representative.timestampMs), representative.connectTotalMs);
    }
  }
}
