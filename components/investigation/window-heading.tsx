'use client';

import type { HistogramsResponse } from '@/lib/domain/api-responses';
import type { TimeZoneMode } from '@/lib/url-state';
import { Instant } from '@/components/time/instant';

/** Any answer that carries the resolved window (histograms, a triage answer). */
type WindowHeadingProps = {
  response: Pick<HistogramsResponse, 'backend' | 'query'> | null;
  loading: boolean;
  timeZoneMode: TimeZoneMode;
  /** The window as the URL asks for it, shown when no answer resolved it (the request failed). */
  requested?: { from?: string; to?: string } | null;
};

function formatSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = ms / 3_600_000;
  return hours < 48 ? `${Number(hours.toFixed(1))} h` : `${Number((hours / 24).toFixed(1))} d`;
}

/** The page title with the exact window being shown, in the display zone. */
export function WindowHeading({ response, loading, timeZoneMode, requested = null }: WindowHeadingProps) {
  return (
    <div className="min-w-0">
      <h1 className="text-lg font-semibold">
        hopscope <span className="font-normal text-slate-600 dark:text-slate-300">· where the request time goes</span>
      </h1>
      <p className="text-sm tabular-nums text-slate-700 dark:text-slate-200" data-testid="window" data-from={response?.query.from} data-to={response?.query.to}>
        {response ? (
          <>
            <Instant ms={response.query.fromMs} timeZoneMode={timeZoneMode} /> – <Instant ms={response.query.toMs} timeZoneMode={timeZoneMode} showZone /> (
            {formatSpan(response.query.toMs - response.query.fromMs)}) · {response.backend === 'duckdb' ? 'embedded store' : 'Elasticsearch'}
          </>
        ) : requested ? (
          // Nothing resolved the window: say what was asked for, in the URL's own words.
          `${requested.from ?? 'the default window'}${requested.to ? ` – ${requested.to}` : ''} · no answer`
        ) : (
          'Loading the time window…'
        )}
        {loading && response && <span className="ml-2 text-xs text-slate-500">updating…</span>}
      </p>
    </div>
  );
}
