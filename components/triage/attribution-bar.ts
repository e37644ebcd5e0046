import type { Attribution } from '@/lib/domain/triage/attribution';
import type { SegmentName } from '@/lib/domain/triage/segments';
import { SEGMENT_COLORS } from './triage-colors';

export type AttributionBarPart = { segment: SegmentName; label: string; count: number; percent: number; color: string };

/**
 * The stacked bar: each segment's share of the slow requests it dominates, in segment order,
 * segments with no request left out. Shares add up to 100 % (every split request has one
 * dominant segment).
 */
export function toAttributionBar(attribution: Attribution): AttributionBarPart[] {
  if (attribution.attributableSlow === 0) return [];
  return attribution.segments
    .filter((row) => row.dominantCount > 0)
    .map((row) => ({
      segment: row.segment,
      label: row.label,
      count: row.dominantCount,
      percent: (row.dominantCount / attribution.attributableSlow) * 100,
      color: SEGMENT_COLORS[row.segment],
    }));
}
