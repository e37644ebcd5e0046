import 'server-only';
import type { Distributions, EdgeDistribution } from '@/lib/backends/types';
import type { TraceQuery } from '@/lib/domain/query';
import { sortSkipped } from '@/lib/domain/trace-counts';
import type { TuningConfig } from '../backend-config';
import { fetchEdgeDuplicates, fetchEdgeLines, toEdgeDistribution, type EdgeLines } from '../edge-distribution';
import { fetchTraceTuples } from '../fetch-tuples';
import { passesIngressFilters, toIngressFilters, withIngressFilterSources } from '../ingress-filters';
import { JoinAccumulator, SkippedCounter, type EdgeTrace } from '../join-accumulator';
import { timingFieldOrThrow, type FieldPlan } from '../query-plan';
import { groupTuplesByTrace } from '../representatives';
import type { ElasticsearchSession } from '../session';
import { ingressCandidateFilters } from '../trace-set-filters';
import type { PartitionTrace } from '../parse/parse-trace-ids';
import {
  countPartitions,
  countSamplePartitions,
  fetchEdgeRequestTimesByTrace,
  fetchPartitionTraces,
  prefetch,
  toRepresentativeMs,
} from '../trace-partitions';

const INGRESS_TUPLE_FIELDS = { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time' };

/**
 * The trace set's counts and four distributions.
 * - Edge (exact, always): the 1 ms histogram (or distinct strings) of the valid edge lines,
 *   aggregated in the store, less the non-representative lines of duplicated traces (a trace's
 *   lines may sit in different indices and shards, so these are found by trace id).
 * - Joined (ingress, both gaps): traces are listed partition by partition (a hash of the trace id,
 *   see build-trace-ids-request); each partition's ingress lines come back as distinct
 *   (trace, @timestamp, request_time, upstream_response_time) tuples, and the domain's rules pick
 *   the representatives.
 * - Above `sampleThresholdTraces` valid lines, partitions are joined in order until their traces
 *   reach the threshold: a uniform, repeatable sample of at least that many traces, reported with
 *   the exact total. The rest is not listed; duplicated traces are then found in a few large passes, so the
 *   edge side stays exact at a cost that grows linearly with the window.
 * - Ingress dimension filters keep only the traces whose ingress representative passes, which the
 *   join decides: the edge side is then counted from the joined traces too (from the sample, when
 *   sampled; the sample's total stays the trace set before the ingress filters). Edge filters
 *   narrow the edge lines in every request (trace-set-filters.ts).
 */
export async function fetchDistributions(session: ElasticsearchSession, fieldPlan: FieldPlan, tuning: TuningConfig, query: TraceQuery): Promise<Distributions> {
  const lines = await fetchEdgeLines(session, fieldPlan, query);
  const { plan, validDocuments } = lines;

  const ingressSources = [
    { name: 'timestamp', field: plan.ingressTimestamp },
    { name: 'request_time', field: timingFieldOrThrow(fieldPlan, 'ingress', 'requestTime').name },
    { name: 'upstream_response_time', field: timingFieldOrThrow(fieldPlan, 'ingress', 'upstreamResponseTime').name },
  ];
  const ingressFilters = toIngressFilters(fieldPlan, query);
  const ingress = withIngressFilterSources({ sources: ingressSources, fields: INGRESS_TUPLE_FIELDS }, ingressFilters);
  const joinSkipped = new SkippedCounter();
  const join = new JoinAccumulator(plan.fields, joinSkipped, (representative) => passesIngressFilters(ingressFilters, representative));
  const sampling = validDocuments > tuning.sampleThresholdTraces;
  const partitions =
    validDocuments === 0
      ? 0
      : sampling
        ? countSamplePartitions(validDocuments, tuning.sampleThresholdTraces, tuning.partitionTraces)
        : countPartitions(validDocuments, tuning.partitionTraces);
  const listed: PartitionTrace[] = [];
  const listedTimes = new Map<string, number[]>();
  let joinedTraces = 0;
  let listedAll = true;
  let next = partitions > 0 ? prefetch(fetchPartitionTraces(session, plan, query, 0, partitions)) : null;
  for (let partition = 0; partition < partitions; partition += 1) {
    const partitionTraces = await next!;
    // Sampling stops at the first partition that brings the sample to the threshold.
    const last = partition + 1 === partitions || (sampling && joinedTraces + partitionTraces.length >= tuning.sampleThresholdTraces);
    if (last && partition + 1 < partitions) listedAll = false;
    // The next partition's listing runs while this one is joined.
    if (!last) next = prefetch(fetchPartitionTraces(session, plan, query, partition + 1, partitions));

    const traceIds = partitionTraces.map((trace) => trace.traceId);
    const duplicated = partitionTraces.filter((trace) => trace.documents > 1);
    const [times, tuples] = await Promise.all([
      fetchEdgeRequestTimesByTrace(session, plan, query, plan.edgeRequestTime.kind === 'keyword' ? traceIds : duplicated.map((trace) => trace.traceId)),
      fetchTraceTuples(
        session,
        'ingress',
        `joining the ingress lines (partition ${partition + 1} of ${partitions})`,
        ingressCandidateFilters(plan, query, traceIds),
        plan.ingressTraceId.name,
        ingress.sources,
      ),
    ]);
    listed.push(...duplicated);
    for (const trace of duplicated) listedTimes.set(trace.traceId, times.get(trace.traceId) ?? []);

    const edgeTraces = new Map<string, EdgeTrace>(
      partitionTraces.map((trace) => [trace.traceId, { requestTimeMs: toRepresentativeMs(trace, times), documents: trace.documents }]),
    );
    join.add(edgeTraces, groupTuplesByTrace(tuples, 'ingress', ingress.fields, plan.fields));
    joinedTraces += partitionTraces.length;
    if (last) break;
  }

  // A complete join listed every duplicated trace on its way; a sampled one did not.
  const wholeEdgeSet = async () =>
    toEdgeDistribution(lines, listedAll ? { duplicated: listed, times: listedTimes } : await fetchEdgeDuplicates(session, lines, query));
  const edge = ingressFilters === null ? await wholeEdgeSet() : toPassedEdgeSet(lines, join);
  const totalTraces = listedAll ? null : ingressFilters === null ? edge.counts.edge : (await wholeEdgeSet()).counts.edge;
  return {
    counts: {
      edge: edge.counts.edge,
      joined: join.joined,
      edgeOnly: join.traces - join.joined,
      duplicates: { edge: edge.counts.duplicates.edge, ingress: join.ingressValid - join.joined },
      skipped: sortSkipped([...edge.counts.skipped, ...joinSkipped.toSorted()]),
    },
    distributions: {
      edge: edge.distribution,
      ingress: join.ingress.toValueCounts(),
      edgeMinusIngress: join.edgeMinusIngress.toValueCounts(),
      ingressMinusUpstream: join.ingressMinusUpstream.toValueCounts(),
    },
    sample: totalTraces === null ? null : { sampledTraces: joinedTraces, totalTraces },
  };
}

/**
 * The edge side under ingress filters: the joined traces that passed, with their valid edge
 * lines. The skipped edge lines stay the window's: no ingress value can choose a line that
 * belongs to no trace.
 */
function toPassedEdgeSet(lines: EdgeLines, join: JoinAccumulator): EdgeDistribution {
  return {
    counts: { edge: join.traces, duplicates: { edge: join.edgeDocuments - join.traces }, skipped: lines.skipped.toSorted() },
    distribution: join.edge.toValueCounts(),
  };
}
