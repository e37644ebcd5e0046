import { parseDimensionFilter } from '@/lib/domain/dimension-filters';

type DimensionFilterChipsProps = {
  /** The page's `filter` parameters as written in the URL. */
  filters: readonly string[];
  onRemove: (index: number) => void;
};

/** "ingress.host = ingress-node-2", "edge.status ≠ 499"; a filter the server will refuse shows as written. */
function describeFilter(text: string): string {
  const parsed = parseDimensionFilter(text);
  if (!parsed.ok) return text;
  return `${parsed.filter.field} ${parsed.filter.exclude ? '≠' : '='} ${parsed.filter.value}`;
}

/**
 * The dimension filters narrowing the view, each removable on its own: a filtered view always
 * says it is filtered, so no one reads a node's share as the window's.
 */
export function DimensionFilterChips({ filters, onRemove }: DimensionFilterChipsProps) {
  if (filters.length === 0) return null;
  return (
    <ul aria-label="Dimension filters" className="flex flex-wrap items-center gap-1.5 text-sm">
      {filters.map((filter, index) => {
        const label = describeFilter(filter);
        return (
          <li
            key={`${index}:${filter}`}
            className="flex items-center gap-1 rounded-full border border-sky-300 bg-sky-50 py-0.5 pl-2.5 pr-1 font-mono text-xs text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100"
          >
            <span>{label}</span>
            <button
              type="button"
              aria-label={`Remove filter ${label}`}
              className="rounded-full px-1.5 leading-5 hover:bg-sky-200 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-sky-800"
              onClick={() => onRemove(index)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
