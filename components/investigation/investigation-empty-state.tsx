'use client';

import type { QueryParams } from '@/lib/url-state';
import { BUTTON_CLASS } from '@/components/filters/field-styles';
import { EmptyState } from '@/components/states/empty-state';
import { activeFilters, emptyTitle } from './active-filters';

type InvestigationEmptyStateProps = {
  query: QueryParams;
  /** The edge index pattern when it matched no index at all: then no window or filter helps. */
  unmatchedEdgePattern?: string | null;
  onChange: (patch: QueryParams) => void;
};

/** No edge request matched: what to try, with one-click ways out. */
export function InvestigationEmptyState({ query, unmatchedEdgePattern = null, onChange }: InvestigationEmptyStateProps) {
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
  return (
    <EmptyState
      title={emptyTitle(filters)}
      hints={hints}
      actions={
        <>
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
