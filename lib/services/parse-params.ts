import 'server-only';
import type { z } from 'zod';
import { QUERY_PARAMETERS, REPEATABLE_QUERY_PARAMETERS } from '@/lib/domain/query';
import { AppError } from '@/lib/server/core/errors';

export type ParamsInput = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Parameters as a record: one string each, an array for the repeatable ones (`filter`). */
export type ParamRecord = Record<string, string> & { filter?: string[] };

const isRepeatable = (key: string) => (REPEATABLE_QUERY_PARAMETERS as readonly string[]).includes(key);

/**
 * Query parameters as a record; a repeated parameter is refused rather than guessed (except the
 * repeatable `filter`), and so is one that is neither a shared query parameter nor one of the
 * endpoint's `extraParameters`.
 */
export function toParamRecord(input: ParamsInput, extraParameters: readonly string[] = []): ParamRecord {
  const record: Record<string, string> = {};
  const repeated: string[] = [];
  const entries: [string, string | readonly string[] | undefined][] = input instanceof URLSearchParams ? [...input.entries()] : Object.entries(input);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (isRepeatable(key)) {
      repeated.push(...(typeof value === 'string' ? [value] : value));
      continue;
    }
    if (typeof value !== 'string' || key in record) {
      throw new AppError('invalid_parameter', `${key}: may be given only once`, key);
    }
    record[key] = value;
  }
  rejectUnknownParameters(record, [...QUERY_PARAMETERS, ...extraParameters]);
  return repeated.length > 0 ? Object.assign(record, { filter: repeated }) as ParamRecord : record;
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
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, record: Readonly<Record<string, unknown>>): z.infer<Schema> {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // An element of a repeatable parameter is named by the parameter (`filter`, not `filter.1`).
  const parameter = issue?.path.filter((part) => typeof part === 'string').join('.') || 'query';
  throw new AppError('invalid_parameter', `${parameter}: ${issue?.message ?? 'invalid value'}`, parameter);
}

/** An endpoint's own parameters: an object schema (refinements keep the shape in zod 4). */
type ParamsSchema = z.ZodType & { shape: Record<string, unknown> };

/**
 * The one way an endpoint reads its parameters: the shared query's (returned as `record`, for
 * resolveQueryOrThrow) and its own, the keys of `schema`, validated by it (`own`). Anything
 * else is refused (toParamRecord), and an invalid value is a 400 naming its parameter.
 */
export function readEndpointParams<Schema extends ParamsSchema>(input: ParamsInput, schema: Schema): { record: ParamRecord; own: z.infer<Schema> } {
  const keys = Object.keys(schema.shape);
  const record = toParamRecord(input, keys);
  const own = Object.fromEntries(keys.flatMap((key) => (record[key] !== undefined ? [[key, record[key]]] : [])));
  return { record, own: parseOrThrow(schema, own) };
}

/** For endpoints that take no query parameter: any one sent is refused, since the answer would not depend on it. */
export function rejectAnyParameter(params: ParamsInput): void {
  const names = params instanceof URLSearchParams ? [...params.keys()] : Object.keys(params);
  rejectUnknownParameters(Object.fromEntries(names.map((name) => [name, ''])), []);
}
