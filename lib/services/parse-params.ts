import 'server-only';
import type { z } from 'zod';
import { AppError } from '@/lib/server/errors';

export type ParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Query parameters as a flat record; a repeated parameter is refused rather than guessed. */
export function toParamRecord(input: ParamsInput): Record<string, string> {
  const record: Record<string, string> = {};
  const entries = input instanceof URLSearchParams ? [...input.entries()] : Object.entries(input);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (Array.isArray(value) || key in record) {
      throw new AppError('invalid_parameter', `${key} may be given only once`, key);
    }
    record[key] = value;
  }
  return record;
}

/** Validates with a zod schema; the first problem becomes a 400 naming its parameter. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, record: Record<string, string>): z.infer<Schema> {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const parameter = issue?.path.map(String).join('.') || 'query';
  throw new AppError('invalid_parameter', `${parameter}: ${issue?.message ?? 'invalid value'}`, parameter);
}
