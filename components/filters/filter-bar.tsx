'use client';

import { DEFAULT_BUCKET_MS, DEFAULT_UPPER_MS } from '@/lib/domain/query';
import { findDraftIssue, withQuery, type QueryKey } from '@/lib/url-state';
import { msToSecondsText } from '@/components/format';
import { suggestionsUrl } from '@/components/investigation/investigation-requests';
import { useInvestigationState } from '@/components/url/use-investigation-state';
import { DimensionFilterChips } from './dimension-filter-chips';
import { BUTTON_CLASS } from './field-styles';
import { SecondsField } from './seconds-field';
import { SuggestInput } from './suggest-input';
import { TimeRangeControl } from './time-range-control';

type FilterBarProps = {
  /** The window the server resolved for the current URL, once known. */
  resolved: { fromMs: number; toMs: number } | null;
};

/** Every filter of the investigation. Controls only write the URL; the page follows the URL. */
export function FilterBar({ resolved }: FilterBarProps) {
  const { state, update } = useInvestigationState();
  const { query } = state;
  const commit = (key: QueryKey) => (value: string) => update((current) => withQuery(current, { [key]: value }), key);
  // Each seconds field is checked with the query's other values: latencyMin 1 and latencyMax 0.5 are refused in the form.
  const issueFor = (key: QueryKey) => (text: string) => findDraftIssue(query, key, text);
  const filters = query.filter ?? [];
  const hasFilters = Boolean(query.app || query.path || query.latencyMin || query.latencyMax || query.bucket || query.upper || filters.length > 0);

  return (
    <div role="search" aria-label="Filters" className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-900">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
        <SuggestInput
          label="App (app_name)"
          name="app"
          value={query.app ?? ''}
          placeholder="all apps"
          suggestionsUrlFor={(prefix) => suggestionsUrl(query, 'app', prefix)}
          onCommit={commit('app')}
          className="w-40"
        />
        <SuggestInput
          label="Path"
          name="path"
          value={query.path ?? ''}
          placeholder="all paths"
          suggestionsUrlFor={(prefix) => suggestionsUrl(query, 'path', prefix)}
          onCommit={commit('path')}
          className="w-64 max-w-full"
        />
        <fieldset className="flex items-start gap-1.5">
          <legend className="sr-only">Edge request_time range</legend>
          <SecondsField label="Edge latency ≥" name="latencyMin" value={query.latencyMin ?? ''} issueFor={issueFor('latencyMin')} placeholder="0" onCommit={commit('latencyMin')} />
          <SecondsField label="and <" name="latencyMax" value={query.latencyMax ?? ''} issueFor={issueFor('latencyMax')} placeholder="∞" onCommit={commit('latencyMax')} />
        </fieldset>
        <fieldset className="flex items-start gap-1.5">
          <legend className="sr-only">Histogram buckets</legend>
          <SecondsField label="Bucket width" name="bucket" value={query.bucket ?? ''} issueFor={issueFor('bucket')} placeholder={msToSecondsText(DEFAULT_BUCKET_MS)} onCommit={commit('bucket')} />
          <SecondsField label="Upper bound" name="upper" value={query.upper ?? ''} issueFor={issueFor('upper')} placeholder={msToSecondsText(DEFAULT_UPPER_MS)} onCommit={commit('upper')} />
        </fieldset>
        <button
          type="button"
          className={`${BUTTON_CLASS} self-end`}
          disabled={!hasFilters}
          onClick={() =>
            update((current) => withQuery(current, { app: '', path: '', latencyMin: '', latencyMax: '', bucket: '', upper: '', filter: [] }))
          }
        >
          Clear filters
        </button>
      </div>
      <DimensionFilterChips
        filters={filters}
        onRemove={(index) => update((current) => withQuery(current, { filter: filters.filter((_, at) => at !== index) }), 'filter')}
      />
      <TimeRangeControl
        from={query.from}
        to={query.to}
        resolved={resolved}
        timeZoneMode={state.timeZone}
        onRangeChange={(range) => update((current) => withQuery(current, range ?? { from: '', to: '' }))}
        onTimeZoneChange={(timeZone) => update((current) => ({ ...current, timeZone }))}
      />
    </div>
  );
}
