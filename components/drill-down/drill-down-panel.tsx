'use client';

import type { ApiErrorBody, TracesResponse } from '@/lib/domain/api-responses';
import type { BucketSelection } from '@/lib/domain/drill-down';
import { HISTOGRAM_TITLES } from '@/lib/domain/histogram-names';
import type { TimeZoneMode, TraceSort } from '@/lib/url-state';
import { formatCount, formatRange } from '@/components/format';
import { ErrorBanner } from '@/components/states/error-banner';
import { Skeleton } from '@/components/states/skeleton';
import { TraceTable } from './trace-table';

type DrillDownPanelProps = {
  selection: BucketSelection;
  /** The bar's count in its histogram, when known. */
  bucketCount: number | null;
  page: TracesResponse | null;
  error: ApiErrorBody['error'] | null;
  loading: boolean;
  isFirstPage: boolean;
  sort: TraceSort;
  timeZoneMode: TimeZoneMode;
  onSortChange: (sort: TraceSort) => void;
  onNextPage: (cursor: string) => void;
  onFirstPage: () => void;
  onClose: () => void;
  onRetry: () => void;
  hrefFor: (traceId: string) => string;
};

const buttonClass =
  'rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-600 dark:hover:bg-slate-800';

/** The list of traces behind one histogram bar, one page at a time. */
export function DrillDownPanel(props: DrillDownPanelProps) {
  const { selection, bucketCount, page, error, loading, isFirstPage } = props;
  const heading = `${HISTOGRAM_TITLES[selection.histogram]}: ${formatRange(selection.fromMs, selection.toMs)}`;
  return (
    <section aria-labelledby="drill-down-heading" data-testid="drill-down" aria-busy={loading} className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="drill-down-heading" className="text-base font-semibold">
          Traces in {heading}
          {bucketCount !== null && <span className="font-normal text-slate-600 dark:text-slate-300"> ({formatCount(bucketCount)})</span>}
        </h2>
        <div className="flex items-center gap-2">
          <button type="button" className={buttonClass} disabled={isFirstPage} onClick={props.onFirstPage}>
            Newest page
          </button>
          <button
            type="button"
            className={buttonClass}
            disabled={!page?.nextCursor}
            onClick={() => page?.nextCursor && props.onNextPage(page.nextCursor)}
          >
            Older traces →
          </button>
          <button type="button" className={buttonClass} onClick={props.onClose} aria-label="Close the trace list">
            Close
          </button>
        </div>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-300">
        Newest first, {page ? `${page.traces.length} on this page` : 'one page at a time'}; column sorting applies to this page. Open a
        trace for its waterfall.
      </p>
      {error && <ErrorBanner error={error} what="the traces of this bucket" onRetry={props.onRetry} />}
      {!page && !error && <Skeleton className="h-40" label="Loading traces" />}
      {page && page.traces.length === 0 && (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-sm dark:border-slate-600">No traces in this bucket.</p>
      )}
      {page && page.traces.length > 0 && (
        <div className={loading ? 'opacity-60 transition-opacity' : ''}>
          <TraceTable
            traces={page.traces}
            sort={props.sort}
            timeZoneMode={props.timeZoneMode}
            onSortChange={props.onSortChange}
            hrefFor={props.hrefFor}
          />
        </div>
      )}
    </section>
  );
}
