import type { Prng } from './prng';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * Relative request rate by UTC time of day: a broad afternoon peak and a night trough of about
 * a third of it, roughly what a consumer API in Europe sees.
 */
export function dailyTrafficRate(timeMs: number): number {
  const hourOfDay = (((timeMs / HOUR_MS) % 24) + 24) % 24;
  return 1 + 0.5 * Math.cos((2 * Math.PI * (hourOfDay - 15)) / 24);
}

/**
 * Start times for `count` requests over [startMs, startMs + durationMs), in ascending order,
 * following the daily rate. Each request i takes the quantile (i + u)/count of the rate's
 * cumulative curve (one uniform u per request), so the times come out sorted without holding
 * them all in memory, whatever the count.
 */
export function* generateArrivalTimes(startMs: number, durationMs: number, count: number, prng: Prng): Generator<number> {
  // The cumulative curve at minute resolution; shorter windows get a single bucket.
  const bucketCount = Math.max(1, Math.ceil(durationMs / MINUTE_MS));
  const bucketMs = durationMs / bucketCount;
  const cumulative = new Float64Array(bucketCount + 1);
  for (let b = 0; b < bucketCount; b += 1) {
    cumulative[b + 1] = cumulative[b]! + dailyTrafficRate(startMs + (b + 0.5) * bucketMs);
  }
  const total = cumulative[bucketCount]!;

  let bucket = 0;
  for (let i = 0; i < count; i += 1) {
    const target = ((i + prng.next()) / count) * total;
    while (bucket < bucketCount - 1 && cumulative[bucket + 1]! <= target) bucket += 1;
    const low = cumulative[bucket]!;
    const within = (target - low) / (cumulative[bucket + 1]! - low);
    yield startMs + Math.min(durationMs - 1, Math.floor((bucket + within) * bucketMs));
  }
}
