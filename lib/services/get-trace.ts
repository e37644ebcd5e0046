import 'server-only';
import { z } from 'zod';
import type { LatencyBackend } from '@/lib/backends/types';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { TraceResponse } from '@/lib/domain/api-responses';
import { AppError } from '@/lib/server/core/errors';
import { rejectAnyParameter, type ParamsInput } from './parse-params';

/** Trace ids are printable text (Jaeger-style ids contain ':'); control characters are refused. */
export const traceIdSchema = z
  .string()
  .min(1, 'trace id is empty')
  .max(512, 'trace id is longer than 512 characters')
  .regex(/^[^\p{Cc}]+$/u, 'trace id contains control characters');

/**
 * Both tiers' documents of one trace with the derived segments; 404 when unknown. The endpoint
 * takes no query parameter: one sent anyway (`?from=…`) is refused like on every other endpoint,
 * since the answer would not depend on it.
 */
export async function getTrace(
  backend: LatencyBackend,
  rawTraceId: string,
  signal?: AbortSignal,
  params: ParamsInput = {},
): Promise<TraceResponse> {
  rejectAnyParameter(params);
  const parsed = traceIdSchema.safeParse(rawTraceId);
  if (!parsed.success) throw new AppError('invalid_parameter', `traceId: ${parsed.error.issues[0]?.message}`, 'traceId');
  const notices: AnswerNotice[] = [];
  const trace = await backend.fetchTrace(parsed.data, { signal, onNotice: (notice) => void notices.push(notice) });
  if (!trace) throw new AppError('not_found', `no trace ${JSON.stringify(parsed.data)} in either tier`);
  return { ...trace, notices };
}
