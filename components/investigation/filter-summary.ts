import { parseDimensionFilter } from '@/lib/domain/dimension-filters';
import type { QueryParams } from '@/lib/url-state';

/**
 * The active filters of a query in a few words each, for the collapsed filter panel of a phone
 * ("app user-api", "latency ≥ 1 s", "ingress.host = ingress-node-2"). Empty when nothing narrows
 * the view beyond its time range, which the window heading shows anyway.
 */
export function summarizeFilters(query: QueryParams): string[] {
  const items: string[] = [];
  if (query.app) items.push(`app ${query.app}`);
  if (query.path) items.push(`path ${query.path}`);
  if (query.latencyMin && query.latencyMax) items.push(`latency ${query.latencyMin}–${query.latencyMax} s`);
  else if (query.latencyMin) items.push(`latency ≥ ${query.latencyMin} s`);
  else if (query.latencyMax) items.push(`latency < ${query.latencyMax} s`);
  if (query.bucket) items.push(`bucket ${query.bucket} s`);
  if (query.upper) items.push(`upper ${query.upper} s`);
  for (const text of query.filter ?? []) {
    const parsed = parseDimensionFilter(text);
    // An invalid filter is shown as written: the page names the problem elsewhere.
    items.push(parsed.ok ? `${parsed.filter.field} ${parsed.filter.exclude ? '≠' : '='} ${parsed.filter.value}` : text);
  }
  return items;
}
