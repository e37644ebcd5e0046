'use client';

import { useRef } from 'react';
import type { ApiErrorBody, TracesResponse } from '@/lib/domain/api-responses';
import type { DimensionFilter } from '@/lib/domain/dimension-filters';
import type { BucketSelection } from '@/lib/domain/drill-down';
import { HISTOGRAM_TITLES } from '@/lib/domain/histogram-names';
import { TRACE_EXPORT_FORMATS, type TraceExportFormat } from '@/lib/domain/trace-export';
import type { TimeZoneMode, TraceOptionalColumn, TraceSort } from '@/lib/url-state';
import { formatCount, formatRange } from '@/components/format';
import { ErrorBanner } from '@/components/states/error-banner';
import { Skeleton } from '@/components/states/skeleton';
import { ColumnChooser } from './column-chooser';
import { TraceTable } from './trace-table';
import { useFocusWhenReady } from './use-focus-when-ready';

type DrillDownPanelProps = {
  selection: BucketSelection;
  /** The bar's count in its histogram, when known. */
  bucketCount: number | null;
  page: TracesResponse | null;
  error: ApiErrorBody['error'] | null;
  loading: boolean;
  isFirstPage: boolean;
  sort: TraceSort;
  columns: readonly TraceOptionalColumn[];
  timeZoneMode: TimeZoneMode;
  /** A bar was just chosen: bring the list into view and focus it once its answer is here. */
  focusRequested: boolean;
  onFocused: () => void;
  onSortChange: (sort: TraceSort) => void;
  onColumnChange: (column: TraceOptionalColumn, shown: boolean) => void;
  onNextPage: (cursor: string) => void;
  onFirstPage: () => void;
  onClose: () => void;
  onRetry: () => void;
  hrefFor: (traceId: string) => string;
  /** The investigation page with one more dimension filter ("Filter to this value" / "Exclude" on hosts, addresses, statuses). */
  filterHrefFor?: (filter: DimensionFilter) => string;
  /** The download of every trace of the selection, not just this page. */
  exportHref: (format: TraceExportFormat) => string;
};

const buttonClass =
  'rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-600 dark:hover:bg-slate-800';

const EXPORT_LABELS: Record<TraceExportFormat, string> = { csv: 'Export CSV', ndjson: 'Export NDJSON' };

/** The list of traces behind one histogram bar, one page at a time. */
export function DrillDownPanel(props: DrillDownPanelProps) {
  const { selection, bucketCount, page, error, loading, isFirstPage } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusWhenReady(heading, props.focusRequested, !loading && (page !== null || error !== null), props.onFocused);
  const title = `${HISTOGRAM_TITLES[selection.histogram]}: ${formatRange(selection.fromMs, selection.toMs)}`;
  const all = bucketCount !== null ? `all ${formatCount(bucketCount)} traces` : 'every trace';
  return (
    <section id="traces" aria-labelledby="drill-down-heading" data-testid="drill-down" aria-busy={loading} className="scroll-mt-2 space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {/* Focused from code only (tabIndex -1), so the ring shows after a mouse click too: focus, not focus-visible. */}
        <h2 id="drill-down-heading" ref={heading} tabIndex={-1} className="rounded-sm text-base font-semibold focus:outline-2 focus:outline-offset-2 focus:outline-amber-500">
          Traces in {title}
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
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-600 dark:text-slate-300">
          Newest first, {page ? `${page.traces.length} on this page` : 'one page at a time'}; column sorting applies to this page. Open a
          trace for its waterfall.
        </p>
        <div className="flex items-center gap-2">
          <ColumnChooser shown={props.columns} onChange={props.onColumnChange} buttonClass={buttonClass} />
          {TRACE_EXPORT_FORMATS.map((format) => (
            <a key={format} href={props.exportHref(format)} download className={buttonClass} title={`Download ${all} of this bar, not just this page`}>
              {EXPORT_LABELS[format]}
            </a>
          ))}
        </div>
      </div>
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
            columns={props.columns}
            timeZoneMode={props.timeZoneMode}
            onSortChange={props.onSortChange}
            hrefFor={props.hrefFor}
            filterHrefFor={props.filterHrefFor}
          />
        </div>
      )}
    </section>
  );
}
