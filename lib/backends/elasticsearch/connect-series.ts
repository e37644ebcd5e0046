import { NO_GROUP, OTHER_GROUP, type ConnectPoint, type ConnectSeries } from '@/lib/domain/connect-timeline';
import { nearestRankPercentile } from '@/lib/domain/histogram';
import { MsCounts } from './ms-counts';

/**
 * Connect times per group and time bin, gathered trace by trace, turned into the timeline's
 * series: the `maxGroups` largest groups by name, the rest merged into OTHER_GROUP, points with
 * exact nearest-rank p50/p99 from per-millisecond counts.
 */
export class ConnectSeriesBuilder {
  private readonly groups = new Map<string, Map<number, MsCounts>>();
  withoutConnectTime = 0;

  /** `count` lines with this group, bin and connect time (negative to take lines back out). */
  add(group: string | null, binStartMs: number, connectMs: number | null, count = 1): void {
    if (connectMs === null) {
      this.withoutConnectTime += count;
      return;
    }
    const name = group ?? NO_GROUP;
    const bins = this.groups.get(name) ?? new Map<number, MsCounts>();
    const counts = bins.get(binStartMs) ?? new MsCounts();
    counts.add(connectMs, count);
    bins.set(binStartMs, counts);
    this.groups.set(name, bins);
  }

  build(maxGroups: number): ConnectSeries[] {
    const sized = [...this.groups.entries()].map(([group, bins]) => ({ group, bins, count: countOf(bins) })).filter((entry) => entry.count > 0);
    sized.sort(bySizeThenName);
    const kept = sized.slice(0, maxGroups);
    const rest = sized.slice(maxGroups);
    if (rest.length > 0) {
      const merged = new Map<number, MsCounts>();
      for (const { bins } of rest) {
        for (const [binStartMs, counts] of bins) {
          const target = merged.get(binStartMs) ?? new MsCounts();
          target.addAll(counts.toValueCounts());
          merged.set(binStartMs, target);
        }
      }
      kept.push({ group: OTHER_GROUP, bins: merged, count: countOf(merged) });
    }
    return kept
      .map(({ group, bins, count }) => ({ group, count, points: toPoints(bins) }))
      .sort(bySizeThenName);
  }
}

function countOf(bins: ReadonlyMap<number, MsCounts>): number {
  let count = 0;
  for (const counts of bins.values()) for (const value of counts.toValueCounts()) count += value.count;
  return count;
}

function bySizeThenName(a: { group: string; count: number }, b: { group: string; count: number }): number {
  return b.count - a.count || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0);
}

function toPoints(bins: ReadonlyMap<number, MsCounts>): ConnectPoint[] {
  return [...bins.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([binStartMs, counts]) => {
      const values = counts.toValueCounts();
      const count = values.reduce((sum, value) => sum + value.count, 0);
      if (count === 0) return [];
      return [
        {
          binStartMs,
          count,
          p50Ms: nearestRankPercentile(values, count, 50)!,
          p99Ms: nearestRankPercentile(values, count, 99)!,
          maxMs: values.at(-1)!.valueMs,
        },
      ];
    });
}
