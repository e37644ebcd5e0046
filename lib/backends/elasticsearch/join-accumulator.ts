import type { FieldNames, LogicalField } from '@/lib/domain/field-names';
import { readField } from '@/lib/domain/field-names';
import type { TierDocument } from '@/lib/domain/tier-document';
import type { Tier } from '@/lib/domain/tiers';
import { sortSkipped, type SkippedCount, type SkipReason } from '@/lib/domain/trace-counts';
import { MsCounts } from './ms-counts';
import { countDocuments, pickRepresentative, type TierTrace } from './representatives';
import { classifyTime } from './timing-values';

/** Skipped documents by tier, field and reason, summed over partitions. */
export class SkippedCounter {
  private readonly byKey = new Map<string, SkippedCount>();

  add(tier: Tier, field: LogicalField, reason: SkipReason, count: number): void {
    if (count <= 0) return;
    const key = `${tier}:${field}:${reason}`;
    const entry = this.byKey.get(key) ?? { tier, field, reason, count: 0 };
    entry.count += count;
    this.byKey.set(key, entry);
  }

  toSorted(): SkippedCount[] {
    return sortSkipped([...this.byKey.values()]);
  }
}

/** A listed trace of the edge trace set: its representative's request_time and its valid edge lines. */
export type EdgeTrace = { requestTimeMs: number | null; documents: number };

/**
 * The joined side of the distributions, one partition of traces at a time: each trace's edge
 * representative request_time against its ingress candidates (the domain's join rules). With
 * ingress dimension filters (`passes`), only the traces whose ingress representative passes
 * count, on the edge side too: which those are only the join can tell.
 */
export class JoinAccumulator {
  /** Traces that passed, and their valid edge lines (duplicates are these minus traces). */
  traces = 0;
  edgeDocuments = 0;
  readonly edge = new MsCounts();
  joined = 0;
  /** Valid ingress candidates of joined traces (duplicates are these minus joined). */
  ingressValid = 0;
  readonly ingress = new MsCounts();
  readonly edgeMinusIngress = new MsCounts();
  readonly ingressMinusUpstream = new MsCounts();

  constructor(
    private readonly fields: FieldNames,
    private readonly skipped: SkippedCounter,
    private readonly passes: (ingressRepresentative: TierDocument | null) => boolean = () => true,
  ) {}

  /** `edgeTraces`: the partition's traces; `ingress`: their ingress candidates. */
  add(edgeTraces: ReadonlyMap<string, EdgeTrace>, ingress: ReadonlyMap<string, TierTrace>): void {
    for (const [traceId, { requestTimeMs: edgeMs, documents }] of edgeTraces) {
      const trace = ingress.get(traceId);
      const representative = trace ? pickRepresentative(trace.valid) : null;
      if (!this.passes(representative)) continue;
      this.traces += 1;
      this.edgeDocuments += documents;
      if (edgeMs === null) continue;
      this.edge.add(edgeMs);
      if (!trace) continue;
      for (const { field, reason, count } of trace.invalid) this.skipped.add('ingress', field, reason, count);
      if (!representative) continue;
      this.joined += 1;
      this.ingressValid += countDocuments(trace.valid);
      const ingressMs = representative.requestTimeMs;
      this.ingress.add(ingressMs);
      this.edgeMinusIngress.add(edgeMs - ingressMs);
      const upstream = classifyTime(readField(representative.raw, this.fields.upstreamResponseTime));
      if (upstream.ok) this.ingressMinusUpstream.add(ingressMs - upstream.ms);
      else this.skipped.add('ingress', 'upstreamResponseTime', upstream.reason, 1);
    }
  }
}
