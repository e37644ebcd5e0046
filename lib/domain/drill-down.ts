import { z } from 'zod';
import { HISTOGRAM_NAMES, type HistogramName } from './histogram-names';
import type { TraceSummary } from './trace';

/**
 * The traces counted in one histogram between fromMs (inclusive) and toMs (exclusive).
 * A missing fromMs means "from -∞" (the underflow bar), a missing toMs "to +∞" (overflow).
 */
export type BucketSelection = { histogram: HistogramName; fromMs: number | null; toMs: number | null };

/** Position after the last row of a page: rows are ordered by edge @timestamp desc, then traceId asc. */
export type TraceCursor = { timestampMs: number; traceId: string };

export type TracePageRequest = { limit: number; cursor: TraceCursor | null };

export type TracePage = { traces: TraceSummary[]; nextCursor: TraceCursor | null };

export const DEFAULT_TRACE_PAGE_SIZE = 50;
export const MAX_TRACE_PAGE_SIZE = 500;

const cursorSchema = z.object({ t: z.number().int(), id: z.string().min(1).max(512) });

/** Opaque, URL-safe cursor text. */
export function encodeCursor(cursor: TraceCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.timestampMs, id: cursor.traceId }), 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not one this server wrote. */
export function decodeCursor(text: string): TraceCursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { timestampMs: parsed.data.t, traceId: parsed.data.id } : null;
  } catch {
    return null;
  }
}

const optionalMs = z
  .string()
  .trim()
  .regex(/^-?\d{1,9}$/, 'must be an integer number of milliseconds')
  .transform(Number)
  .optional();

/** Drill-down parameters as they arrive in the query string. */
export const bucketSelectionSchema = z
  .object({
    histogram: z.enum(HISTOGRAM_NAMES, { message: `histogram must be one of ${HISTOGRAM_NAMES.join(', ')}` }),
    fromMs: optionalMs,
    toMs: optionalMs,
    limit: z
      .string()
      .trim()
      .regex(/^\d{1,4}$/, 'limit must be a whole number')
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_TRACE_PAGE_SIZE, `limit must be between 1 and ${MAX_TRACE_PAGE_SIZE}`)
      .optional(),
    cursor: z.string().trim().max(2_000).optional(),
  })
  .refine((s) => s.fromMs === undefined || s.toMs === undefined || s.fromMs < s.toMs, {
    message: 'fromMs must be below toMs',
    path: ['fromMs'],
  });

/** Whether a value lies in the selection's half-open range. */
export function selectionContains(selection: BucketSelection, valueMs: number): boolean {
  return (selection.fromMs === null || valueMs >= selection.fromMs) && (selection.toMs === null || valueMs < selection.toMs);
}

/** Whether a row sorts after the cursor in the page order (edge @timestamp desc, traceId asc). */
export function isAfterCursor(cursor: TraceCursor | null, timestampMs: number, traceId: string): boolean {
  if (cursor === null) return true;
  return timestampMs < cursor.timestampMs || (timestampMs === cursor.timestampMs && traceId > cursor.traceId);
}
