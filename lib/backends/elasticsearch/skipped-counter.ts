import type { LogicalField } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import { sortSkipped, type SkippedCount, type SkipReason } from '@/lib/domain/trace-counts';

/** Skipped documents by tier, field and reason, summed over the requests of an answer. */
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
