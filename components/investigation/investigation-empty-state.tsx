'use client';

import { openableExtent, windowsOverlap, type WindowMs } from '@/lib/domain/time-window';
import type { QueryParams, TimeZoneMode } from '@/lib/url-state';
import { Instant } from '@/components/time/instant';
import { BUTTON_CLASS } from '@/components/filters/field-styles';
import { EmptyState } from '@/components/states/empty-state';
import { activeFilters, emptyTitle } from './active-filters';

type InvestigationEmptyStateProps = {
  query: QueryParams;
  /** The edge index pattern when it matched no index at all: then no window or filter helps. */
  unmatchedEdgePattern?: string | null;
  onChange: (patch: QueryParams) => void;
  /** The window that held nothing, as the server resolved it. */
  window: WindowMs;
  /** Where the data is (the store's first and last edge line), once known. */
  dataExtent: WindowMs | null;
  timeZoneMode: TimeZoneMode;
  /** The page URL of this view on the data's extent, for the link that opens it. */
  extentHref: string | null;
};

/** No edge request matched: what to try, with one-click ways out. */
export function InvestigationEmptyState({ query, unmatchedEdgePattern = null, onChange, window, dataExtent, timeZoneMode, extentHref }: InvestigationEmptyStateProps) {
  if (unmatchedEdgePattern) {
    return (
      <EmptyState
        title={`No Elasticsearch index matches the edge index pattern ${unmatchedEdgePattern}.`}
        hints={[
          'Set HOPSCOPE_EDGE_INDEX to a pattern that matches the edge nginx indices (GET _cat/indices lists them).',
          'Check that the API key or user may read those indices (read and view_index_metadata): indices it may not read do not match the pattern.',
        ]}
      />
    );
  }
  const filters = activeFilters(query);
  const hints = [
    'Widen the time range, or go back to the default window (the loaded data’s extent for the embedded store, the last hour for Elasticsearch).',
    ...(filters.length > 1 ? ['Remove one filter at a time to see which excludes every request.'] : []),
    'Check that the edge index pattern (HOPSCOPE_EDGE_INDEX) or the loaded files (HOPSCOPE_EDGE_FILES) hold this period.',
  ];
  // The window misses the data altogether (a "last hour" on another day's logs): no filter is to blame, say where the data is.
  const elsewhere = dataExtent !== null && !windowsOverlap(window, dataExtent);
  const title = elsewhere ? (
    <span data-testid="data-elsewhere">
      No data in this window; the data spans <Instant ms={dataExtent.fromMs} timeZoneMode={timeZoneMode} /> –{' '}
      <Instant ms={dataExtent.toMs} timeZoneMode={timeZoneMode} showZone />.
    </span>
  ) : (
    emptyTitle(filters)
  );
  return (
    <EmptyState
      title={title}
      hints={hints}
      actions={
        <>
          {elsewhere && extentHref && (
            <a
              href={extentHref}
              className={BUTTON_CLASS}
              onClick={(event) => {
                // A plain click changes the view in place, as every control does; a new tab or window follows the link.
                if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                event.preventDefault();
                onChange(openableExtent(dataExtent));
              }}
            >
              Open that span
            </a>
          )}
          {(query.from || query.to) && (
            <button type="button" className={BUTTON_CLASS} onClick={() => onChange({ from: '', to: '' })}>
              Default window
            </button>
          )}
          {filters.map((filter) => (
            <button key={filter.label} type="button" className={BUTTON_CLASS} onClick={() => onChange(filter.patch)}>
              {filter.remove}
            </button>
          ))}
          {filters.length > 1 && (
            <button type="button" className={BUTTON_CLASS} onClick={() => onChange({ app: '', path: '', latencyMin: '', latencyMax: '', filter: [] })}>
              Clear filters
            </button>
          )}
        </>
      }
    />
  );
}
