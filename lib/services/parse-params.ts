import 'server-only';
import type { z } from 'zod';
import { QUERY_PARAMETERS } from '@/lib/domain/query';
import { AppError } from '@/lib/server/core/errors';

export type ParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * Query parameters as a flat record; a repeated parameter is refused rather than guessed, and so
 * is one that is neither a shared query parameter nor one of the endpoint's `extraParameters`.
 */
export function toParamRecord(input: ParamsInput, extraParameters: readonly string[] = []): Record<string, string> {
  const record: Record<string, string> = {};
  const entries = input instanceof URLSearchParams ? [...input.entries()] : Object.entries(input);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (Array.isArray(value) || key in record) {
      throw new AppError('invalid_parameter', `${key}: may be given only once`, key);
    }
    record[key] = value;
  }
  rejectUnknownParameters(record, [...QUERY_PARAMETERS, ...extraParameters]);
  return record;
}

/**
 * Refuses parameters the endpoint does not know. A misspelt filter (`latencymin`) would otherwise
 * be ignored and the answer would silently cover a different trace set than the user asked for.
 */
export function rejectUnknownParameters(record: Record<string, string>, allowed: readonly string[]): void {
  const unknown = Object.keys(record).find((key) => !allowed.includes(key));
  if (unknown === undefined) return;
  throw new AppError(
    'invalid_parameter',
    `${unknown}: unknown parameter; this endpoint accepts ${allowed.length > 0 ? allowed.join(', ') : 'no query parameters'}`,
    unknown,
  );
}

/** Validates with a zod schema; the first problem becomes a 400 naming its parameter. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, record: Record<string, string>): z.infer<Schema> {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const parameter = issue?.path.map(String).join('.') || 'query';
  throw new AppError('invalid_parameter', `${parameter}: ${issue?.message ?? 'invalid value'}`, parameter);
}
