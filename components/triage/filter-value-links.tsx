import Link from 'next/link';

type FilterValueLinksProps = {
  /** What the links filter on, for their accessible names: "ingress host ingress-node-2". */
  subject: string;
  filterHref: string | null;
  /** Null where the field has no exclude filter (app, path). */
  excludeHref: string | null;
  /**
   * Two small signs instead of words, for dense tables; they take no room of their own (shown on
   * the row's hover or on focus), so a table keeps its width.
   */
  compact?: boolean;
};

const linkClass = 'text-sky-700 underline underline-offset-2 dark:text-sky-300';
const signClass =
  'rounded border border-slate-300 bg-white px-1 leading-4 text-sky-700 no-underline hover:bg-sky-50 dark:border-slate-600 dark:bg-slate-900 dark:text-sky-300';

/**
 * "Filter to this value" / "Exclude" beside any host, address or status the pages show: links to the
 * investigation page with one more `filter=` (built by the caller with `withDimensionFilter`).
 */
export function FilterValueLinks({ subject, filterHref, excludeHref, compact = false }: FilterValueLinksProps) {
  if (!filterHref && !excludeHref) return null;
  if (compact) {
    return (
      <span className="absolute right-0 top-0.5 flex gap-0.5 opacity-0 focus-within:opacity-100 group-hover:opacity-100">
        {/* The signs are drawn by CSS, so the cell's text stays the value alone (copied, read, sorted). */}
        {filterHref && <Link href={filterHref} aria-label={`Filter to ${subject}`} title={`Filter to ${subject}`} className={`${signClass} before:content-['+']`} />}
        {excludeHref && <Link href={excludeHref} aria-label={`Exclude ${subject}`} title={`Exclude ${subject}`} className={`${signClass} before:content-['−']`} />}
      </span>
    );
  }
  return (
    <span className="whitespace-nowrap text-xs" data-testid="filter-value-links">
      {filterHref && (
        <Link href={filterHref} title={`Filter to ${subject}`} className={linkClass}>
          Filter to this value
        </Link>
      )}
      {excludeHref && (
        <Link href={excludeHref} title={`Exclude ${subject}`} className={`${filterHref ? 'ml-2 ' : ''}${linkClass}`}>
          Exclude
        </Link>
      )}
    </span>
  );
}
