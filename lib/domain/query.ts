import { z } from 'zod';
import { MAX_DIMENSION_FILTERS, parseDimensionFilter, type DimensionFilter } from './dimension-filters';
import { decimalSecondsToMs } from './nginx-value';
import { parseTimeExpression, toIsoInstant } from './time-expression';

/**
 * The shared query of every endpoint and page URL (the permalink). Public values are in
 * seconds and time expressions; backends receive the normalized, integer-millisecond form.
 */

export const DEFAULT_BUCKET_MS = 100;
export const DEFAULT_UPPER_MS = 3_500;
export const MAX_BUCKETS = 2_000;
/** Longest time range one query may span; longer ranges are refused rather than left to time out. */
export const MAX_SPAN_MS = 31 * 86_400_000;
/** The ingress line of a trace is looked for within the query window widened by this much. */
export const JOIN_WINDOW_MARGIN_MS = 5 * 60_000;

const timeExpression = z
  .string()
  .trim()
  .min(1)
  .refine((text) => parseTimeExpression(text, 0) !== null, {
    message: 'expected an ISO-8601 instant with offset (2020-11-19T10:00:00Z) or now, now-15m, now-1h, now-7d…',
  });

const filterText = z.string().trim().min(1).max(1_000);

/** Seconds with at most millisecond precision, e.g. "1", "0.1", "1.25". */
const seconds = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}(\.\d{1,3})?$/, `${what} must be a non-negative number of seconds with at most 3 decimals`)
    .transform((text) => {
      const parsed = decimalSecondsToMs(text);
      return parsed.ok ? (parsed.ms ?? 0) : 0;
    });

/** Repeatable `filter` parameters: each `<field>:<value>` or `-<field>:<value>` (dimension-filters.ts). */
const dimensionFilters = z
  .array(z.string())
  .max(MAX_DIMENSION_FILTERS, `at most ${MAX_DIMENSION_FILTERS} filters`)
  .transform((texts, context) => {
    const filters: DimensionFilter[] = [];
    for (const text of texts) {
      const parsed = parseDimensionFilter(text.trim());
      if (parsed.ok) filters.push(parsed.filter);
      else context.addIssue({ code: 'custom', message: parsed.message });
    }
    return filters;
  });

/** The query parameters that may be given more than once (each occurrence adds one). */
export const REPEATABLE_QUERY_PARAMETERS = ['filter'] as const;

/** Query-string parameters as they arrive (strings, and arrays for the repeatable ones; all optional). */
export const publicQuerySchema = z.object({
  from: timeExpression.optional(),
  to: timeExpression.optional(),
  app: filterText.optional(),
  path: filterText.optional(),
  latencyMin: seconds('latencyMin').optional(),
  latencyMax: seconds('latencyMax').optional(),
  bucket: seconds('bucket').optional(),
  upper: seconds('upper').optional(),
  filter: dimensionFilters.optional(),
});
export type PublicQuery = z.infer<typeof publicQuerySchema>;
/** The public query as it arrives, before validation. */
export type PublicQueryInput = z.input<typeof publicQuerySchema>;
/** The shared query parameters every endpoint accepts. */
export const QUERY_PARAMETERS = Object.keys(publicQuerySchema.shape) as (keyof PublicQuery)[];

/** The filters that select a trace set; times are epoch milliseconds, `[fromMs, toMs)`. */
export type TraceQuery = {
  fromMs: number;
  toMs: number;
  app: string | null;
  path: string | null;
  /** Range on the edge request_time, `[latencyMinMs, latencyMaxMs)`. */
  latencyMinMs: number | null;
  latencyMaxMs: number | null;
  /** Dimension filters on the representative lines (dimension-filters.ts); absent means none. */
  filters?: readonly DimensionFilter[];
};

/** Slow means edge request_time ≥ 1 s unless a view asks otherwise: the first TCP SYN retransmission timeout. */
export const DEFAULT_SLOW_MS = 1_000;

/** The latency range of a query, `[minMs, maxMs)`, either end open when null. */
export const latencyRange = (query: TraceQuery): { minMs: number | null; maxMs: number | null } => ({
  minMs: query.latencyMinMs,
  maxMs: query.latencyMaxMs,
});

export const hasLatencyFilter = (query: TraceQuery): boolean => query.latencyMinMs !== null || query.latencyMaxMs !== null;

/**
 * Whether the query chooses traces by more than time and path: app (an edge field), a latency
 * range or a dimension filter. A view of ingress lines by their own @timestamp then keeps only the
 * trace set's traces, which needs the join.
 */
export const choosesTraces = (query: TraceQuery): boolean => query.app !== null || hasLatencyFilter(query) || (query.filters ?? []).length > 0;

export type HistogramOptions = { bucketMs: number; upperMs: number };

export type NormalizedQuery = TraceQuery & HistogramOptions & { from: string; to: string; filters: readonly DimensionFilter[] };

export type QueryIssue = { parameter: string; message: string };

export type QueryResolution = { ok: true; query: NormalizedQuery } | { ok: false; issue: QueryIssue };

const formatDays = (ms: number): string => String(Math.round((ms / 86_400_000) * 10) / 10);

const fail = (parameter: string, message: string): QueryResolution => ({ ok: false, issue: { parameter, message } });

/**
 * Turns validated public parameters into a normalized query. `defaultRange` supplies the window
 * when from/to are absent (the data's extent for the embedded store, the last hour otherwise).
 */
export function resolveQuery(input: PublicQuery, nowMs: number, defaultRange: { fromMs: number; toMs: number }): QueryResolution {
  const fromMs = input.from !== undefined ? parseTimeExpression(input.from, nowMs) : defaultRange.fromMs;
  const toMs = input.to !== undefined ? parseTimeExpression(input.to, nowMs) : defaultRange.toMs;
  if (fromMs === null) return fail('from', 'from is not a valid time');
  if (toMs === null) return fail('to', 'to is not a valid time');
  if (fromMs >= toMs) return fail('from', `from must be before to (got from=${toIsoInstant(fromMs)}, to=${toIsoInstant(toMs)})`);
  if (toMs - fromMs > MAX_SPAN_MS) return fail('to', `the time range may span at most ${MAX_SPAN_MS / 86_400_000} days (got ${formatDays(toMs - fromMs)} days)`);

  const bucketMs = input.bucket ?? DEFAULT_BUCKET_MS;
  const upperMs = input.upper ?? DEFAULT_UPPER_MS;
  if (bucketMs < 1) return fail('bucket', 'bucket must be at least 0.001 s');
  if (upperMs < 1) return fail('upper', 'upper must be at least 0.001 s');
  if (Math.ceil(upperMs / bucketMs) > MAX_BUCKETS) {
    return fail('bucket', `upper / bucket gives more than ${MAX_BUCKETS} buckets; widen bucket or lower upper`);
  }

  const latencyMinMs = input.latencyMin ?? null;
  const latencyMaxMs = input.latencyMax ?? null;
  if (latencyMinMs !== null && latencyMaxMs !== null && latencyMinMs >= latencyMaxMs) {
    return fail('latencyMin', 'latencyMin must be below latencyMax');
  }

  return {
    ok: true,
    query: {
      from: toIsoInstant(fromMs),
      to: toIsoInstant(toMs),
      fromMs,
      toMs,
      app: input.app ?? null,
      path: input.path ?? null,
      latencyMinMs,
      latencyMaxMs,
      filters: input.filter ?? [],
      bucketMs,
      upperMs,
    },
  };
}
