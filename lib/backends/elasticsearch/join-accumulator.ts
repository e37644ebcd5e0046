import type { FieldNames, LogicalField } from '@/lib/domain/field-names';
import { readField } from '@/lib/domain/field-names';
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

/**
 * The joined side of the distributions, one partition of traces at a time: each trace's edge
 * representative request_time against its ingress candidates (the domain's join rules).
 */
export class JoinAccumulator {
  joined = 0;
  /** Valid ingress candidates of joined traces (duplicates are these minus joined). */
  ingressValid = 0;
  readonly ingress = new MsCounts();
  readonly edgeMinusIngress = new MsCounts();
  readonly ingressMinusUpstream = new MsCounts();

  constructor(
    private readonly fields: FieldNames,
    private readonly skipped: SkippedCounter,
  ) {}

  /** `edgeRequestTimeMs`: each trace's edge representative request_time; `ingress`: its candidates. */
  add(edgeRequestTimeMs: ReadonlyMap<string, number>, ingress: ReadonlyMap<string, TierTrace>): void {
    for (const [traceId, edgeMs] of edgeRequestTimeMs) {
      const trace = ingress.get(traceId);
      if (!trace) continue;
      for (const { field, reason, count } of trace.invalid) this.skipped.add('ingress', field, reason, count);
      const representative = pickRepresentative(trace.valid);
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
