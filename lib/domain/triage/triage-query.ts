import { z } from 'zod';
import { decimalSecondsToMs } from '../nginx-value';
import { hasLatencyFilter, publicQuerySchema, type TraceQuery } from '../query';
import { slowFrom, type SlowRange } from './slow-range';

/**
 * Parameters of the triage endpoints beyond the shared query (docs/API.md). Like `latencyMin`,
 * times are seconds in the URL and milliseconds inside.
 */

export const DEFAULT_CORRELATION_LIMIT = 10;
export const MAX_CORRELATION_LIMIT = 50;
/** Named groups per grouping in connect distributions; the rest are merged into "(other)". */
export const CONNECT_MAX_GROUPS = 20;

/**
 * What a filtered view is compared with: the same window and the same non-latency filters. A
 * latency range chooses which requests are examined, never the baseline: compared with itself, a
 * band of slow requests makes whichever host carries half of it look like a culprit.
 */
export function toBaselineQuery<Query extends TraceQuery>(query: Query): Query {
  return { ...query, latencyMinMs: null, latencyMaxMs: null };
}

/**
 * What attribution and correlations compare, by the same rule: the requests the latency range and
 * the slow threshold leave, against the same window and non-latency filters. Examined are the
 * baseline's requests with edge request_time in [max(slow, latencyMin), latencyMax): a lower bound
 * above the threshold raises it, an upper bound closes the range, and a range ending at or below
 * its start examines nothing (the answers say so). Without a latency filter the query itself is
 * the baseline (the same object, so callers can tell).
 */
export function toTriageComparison<Query extends TraceQuery>(query: Query, slowMs: number): { query: Query; slow: SlowRange } {
  if (!hasLatencyFilter(query)) return { query, slow: slowFrom(slowMs) };
  return { query: toBaselineQuery(query), slow: { minMs: Math.max(slowMs, query.latencyMinMs ?? 0), maxMs: query.latencyMaxMs } };
}

const slowSeconds = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,3})?$/, 'slow must be a positive number of seconds with at most 3 decimals')
  .transform((text) => {
    const parsed = decimalSecondsToMs(text);
    return parsed.ok ? (parsed.ms ?? 0) : 0;
  })
  .refine((ms) => ms >= 1, 'slow must be at least 0.001 s');

/** `slow`: the threshold in seconds (default 1). */
export const slowParamsSchema = z.object({ slow: slowSeconds.optional() });

/** `limit`: values listed per field (1–50, default 10). */
export const correlationParamsSchema = slowParamsSchema.extend({
  limit: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'limit must be a whole number')
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_CORRELATION_LIMIT, `limit must be between 1 and ${MAX_CORRELATION_LIMIT}`)
    .optional(),
});

const requiredTime = (name: string) =>
  z
    .string({ message: `${name} is required: an ISO-8601 instant with offset (2020-11-19T10:00:00Z) or now, now-1h…` })
    .pipe(publicQuerySchema.shape.from.unwrap());

/** `compareFrom`, `compareTo`: the other window, same forms as from/to; both required. */
export const comparisonParamsSchema = slowParamsSchema.extend({
  compareFrom: requiredTime('compareFrom'),
  compareTo: requiredTime('compareTo'),
});

/** The URL parameters triage adds to the shared query, for permalinks. */
export const TRIAGE_PARAM_KEYS = ['slow', 'limit', 'compareFrom', 'compareTo'] as const;
