import 'server-only';
import type { SampleInfo } from '@/lib/domain/api-responses';
import { latencyRange, type TraceQuery } from '@/lib/domain/query';
import type { SlowRange } from '@/lib/domain/triage/slow-range';
import { TriageAccumulator } from '@/lib/domain/triage/triage-accumulator';
import type { TuningConfig } from '../backend-config';
import { fetchEdgeRequestTimes } from '../edge-request-times';
import { toRepresentatives } from '../fetch-documents';
import { fetchTraceTuples } from '../fetch-tuples';
import { termsFilter } from '../filters';
import { passesIngressFilters, toIngressFilters, withIngressFilterSources } from '../ingress-filters';
import { toTraceSetFields, type FieldPlan } from '../query-plan';
import { groupTuplesByTrace } from '../representatives';
import { buildTriageTupleSources } from '../requests/build-triage-tuple-sources';
import type { ElasticsearchSession } from '../session';
import { inRange } from '../timing-values';
import { edgeTraceFilters, ingressCandidateFilters } from '../trace-set-filters';
import { countPartitions, countSamplePartitions, edgeDuplicateSearch, fetchDuplicatedTraces, fetchPartitionTraces, prefetch } from '../trace-partitions';

/** The three triage shapes of a trace set (the accumulator holds them all) and whether it was sampled. */
export type TriageJoin = { accumulator: TriageAccumulator; sample: SampleInfo | null };

/**
 * The trace set's representatives fed to the domain's TriageAccumulator, partition by partition
 * (the histograms' partitions, see fetchDistributions): per partition one composite pass over
 * its edge lines and one over its ingress candidates, each giving distinct tuples of the fields
 * triage reads (build-triage-tuple-sources), from which the domain's rules pick each trace's
 * representatives; `slow` says which of them the accumulator counts as slow (examined). Memory
 * holds one partition's tuples and the accumulator's counts.
 *
 * Above `sampleThresholdTraces` valid edge lines, the same leading partitions as the histograms
 * are read (a uniform, repeatable sample of traces, the same traces), and the answer says so with
 * the same SampleInfo: the sampled traces and the exact total, which needs the duplicated traces
 * of the whole set (a few large passes). Edge dimension filters narrow the edge lines in every
 * request; ingress ones keep the traces whose ingress representative passes (as the histograms do,
 * the sample's numbers stay those of the trace set before them).
 */
export async function joinTriageTraces(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  tuning: TuningConfig,
  query: TraceQuery,
  slow: SlowRange,
): Promise<TriageJoin> {
  const { plan, requestTimes } = await fetchEdgeRequestTimes(session, toTraceSetFields(fieldPlan), query);
  const latency = latencyRange(query);
  const validDocuments = requestTimes.validByMs.reduce((sum, { valueMs, count }) => sum + (inRange(latency, valueMs) ? count : 0), 0);
  const accumulator = new TriageAccumulator(slow);
  if (validDocuments === 0) return { accumulator, sample: null };

  const edge = buildTriageTupleSources(fieldPlan, 'edge', plan.edgeTimestamp);
  const ingressFilters = toIngressFilters(fieldPlan, query);
  const ingress = withIngressFilterSources(buildTriageTupleSources(fieldPlan, 'ingress', plan.ingressTimestamp), ingressFilters);
  const sampling = validDocuments > tuning.sampleThresholdTraces;
  // The histograms' partitioning and stopping rule (fetchDistributions), so a sample holds the same traces.
  const partitions = sampling
    ? countSamplePartitions(validDocuments, tuning.sampleThresholdTraces, tuning.partitionTraces)
    : countPartitions(validDocuments, tuning.partitionTraces);
  let listedTraces = 0;
  let listedAll = true;
  let next = prefetch(fetchPartitionTraces(session, plan, query, 0, partitions));
  for (let partition = 0; partition < partitions; partition += 1) {
    const traces = await next;
    const last = partition + 1 === partitions || (sampling && listedTraces + traces.length >= tuning.sampleThresholdTraces);
    if (last && partition + 1 < partitions) listedAll = false;
    if (!last) next = prefetch(fetchPartitionTraces(session, plan, query, partition + 1, partitions));
    listedTraces += traces.length;
    if (traces.length === 0) {
      if (last) break;
      continue;
    }

    const traceIds = traces.map((trace) => trace.traceId);
    const what = `reading the lines for triage (partition ${partition + 1} of ${partitions})`;
    const [edgeTuples, ingressTuples] = await Promise.all([
      fetchTraceTuples(session, 'edge', what, [...edgeTraceFilters(plan, query), ...termsFilter(plan.edgeTraceId.name, traceIds)], plan.edgeTraceId.name, edge.sources),
      fetchTraceTuples(session, 'ingress', what, ingressCandidateFilters(plan, query, traceIds), plan.ingressTraceId.name, ingress.sources),
    ]);
    const ingressRepresentatives = toRepresentatives(groupTuplesByTrace(ingressTuples, 'ingress', ingress.fields, plan.fields));
    for (const [traceId, edgeRepresentative] of toRepresentatives(groupTuplesByTrace(edgeTuples, 'edge', edge.fields, plan.fields))) {
      const ingressRepresentative = ingressRepresentatives.get(traceId) ?? null;
      if (passesIngressFilters(ingressFilters, ingressRepresentative)) accumulator.add(edgeRepresentative, ingressRepresentative);
    }
    if (last) break;
  }
  if (listedAll) return { accumulator, sample: null };

  const duplicated = await fetchDuplicatedTraces(session, edgeDuplicateSearch(plan, query, validDocuments));
  const totalTraces = validDocuments - duplicated.reduce((sum, trace) => sum + trace.documents - 1, 0);
  return { accumulator, sample: { sampledTraces: listedTraces, totalTraces } };
}
