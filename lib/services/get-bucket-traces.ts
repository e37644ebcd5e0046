import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { TracesResponse } from '@/lib/domain/api-responses';
import { bucketSelectionSchema, decodeCursor, DEFAULT_TRACE_PAGE_SIZE, encodeCursor } from '@/lib/domain/drill-down';
import { AppError } from '@/lib/server/core/errors';
import { readEndpointParams, type ParamsInput } from './parse-params';
import { resolveQueryOrThrow } from './resolve-query';

/** One page of the traces counted in a histogram range. */
export async function getBucketTraces(backend: LatencyBackend, input: ParamsInput, signal?: AbortSignal): Promise<TracesResponse> {
  const { record, own: selection } = readEndpointParams(input, bucketSelectionSchema);
  const cursor = selection.cursor !== undefined ? decodeCursor(selection.cursor) : null;
  if (selection.cursor !== undefined && cursor === null) {
    throw new AppError('invalid_parameter', 'cursor: not a cursor returned by this API; pass the nextCursor of a previous answer unchanged, or leave cursor out for the first page', 'cursor');
  }
  const query = await resolveQueryOrThrow(backend, record, signal);
  const bucket = { histogram: selection.histogram, fromMs: selection.fromMs ?? null, toMs: selection.toMs ?? null };
  const notices: AnswerNotice[] = [];
  const onNotice = (notice: AnswerNotice) => void notices.push(notice);
  const page = await backend.fetchBucketTraces(query, bucket, { limit: selection.limit ?? DEFAULT_TRACE_PAGE_SIZE, cursor }, { signal, onNotice });
  return {
    query,
    ...bucket,
    traces: page.traces,
    ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}),
    notices,
  };
}
