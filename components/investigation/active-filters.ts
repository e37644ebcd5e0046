import { parseDimensionFilter } from '@/lib/domain/dimension-filters';
import type { QueryParams } from '@/lib/url-state';

/** One filter of the query, in words, with the patch that removes it alone. */
export type ActiveFilter = { label: string; remove: string; patch: QueryParams };

/**
 * The query's filters (window excluded), each with the change that removes it, so an empty answer
 * can say which filters emptied it and offer to drop each one. Several filters are named together:
 * which of them alone would empty the window is not known without asking again.
 */
export function activeFilters(query: QueryParams): ActiveFilter[] {
  const filters: ActiveFilter[] = [];
  if (query.app) filters.push({ label: `app = ${query.app}`, remove: 'Remove app', patch: { app: '' } });
  if (query.path) filters.push({ label: `path = ${query.path}`, remove: 'Remove path', patch: { path: '' } });
  if (query.latencyMin || query.latencyMax) {
    const label =
      query.latencyMin && query.latencyMax
        ? `edge latency ${query.latencyMin}–${query.latencyMax} s`
        : query.latencyMin
          ? `edge latency ≥ ${query.latencyMin} s`
          : `edge latency < ${query.latencyMax} s`;
    filters.push({ label, remove: 'Remove the latency range', patch: { latencyMin: '', latencyMax: '' } });
  }
  const dimensions = query.filter ?? [];
  dimensions.forEach((text, index) => {
    const parsed = parseDimensionFilter(text);
    const label = parsed.ok ? `${parsed.filter.field} ${parsed.filter.exclude ? '≠' : '='} ${parsed.filter.value}` : text;
    filters.push({ label, remove: `Remove ${label}`, patch: { filter: dimensions.filter((_, other) => other !== index) } });
  });
  return filters;
}

/** "No traces with app = user-apii in this window", naming every filter when there are several. */
export function emptyTitle(filters: readonly ActiveFilter[]): string {
  if (filters.length === 0) return 'No edge requests match this query.';
  const labels = filters.map((filter) => filter.label);
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
  return `No traces with ${list} in this window.`;
}
