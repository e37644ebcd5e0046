import 'server-only';
import type { Distributions } from '@/lib/backends/types';
import type { TraceQuery } from '@/lib/domain/query';
import type { TuningConfig } from '../backend-config';
import { fetchEdgeRequestTimes } from '../edge-request-times';
import { fetchTraceTuples } from '../fetch-tuples';
import { JoinAccumulator, SkippedCounter } from '../join-accumulator';
import { MsCounts } from '../ms-counts';
import { timingFieldOrThrow, toTraceSetFields, type FieldPlan } from '../query-plan';
import { groupTuplesByTrace } from '../representatives';
import type { ElasticsearchSession } from '../session';
import { inRange } from '../timing-values';
import { ingressCandidateFilters } from '../trace-set-filters';
import { countPartitions, fetchEdgeRequestTimesByTrace, fetchPartitionTraces, prefetch, toRepresentativeMs } from '../trace-partitions';

const INGRESS_TUPLE_FIELDS = { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time' };

/**
 * The trace set's counts and four distributions.
 * - Edge (exact, always): the 1 ms histogram (or distinct strings) of the valid edge lines,
 *   aggregated in the store, less the non-representative lines of duplicated traces, which the
 *   partitioned trace listing finds (a trace's lines may sit in different indices and shards).
 * - Joined (ingress, both gaps): per partition, the traces' ingress lines come back as distinct
 *   (trace, @timestamp, request_time, upstream_response_time) tuples, and the domain's rules pick
 *   the representative. Above `sampleThresholdTraces` traces only the first partitions are
 *   joined: a uniform sample by trace-id hash, reported with the exact total.
 */
export async function fetchDistributions(session: ElasticsearchSession, fieldPlan: FieldPlan, tuning: TuningConfig, query: TraceQuery): Promise<Distributions> {
  const { plan, traceIdMissing, requestTimes } = await fetchEdgeRequestTimes(session, toTraceSetFields(fieldPlan), query);
  const skipped = new SkippedCounter();
  skipped.add('edge', 'traceId', 'missing', traceIdMissing);
  for (const { reason, count } of requestTimes.skipped) skipped.add('edge', 'requestTime', reason, count);

  const latency = { minMs: query.latencyMinMs, maxMs: query.latencyMaxMs };
  const edge = new MsCounts();
  let validDocuments = 0;
  for (const { valueMs, count } of requestTimes.validByMs) {
    if (!inRange(latency, valueMs)) continue;
    edge.add(valueMs, count);
    validDocuments += count;
  }

  const ingressSources = [
    { name: 'timestamp', field: plan.ingressTimestamp },
    { name: 'request_time', field: timingFieldOrThrow(fieldPlan, 'ingress', 'requestTime').name },
    { name: 'upstream_response_time', field: timingFieldOrThrow(fieldPlan, 'ingress', 'upstreamResponseTime').name },
  ];
  const join = new JoinAccumulator(plan.fields, skipped);
  const partitions = countPartitions(validDocuments, tuning.partitionTraces);
  let traces = 0;
  let sampledTraces = 0;
  let joining = true;
  let next = prefetch(fetchPartitionTraces(session, plan, query, 0, partitions));
  for (let partition = 0; partition < partitions; partition += 1) {
    const partitionTraces = await next;
    // The next partition's listing runs while this one is joined.
    if (partition + 1 < partitions) next = prefetch(fetchPartitionTraces(session, plan, query, partition + 1, partitions));
    traces += partitionTraces.length;
    joining &&= partition === 0 || sampledTraces + partitionTraces.length <= tuning.sampleThresholdTraces;

    const duplicated = partitionTraces.filter((trace) => trace.documents > 1);
    const needsAllTimes = joining && plan.edgeRequestTime.kind === 'keyword';
    const traceIds = partitionTraces.map((trace) => trace.traceId);
    const [times, tuples] = await Promise.all([
      fetchEdgeRequestTimesByTrace(session, plan, query, needsAllTimes ? traceIds : duplicated.map((trace) => trace.traceId)),
      joining && traceIds.length > 0
        ? fetchTraceTuples(
            session,
            'ingress',
            `joining the ingress lines (partition ${partition + 1} of ${partitions})`,
            ingressCandidateFilters(plan, query, traceIds),
            plan.ingressTraceId.name,
            ingressSources,
          )
        : [],
    ]);
    // A duplicated trace counts once, at its largest request_time: its other lines come off.
    for (const trace of duplicated) {
      const values = times.get(trace.traceId) ?? [];
      for (const valueMs of values) edge.add(valueMs, -1);
      if (values.length > 0) edge.add(Math.max(...values), 1);
    }
    if (!joining) continue;

    const edgeRequestTimeMs = new Map<string, number>();
    for (const trace of partitionTraces) {
      const ms = toRepresentativeMs(trace, times);
      if (ms !== null) edgeRequestTimeMs.set(trace.traceId, ms);
    }
    join.add(edgeRequestTimeMs, groupTuplesByTrace(tuples, 'ingress', INGRESS_TUPLE_FIELDS, plan.fields));
    sampledTraces += partitionTraces.length;
  }

  const sampled = sampledTraces < traces;
  return {
    counts: {
      edge: traces,
      joined: join.joined,
      edgeOnly: (sampled ? sampledTraces : traces) - join.joined,
      duplicates: { edge: validDocuments - traces, ingress: join.ingressValid - join.joined },
      skipped: skipped.toSorted(),
    },
    distributions: {
      edge: edge.toValueCounts(),
      ingress: join.ingress.toValueCounts(),
      edgeMinusIngress: join.edgeMinusIngress.toValueCounts(),
      ingressMinusUpstream: join.ingressMinusUpstream.toValueCounts(),
    },
    sample: sampled ? { sampledTraces, totalTraces: traces } : null,
  };
}
