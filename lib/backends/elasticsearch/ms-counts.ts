import { normalizeValueCounts, type ValueCount } from '@/lib/domain/histogram';

/** Per-millisecond counts gathered partition by partition. */
export class MsCounts {
  private readonly byMs = new Map<number, number>();

  add(valueMs: number, count = 1): void {
    this.byMs.set(valueMs, (this.byMs.get(valueMs) ?? 0) + count);
  }

  addAll(values: readonly ValueCount[]): void {
    for (const { valueMs, count } of values) this.add(valueMs, count);
  }

  /** Sorted, merged, zero counts dropped (a removal may cancel an addition). */
  toValueCounts(): ValueCount[] {
    return normalizeValueCounts([...this.byMs.entries()].map(([valueMs, count]) => ({ valueMs, count })));
  }
}
