import type { ValueCount } from '@/lib/domain/histogram';
import { MAX_TIME_MS, parseNginxTime } from '@/lib/domain/nginx-value';
import type { SkipReason } from '@/lib/domain/trace-counts';

/**
 * A timing field's values among documents, as aggregated by Elasticsearch, classified the way
 * `parseNginxTime` classifies one document's value: a valid total in milliseconds, or a reason
 * to skip the document.
 */

export type MsRange = { minMs: number | null; maxMs: number | null };

/** A distinct raw string of a keyword-mapped timing and how many documents carry it. */
export type KeywordValueCount = { value: string; count: number };

export type TimingSummary = {
  /** Documents with a valid value, per millisecond. */
  validByMs: ValueCount[];
  /** Documents without a valid value, per reason. */
  skipped: { reason: SkipReason; count: number }[];
};

export type TimeClass = { ok: true; ms: number } | { ok: false; reason: SkipReason };

/** One raw value (string, number, or absent) as the domain core reads it. */
export function classifyTime(value: unknown): TimeClass {
  const time = parseNginxTime(value);
  if (time.kind === 'invalid') return { ok: false, reason: time.reason };
  if (time.kind === 'absent' || time.totalMs === null) return { ok: false, reason: 'missing' };
  return { ok: true, ms: time.totalMs };
}

export function inRange(range: MsRange, ms: number): boolean {
  return (range.minMs === null || ms >= range.minMs) && (range.maxMs === null || ms < range.maxMs);
}

/** The overlap of two ranges (null bounds are open). */
export function intersectRanges(a: MsRange, b: MsRange): MsRange {
  const minMs = a.minMs === null ? b.minMs : b.minMs === null ? a.minMs : Math.max(a.minMs, b.minMs);
  const maxMs = a.maxMs === null ? b.maxMs : b.maxMs === null ? a.maxMs : Math.min(a.maxMs, b.maxMs);
  return { minMs, maxMs };
}

function addSkipped(skipped: Map<SkipReason, number>, reason: SkipReason, count: number): void {
  if (count > 0) skipped.set(reason, (skipped.get(reason) ?? 0) + count);
}

function toSummary(byMs: Map<number, number>, skipped: Map<SkipReason, number>): TimingSummary {
  return {
    validByMs: [...byMs.entries()].sort((a, b) => a[0] - b[0]).map(([valueMs, count]) => ({ valueMs, count })),
    skipped: [...skipped.entries()].map(([reason, count]) => ({ reason, count })),
  };
}

/**
 * A keyword timing's distinct strings: each is parsed like one document's value ("0.004, 1.002"
 * sums to 1006 ms, "-" is missing), so the counts equal a per-document parse. `missing` counts
 * documents without the field.
 */
export function summarizeKeywordValues(values: readonly KeywordValueCount[], missing: number): TimingSummary {
  const byMs = new Map<number, number>();
  const skipped = new Map<SkipReason, number>();
  addSkipped(skipped, 'missing', missing);
  for (const { value, count } of values) {
    const time = classifyTime(value);
    if (time.ok) byMs.set(time.ms, (byMs.get(time.ms) ?? 0) + count);
    else addSkipped(skipped, time.reason, count);
  }
  return toSummary(byMs, skipped);
}

/**
 * A numeric timing from its 1 ms histogram of non-negative values plus the documents without a
 * value, below zero and beyond MAX_TIME_MS (counted apart); histogram milliseconds above
 * MAX_TIME_MS are out of range too, as in the domain.
 */
export function summarizeNumericValues(
  nonNegativeByMs: readonly ValueCount[],
  counts: { missing: number; negative: number; outOfRange: number },
): TimingSummary {
  const byMs = new Map<number, number>();
  const skipped = new Map<SkipReason, number>();
  addSkipped(skipped, 'missing', counts.missing);
  addSkipped(skipped, 'negative', counts.negative);
  addSkipped(skipped, 'out-of-range', counts.outOfRange);
  for (const { valueMs, count } of nonNegativeByMs) {
    if (valueMs > MAX_TIME_MS) addSkipped(skipped, 'out-of-range', count);
    else byMs.set(valueMs, (byMs.get(valueMs) ?? 0) + count);
  }
  return toSummary(byMs, skipped);
}

/** The keyword strings whose value is valid and within the range, and all the others present. */
export function partitionKeywordValues(values: readonly KeywordValueCount[], range: MsRange): { wanted: string[]; unwanted: string[] } {
  const wanted: string[] = [];
  const unwanted: string[] = [];
  for (const { value } of values) {
    const time = classifyTime(value);
    (time.ok && inRange(range, time.ms) ? wanted : unwanted).push(value);
  }
  return { wanted, unwanted };
}
