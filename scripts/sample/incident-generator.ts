import { z } from 'zod';
import { createPrng } from './prng';
import { SCENARIO_NAMES, SCENARIOS, SHIPPING_NOISE } from './scenarios';
import { toEdgeDocument, toIngressDocument, type EdgeDocument, type IngressDocument } from './tier-documents';
import { simulateTrace, type TraceModel } from './trace-model';
import { generateArrivalTimes } from './traffic-shape';

/**
 * The deterministic sample-incident generator: N requests through edge nginx → ingress-nginx →
 * app, written as the access-log documents both tiers ship, including the shipping noise real
 * clusters have (lost lines, duplicates). The same options always give the same documents.
 */

export const sampleOptionsSchema = z.object({
  traces: z.number().int().min(1).max(100_000_000).default(20_000),
  seed: z.number().int().min(0).max(0xffff_ffff).default(1),
  scenario: z.enum(SCENARIO_NAMES).default('incident'),
  /** Window start, epoch milliseconds (default 2020-11-19T02:00:00Z). */
  startMs: z.number().int().min(0).max(Date.UTC(9000, 0, 1)).default(Date.UTC(2020, 10, 19, 2)),
  hours: z.number().positive().max(24 * 366).default(4),
});
export type SampleOptions = z.infer<typeof sampleOptionsSchema>;
export type SampleOptionsInput = z.input<typeof sampleOptionsSchema>;

/** The lines one request left in each tier: usually one each, none when lost, two when duplicated. */
export type TraceDocuments = {
  traceId: string;
  edge: EdgeDocument[];
  ingress: IngressDocument[];
};

/** Validates options and fills in the defaults; throws a ZodError on invalid options. */
export function resolveSampleOptions(input: SampleOptionsInput = {}): SampleOptions {
  return sampleOptionsSchema.parse(input);
}

/**
 * One simulated request and how many of its lines reached each tier's index: usually one each,
 * none when the shipper lost it, two when it shipped the line twice.
 */
export type SampleTrace = { trace: TraceModel; edgeCopies: number; ingressCopies: number };

/**
 * Yields each simulated request in order of arrival at the edge. Lazy, so any number of traces
 * streams in constant memory. The model carries the ground truth (outcome, true times) that
 * benchmarks may want beside the documents.
 */
export function* generateSampleTraces(input: SampleOptionsInput = {}): Generator<SampleTrace> {
  const options = resolveSampleOptions(input);
  const scenario = SCENARIOS[options.scenario];
  // Arrival times and requests draw from separate streams so a change in one does not shift the other.
  const arrivalPrng = createPrng(options.seed);
  const tracePrng = createPrng((options.seed ^ 0x5bd1e995) >>> 0);
  const durationMs = Math.max(1, Math.round(options.hours * 3_600_000));

  for (const startMs of generateArrivalTimes(options.startMs, durationMs, options.traces, arrivalPrng)) {
    const trace = simulateTrace(tracePrng, scenario, startMs);
    let edgeCopies = 1;
    let ingressCopies = trace.ingress ? 1 : 0;
    // Lost and duplicated lines come from the shipper, so they are drawn for every request alike.
    if (tracePrng.chance(SHIPPING_NOISE.ingressLineLostRate)) ingressCopies = 0;
    else if (ingressCopies > 0 && tracePrng.chance(SHIPPING_NOISE.edgeLineLostRate)) edgeCopies = 0;
    if (tracePrng.chance(SHIPPING_NOISE.duplicateLineRate)) {
      const duplicateEdge = ingressCopies === 0 || (edgeCopies > 0 && tracePrng.chance(0.5));
      if (duplicateEdge) edgeCopies += 1;
      else ingressCopies += 1;
    }
    yield { trace, edgeCopies, ingressCopies };
  }
}

/** Yields the documents each request left in each tier, in order of arrival at the edge. */
export function* generateTraceDocuments(input: SampleOptionsInput = {}): Generator<TraceDocuments> {
  for (const { trace, edgeCopies, ingressCopies } of generateSampleTraces(input)) {
    const edge: EdgeDocument[] = [];
    const ingress: IngressDocument[] = [];
    for (let i = 0; i < edgeCopies; i += 1) edge.push(toEdgeDocument(trace));
    for (let i = 0; i < ingressCopies; i += 1) ingress.push(toIngressDocument(trace)!);
    yield { traceId: trace.traceId, edge, ingress };
  }
}

/** All documents of a sample, per tier, in memory: for tests and small seeds. */
export function generateIncident(input: SampleOptionsInput = {}): { edge: EdgeDocument[]; ingress: IngressDocument[] } {
  const edge: EdgeDocument[] = [];
  const ingress: IngressDocument[] = [];
  for (const trace of generateTraceDocuments(input)) {
    edge.push(...trace.edge);
    ingress.push(...trace.ingress);
  }
  return { edge, ingress };
}
