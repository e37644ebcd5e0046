import { JOIN_WINDOW_MARGIN_MS } from '@/lib/domain/query';
import type { Tier } from '@/lib/domain/tiers';

/** A stretch `[startMs, endMs)` of a tier's @timestamp, read from Elasticsearch as one unit. */
export type TimeSlice = { startMs: number; endMs: number };

/**
 * Slices are quarter hours of UTC: small enough that a live window re-reads only its last minutes,
 * large enough that a day is 96 of them per tier (each costs a few requests and a file).
 */
export const SLICE_MS = 15 * 60_000;

/** The aligned slices that cover `[fromMs, toMs)`, oldest first. */
export function slicesCovering(fromMs: number, toMs: number, sliceMs: number = SLICE_MS): TimeSlice[] {
  const slices: TimeSlice[] = [];
  const first = Math.floor(fromMs / sliceMs) * sliceMs;
  for (let startMs = first; startMs < toMs; startMs += sliceMs) slices.push({ startMs, endMs: startMs + sliceMs });
  return slices;
}

/**
 * The slices a window's answers read: edge lines of the window, ingress lines of its join window
 * (JOIN_WINDOW_MARGIN_MS either side), as the engine's join rule needs them.
 */
export function windowSlices(fromMs: number, toMs: number, sliceMs: number = SLICE_MS): Record<Tier, TimeSlice[]> {
  return {
    edge: slicesCovering(fromMs, toMs, sliceMs),
    ingress: slicesCovering(fromMs - JOIN_WINDOW_MARGIN_MS, toMs + JOIN_WINDOW_MARGIN_MS, sliceMs),
  };
}

/**
 * A slice that ended more than the lateness margin ago is settled: lines that late are not
 * expected, so it is read once and reused. A newer slice may still receive lines and is read again.
 */
export function isSettled(slice: TimeSlice, nowMs: number, lateMarginMs: number): boolean {
  return slice.endMs + lateMarginMs <= nowMs;
}

/** A tier's slice as a stable name: the cache's file name and the key of a shared read. */
export const sliceKey = (tier: Tier, slice: TimeSlice): string => `${tier}-${slice.startMs}-${slice.endMs}`;

/** Parses a name sliceKey wrote (a cached file's, without its extension); null for any other name. */
export function parseSliceKey(name: string): { tier: Tier; slice: TimeSlice } | null {
  const match = /^(edge|ingress)-(\d+)-(\d+)$/.exec(name);
  if (!match) return null;
  const startMs = Number(match[2]);
  const endMs = Number(match[3]);
  if (!Number.isSafeInteger(startMs) || !Number.isSafeInteger(endMs) || endMs <= startMs) return null;
  return { tier: match[1] as Tier, slice: { startMs, endMs } };
}
