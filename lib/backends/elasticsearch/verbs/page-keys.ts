import type { EdgeSortKey } from '../requests/build-ordered-edge-request';

/** Drill-down order: edge @timestamp desc, then trace id asc. */
export function comparePageOrder(a: EdgeSortKey, b: EdgeSortKey): number {
  return b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

/** The first `capacity` keys in page order among those added (a bounded buffer, not a sort of everything). */
export class PageKeys {
  private readonly sorted: EdgeSortKey[] = [];

  constructor(private readonly capacity: number) {}

  /** Whether a key would be kept now. */
  accepts(key: EdgeSortKey): boolean {
    return this.sorted.length < this.capacity || comparePageOrder(key, this.sorted.at(-1)!) < 0;
  }

  add(key: EdgeSortKey): void {
    if (!this.accepts(key)) return;
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (comparePageOrder(this.sorted[middle]!, key) < 0) low = middle + 1;
      else high = middle;
    }
    this.sorted.splice(low, 0, key);
    if (this.sorted.length > this.capacity) this.sorted.pop();
  }

  keys(): EdgeSortKey[] {
    return [...this.sorted];
  }
}
