import Link from 'next/link';

type FilterValueLinksProps = {
  /** What the links filter on, for their accessible names: "ingress host ingress-node-2". */
  subject: string;
  filterHref: string | null;
  /** Null where the field has no exclude filter (app, path). */
  excludeHref: string | null;
  /**
   * Two small signs instead of words, for dense tables: stacked in the gutter the cell keeps free
   * for them (COMPACT_SIGNS_CELL_PADDING, in a `relative` cell), shown on the row's hover or on
   * focus. Side by side they would need about twice the width, which six such columns cannot
   * spare at 1440 px; over the text they hid the end of a host or address.
   */
  compact?: boolean;
};

/** The padding of a cell that holds compact signs: its right side is the signs' gutter (w-3.5 + right-0.5 + a gap). */
export const COMPACT_SIGNS_CELL_PADDING = 'py-1 pl-1.5 pr-5';

const linkClass = 'text-sky-700 underline underline-offset-2 dark:text-sky-300';
const signClass =
  'flex flex-1 items-center justify-center rounded border border-slate-300 bg-white text-[10px] leading-none text-sky-700 no-underline hover:bg-sky-50 dark:border-slate-600 dark:bg-slate-900 dark:text-sky-300';

/**
 * "Filter to this value" / "Exclude" beside any host, address or status the pages show: links to the
 * investigation page with one more `filter=` (built by the caller with `withDimensionFilter`).
 */
export function FilterValueLinks({ subject, filterHref, excludeHref, compact = false }: FilterValueLinksProps) {
  if (!filterHref && !excludeHref) return null;
  if (compact) {
    return (
      <span className="absolute inset-y-0.5 right-0.5 flex w-3.5 flex-col gap-px opacity-0 focus-within:opacity-100 group-hover:opacity-100">
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
