import 'server-only';
import { z } from 'zod';
import type { LatencyBackend } from '@/lib/backends/types';
import { bucketSelectionSchema, MAX_TRACE_PAGE_SIZE, type BucketSelection, type TraceCursor } from '@/lib/domain/drill-down';
import {
  TRACE_EXPORT_CONTENT_TYPES,
  TRACE_EXPORT_FORMATS,
  toExportChunk,
  toExportFilename,
  toExportPreamble,
  type TraceExportFormat,
} from '@/lib/domain/trace-export';
import { toErrorBody } from '@/lib/server/core/error-body';
import { readEndpointParams, type ParamsInput } from './parse-params';
import { resolveQueryOrThrow } from './resolve-query';

const bucket = bucketSelectionSchema.shape;

/** The drill-down's selection (no limit, no cursor: the export is every page) and the format. */
const traceExportSchema = z
  .object({
    format: z.enum(TRACE_EXPORT_FORMATS, { message: `format must be one of ${TRACE_EXPORT_FORMATS.join(', ')}` }),
    histogram: bucket.histogram,
    fromMs: bucket.fromMs,
    toMs: bucket.toMs,
  })
  .refine((s) => s.fromMs === undefined || s.toMs === undefined || s.fromMs < s.toMs, {
    message: 'fromMs must be below toMs',
    path: ['fromMs'],
  });

export type TraceExport = {
  format: TraceExportFormat;
  filename: string;
  contentType: string;
  /** The file's bytes, read from the store one page at a time as the client takes them. */
  body: ReadableStream<Uint8Array>;
};

export type TraceExportOptions = {
  /** Traces per store call; the largest page of /api/v1/traces unless a test pages in smaller steps. */
  pageSize?: number;
};

/**
 * Every trace of a histogram range as CSV or NDJSON, in the drill-down's order (newest first),
 * by paging `fetchBucketTraces` with its cursor: the same traces as all pages of
 * /api/v1/traces, with at most one page in memory. The parameters and the first page are read
 * before the answer starts, so bad input or a failing store is the API's JSON error with its
 * status; a later page's failure can only cut the download off (the stream errors, the browser
 * reports a failed download), and is logged. A client that goes away (`signal`) or cancels the
 * stream stops the paging.
 */
export async function exportBucketTraces(
  backend: LatencyBackend,
  input: ParamsInput,
  signal?: AbortSignal,
  { pageSize = MAX_TRACE_PAGE_SIZE }: TraceExportOptions = {},
): Promise<TraceExport> {
  const { record, own } = readEndpointParams(input, traceExportSchema);
  const query = await resolveQueryOrThrow(backend, record, signal);
  const selection: BucketSelection = { histogram: own.histogram, fromMs: own.fromMs ?? null, toMs: own.toMs ?? null };
  const { format } = own;
  const cancelled = new AbortController();
  const pageSignal = signal ? AbortSignal.any([signal, cancelled.signal]) : cancelled.signal;
  const fetchPage = (cursor: TraceCursor | null) => backend.fetchBucketTraces(query, selection, { limit: pageSize, cursor }, { signal: pageSignal });

  const first = await fetchPage(null);
  const encoder = new TextEncoder();
  let cursor = first.nextCursor;
  let written = first.traces.length;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toExportPreamble(format) + toExportChunk(format, first.traces)));
      if (!cursor) controller.close();
    },
    // Called only when the client has taken what was queued: the store is never read ahead of it.
    async pull(controller) {
      if (!cursor) return;
      try {
        // Whatever the store does with an aborted signal, no page is asked for after the client left.
        pageSignal.throwIfAborted();
        const page = await fetchPage(cursor);
        cursor = page.nextCursor;
        written += page.traces.length;
        controller.enqueue(encoder.encode(toExportChunk(format, page.traces)));
        if (!cursor) controller.close();
      } catch (error) {
        if (!pageSignal.aborted) {
          const { message } = toErrorBody(error).error;
          console.error(`hopscope: the ${format} export of ${toExportFilename(selection, format)} stopped after ${written} traces: ${message}`);
        }
        controller.error(error);
      }
    },
    cancel() {
      cancelled.abort();
    },
  });
  return { format, filename: toExportFilename(selection, format), contentType: TRACE_EXPORT_CONTENT_TYPES[format], body };
}
