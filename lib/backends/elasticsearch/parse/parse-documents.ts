import type { estypes } from '@elastic/elasticsearch';

export type StoredDocument = { index: string; id: string; source: Record<string, unknown>; sort: unknown[] };

export type DocumentsPage = { documents: StoredDocument[]; total: number };

/** Hits to their index, id, source (empty when not fetched) and sort values. */
export function parseDocuments(response: estypes.SearchResponse): DocumentsPage {
  const hits = response.hits.hits.map((hit) => ({
    index: hit._index,
    id: hit._id ?? '',
    source: (hit._source as Record<string, unknown> | undefined) ?? {},
    sort: hit.sort ?? [],
  }));
  const total = response.hits.total;
  return { documents: hits, total: typeof total === 'number' ? total : (total?.value ?? hits.length) };
}
