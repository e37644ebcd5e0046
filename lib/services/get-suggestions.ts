import 'server-only';
import { z } from 'zod';
import type { LatencyBackend } from '@/lib/backends/types';
import type { SuggestionsResponse } from '@/lib/domain/api-responses';
import { readEndpointParams, type ParamsInput } from './parse-params';
import { resolveQueryOrThrow } from './resolve-query';

const suggestionSchema = z.object({
  field: z.enum(['app', 'path'], { message: 'field must be app or path' }),
  prefix: z.string().max(200, 'prefix is longer than 200 characters').optional(),
  limit: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'limit must be a whole number between 1 and 100')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100, 'limit must be between 1 and 100')
    .default(20),
});

/** Frequent app or path values in the window, for the filter bar. */
export async function getSuggestions(backend: LatencyBackend, input: ParamsInput, signal?: AbortSignal): Promise<SuggestionsResponse> {
  const { record, own } = readEndpointParams(input, suggestionSchema);
  const { field, prefix, limit } = own;
  const query = await resolveQueryOrThrow(backend, record, signal);
  const values = await backend.fetchSuggestions(query, field, prefix ? prefix : null, limit, { signal });
  return { field, values };
}
