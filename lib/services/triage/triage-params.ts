import 'server-only';
import type { z } from 'zod';
import { parseOrThrow } from '../parse-params';

/**
 * Validates the triage parameters of a request with their schema, looking only at the schema's
 * own keys (the shared query parameters are validated by resolveQueryOrThrow).
 */
export function parseTriageParams<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  record: Readonly<Record<string, unknown>>,
): z.infer<z.ZodObject<Shape>> {
  const own = Object.fromEntries(Object.keys(schema.shape).flatMap((key) => (record[key] !== undefined ? [[key, record[key]]] : [])));
  return parseOrThrow(schema, own);
}
