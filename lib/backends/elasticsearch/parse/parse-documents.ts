import type { estypes } from '@elastic/elasticsearch';

/** A hit; `timestampMs` is its time field's first doc value (asked in epoch milliseconds), null without one. */
export type StoredDocument = { index: string; id: string; source: Record<string, unknown>; sort: unknown[]; timestampMs: number | null };

export type DocumentsPage = { documents: StoredDocument[]; total: number };

/** Epoch milliseconds as Elasticsearch writes them ("1605780000000", "1605780000000.123456" for nanoseconds), truncated. */
function epochMillis(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : null;
  const whole = text === null ? null : /^-?\d+/.exec(text)?.[0];
  return whole === undefined || whole === null ? null : Number(whole);
}

/** Hits to their index, id, source (empty when not fetched), sort values and the time field's doc value, when asked. */
export function parseDocuments(response: estypes.SearchResponse, timeField?: string): DocumentsPage {
  const hits = response.hits.hits.map((hit) => ({
    index: hit._index,
    id: hit._id ?? '',
    source: (hit._source as Record<string, unknown> | undefined) ?? {},
    sort: hit.sort ?? [],
    timestampMs: timeField === undefined ? null : epochMillis((hit.fields?.[timeField] as unknown[] | undefined)?.[0]),
  }));
  const total = response.hits.total;
  return { documents: hits, total: typeof total === 'number' ? total : (total?.value ?? hits.length) };
}
