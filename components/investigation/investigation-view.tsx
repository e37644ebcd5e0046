'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectTimelineResponse, DataExtentResponse, EdgeHistogramResponse, HistogramsResponse, TracesResponse } from '@/lib/domain/api-responses';
import type { TriageSummaryResponse } from '@/lib/domain/triage/triage-responses';
import type { BucketSelection } from '@/lib/domain/drill-down';
import type { Tier } from '@/lib/domain/tiers';
import { toIsoInstant } from '@/lib/domain/time-expression';
import { openableExtent } from '@/lib/domain/time-window';
import { toDimensionFilterHref, toInvestigationHref, toTraceHref, withColumn, withDrill, withQuery, type InvestigationState } from '@/lib/url-state';
import { toTriageHrefFor } from '@/lib/triage-url-state';
import { FilterBar } from '@/components/filters/filter-bar';
import { useInvestigationState } from '@/components/url/use-investigation-state';
import { useHydrated } from '@/components/use-hydrated';
import { ErrorBanner } from '@/components/states/error-banner';
import { StoreLoadingNotice } from '@/components/states/store-loading-notice';
import { SampleNotice } from '@/components/states/sample-notice';
import { HistogramGridSkeleton, Skeleton } from '@/components/states/skeleton';
import { AnswerNotices } from '@/components/states/answer-notices';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import { SlowSummaryLine } from '@/components/summary/slow-summary-line';
import { slowThresholdMs, summarizeSlow, type SlowSummary } from '@/components/summary/slow-summary';
import { TraceCountsLine } from '@/components/summary/trace-counts-line';
import { HistogramGrid } from '@/components/histograms/histogram-grid';
import { DrillDownPanel } from '@/components/drill-down/drill-down-panel';
import { TimelineSection } from '@/components/timeline/timeline-section';
import { toPointDrillState, type TimelinePoint } from '@/components/timeline/timeline-interactions';
import { TriageVerdict } from '@/components/triage/triage-verdict';
import { SnapshotButton } from '@/components/snapshots/snapshot-button';
import { CollapsibleFilters } from './collapsible-filters';
import { CopyPermalinkButton } from './copy-permalink-button';
import { summarizeFilters } from './filter-summary';
import { RefreshButton } from './refresh-button';
import { InvestigationEmptyState } from './investigation-empty-state';
import { dataExtentUrl, investigationRequests, traceExportUrl, type Prefetched, type PrefetchedOrDeferred } from './investigation-requests';
import { toShownHistograms, type ShownHistograms } from './shown-histograms';
import { useApiResource } from './use-api-resource';
import { WindowHeading } from './window-heading';

/**
 * The server page's answers: the edge histogram is there when the view first renders; the four
 * histograms stream in after it, and the rest after those (see app/page.tsx).
 */
export type InvestigationPrefetched = {
  edgeHistogram: Prefetched<EdgeHistogramResponse>;
  histograms: PrefetchedOrDeferred<HistogramsResponse>;
  triage: PrefetchedOrDeferred<TriageSummaryResponse>;
  slow: PrefetchedOrDeferred<HistogramsResponse> | null;
  timelines: Record<Tier, PrefetchedOrDeferred<ConnectTimelineResponse>>;
  traces: PrefetchedOrDeferred<TracesResponse> | null;
};

/**
 * The investigation page's interactive part. It follows the URL: every control writes the URL,
 * and each resource (histograms, slow-request summary, timelines, drill-down page) is fetched for
 * the URL's state, superseded requests aborted. The server page hands over its answers for the
 * URL it rendered (the edge histogram at once, the others as they arrive), so the first paint
 * needs no request from the browser. Edge-first: until the four histograms are there, the edge
 * histogram is drawn from its own answer and the rest of the grid and the joined counts wait.
 */
export function InvestigationView({ prefetched, snapshotsEnabled }: { prefetched: InvestigationPrefetched; snapshotsEnabled: boolean }) {
  const { state, update } = useInvestigationState();
  const hydrated = useHydrated();
  const requests = useMemo(() => investigationRequests(state), [state]);
  const edgeHistogram = useApiResource(requests.edgeHistogram.url, prefetched.edgeHistogram);
  const histograms = useApiResource(requests.histograms.url, prefetched.histograms, { sampleOf: histogramsSample });
  const triage = useApiResource(requests.triage.url, prefetched.triage, { sampleOf: verdictSample });
  const slow = useApiResource(requests.slow?.url ?? null, prefetched.slow, { sampleOf: histogramsSample });
  const edgeTimeline = useApiResource(requests.edgeTimeline.url, prefetched.timelines.edge);
  const ingressTimeline = useApiResource(requests.ingressTimeline.url, prefetched.timelines.ingress);
  const traces = useApiResource(requests.traces?.url ?? null, prefetched.traces, { keepPrevious: false });

  const response = toShownHistograms(histograms, edgeHistogram);
  // The four histograms' error when there is one; the edge answer's only while they are still on their way.
  const histogramsError = histograms.error ?? (histograms.loading ? edgeHistogram.error : null);
  const retryHistograms = () => {
    if (edgeHistogram.error) edgeHistogram.retry();
    if (histograms.error) histograms.retry();
  };
  const resolvedMs = response ? { fromMs: response.query.fromMs, toMs: response.query.toMs } : null;
  const summary = slow.data ? summarizeSlow(slow.data) : null;
  // The server's resolved threshold once the slow answer is in; the URL's reading until then.
  const thresholdMs = summary?.thresholdMs ?? slowThresholdMs(state.query);
  const isEmpty = response !== null && response.edgeTraces === 0;
  // A query the server refuses (invalid_parameter) fails every request alike: one message, where
  // the answer would be, and no panel waiting for an answer that cannot come.
  const queryRefused = !response && histogramsError?.code === 'invalid_parameter';
  // Other failures leave each panel its own request: it shows its answer, or its own error with a retry.
  const showPanels = response ? !isEmpty : histogramsError !== null && !queryRefused;
  // Where the data is, asked only when the window holds none (a "last hour" on another day's data).
  const dataExtent = useApiResource<DataExtentResponse>(isEmpty ? dataExtentUrl(state.query.snapshot) : null, null).data?.extent ?? null;
  const extentRange = dataExtent ? openableExtent(dataExtent) : null;
  const traceHref = (traceId: string) => toTraceHref(traceId, state);
  const setState = (change: (current: InvestigationState) => InvestigationState, source?: string) => update(change, source);
  // The bar just chosen, whose list takes focus when its rows arrive; `#traces` in the URL asks the
  // same for a drill-down opened from a link (the triage verdict's "Show these requests").
  const [focusRequest, setFocusRequest] = useState<BucketSelection | null>(null);
  // Read once mounted, not while rendering: the server has no location, and a first render that
  // differs from the server's would not hydrate.
  const initialDrill = useRef(state.drill);
  useEffect(() => {
    if (window.location.hash === '#traces' && initialDrill.current) setFocusRequest(initialDrill.current);
  }, []);
  const clearFocusRequest = useCallback(() => setFocusRequest(null), []);
  const selectBucket = (selection: BucketSelection) => {
    setFocusRequest(selection);
    setState((current) => withDrill(current, selection));
  };
  // A timeline point opens its bin and group's traces, and the list takes focus as for a bar.
  const openPoint = (point: TimelinePoint) => {
    const next = toPointDrillState(state, point);
    if (next.drill) setFocusRequest(next.drill);
    setState((current) => toPointDrillState(current, point));
  };
  // An answer still shown for an older query would pin the export to that query's window.
  const resolvedWindow = response && !response.stale ? { from: response.query.from, to: response.query.to } : null;
  // Live Elasticsearch keeps the windows it read (materialized slices); a snapshot and the embedded store read theirs once.
  const liveElasticsearch = response?.backend === 'elasticsearch' && !state.query.snapshot;
  // Every query of the view asked again, as a URL change would ask them.
  const rerunQueries = () => {
    for (const resource of [edgeHistogram, histograms, triage, slow, edgeTimeline, ingressTimeline, traces]) resource.retry();
  };

  return (
    <div className="space-y-4" data-hydrated={hydrated}>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <WindowHeading
          response={response}
          loading={histograms.loading}
          timeZoneMode={state.timeZone}
          requested={!response && histogramsError ? { from: state.query.from, to: state.query.to } : null}
        />
        <div className="flex flex-wrap items-center gap-2">
          {liveElasticsearch && <RefreshButton window={resolvedWindow} busy={histograms.loading} onRefreshed={rerunQueries} />}
          <SnapshotButton key={requests.histograms.url} state={state} resolved={resolvedWindow} enabled={snapshotsEnabled} />
          <CopyPermalinkButton
            key={requests.histograms.url + state.timeZone}
            state={state}
            resolved={response ? { from: response.query.from, to: response.query.to } : null}
            unresolvable={!response && histogramsError !== null}
          />
          <Link href="/snapshots" className="text-sm text-slate-600 underline-offset-2 hover:underline dark:text-slate-300">
            Snapshots
          </Link>
        </div>
      </header>
      <CollapsibleFilters summary={summarizeFilters(state.query)}>
        <FilterBar resolved={resolvedMs} />
      </CollapsibleFilters>
      {!response && histogramsError && <ErrorBanner error={histogramsError} what="the histograms" onRetry={retryHistograms} />}
      {/* Elasticsearch reads a cold window's lines while its edge histogram (or a sample's answer) is already drawn: say how far it has come. */}
      {liveElasticsearch && (histograms.loading || histograms.sampled) && <StoreLoadingNotice sampled={histograms.sampled} />}
      {histograms.sampled && histograms.data?.sample && <SampleNotice statement={histograms.data.sample} />}
      {response && <AnswerNotices notices={response.notices} />}

      {!response && !histogramsError && (
        <>
          <Skeleton className="h-6 w-3/4" label="Loading the summary" />
          <HistogramGridSkeleton />
        </>
      )}
      {isEmpty && (
        <InvestigationEmptyState
          query={state.query}
          unmatchedEdgePattern={unmatchedEdgePattern(response.notices)}
          onChange={(patch) => setState((current) => withQuery(current, patch))}
          window={{ fromMs: response.query.fromMs, toMs: response.query.toMs }}
          dataExtent={dataExtent}
          timeZoneMode={state.timeZone}
          extentHref={extentRange ? toInvestigationHref(withQuery(state, extentRange)) : null}
        />
      )}
      {showPanels && (
        <div className={`space-y-4 ${response?.stale ? 'opacity-60 transition-opacity' : ''}`} aria-busy={histograms.loading}>
          <TriageVerdict
            summary={triage.data}
            error={triage.error}
            loading={triage.loading}
            onRetry={triage.retry}
            detailsHref={toTriageHrefFor(state)}
            state={state}
            onShowRequests={setFocusRequest}
          />
          <div className="space-y-1">
            {slow.error ? (
              <ErrorBanner error={slow.error} what="the slow-request summary" onRetry={slow.retry} />
            ) : requests.slow && !summary ? (
              <Skeleton className="h-6 w-3/4" label="Loading the summary" />
            ) : (
              <SlowSummaryLine summary={summary} thresholdMs={thresholdMs} stale={slow.loading} countShownAbove={verdictStatesSlowCount(triage.data, triage.loading, summary)} />
            )}
            {response?.counts ? (
              <TraceCountsLine counts={response.counts} />
            ) : (
              response && !histograms.error && <Skeleton className="h-4 w-1/2" label="Loading the trace counts" />
            )}
          </div>
          {response && histogramsError && <ErrorBanner error={histogramsError} what="the histograms" onRetry={retryHistograms} />}
          {response && (
            <HistogramGrid
              histograms={response.histograms}
              pending={histograms.loading}
              scale={state.scale}
              selection={state.drill}
              onScaleChange={(scale) => setState((current) => ({ ...current, scale }))}
              onSelectBucket={selectBucket}
            />
          )}
        </div>
      )}

      {state.drill && (
        <DrillDownPanel
          selection={state.drill}
          bucketCount={bucketCount(response, state)}
          page={traces.data}
          error={traces.error}
          loading={traces.loading}
          isFirstPage={state.cursor === null}
          sort={state.sort}
          columns={state.columns}
          timeZoneMode={state.timeZone}
          focusRequested={focusRequest !== null && sameSelection(focusRequest, state.drill)}
          onFocused={clearFocusRequest}
          onSortChange={(sort) => setState((current) => ({ ...current, sort }))}
          onColumnChange={(column, shown) => setState((current) => withColumn(current, column, shown))}
          onNextPage={(cursor) => setState((current) => ({ ...current, cursor }))}
          onFirstPage={() => setState((current) => ({ ...current, cursor: null }))}
          onClose={() => {
            setFocusRequest(null);
            setState((current) => withDrill(current, null));
          }}
          onRetry={traces.retry}
          hrefFor={traceHref}
          filterHrefFor={(filter) => toDimensionFilterHref(state, filter)}
          exportHref={(format) => traceExportUrl(state, format, resolvedWindow) ?? ''}
        />
      )}

      {!isEmpty && !queryRefused && (
        <TimelineSection
          state={state}
          timelines={{ edge: edgeTimeline, ingress: ingressTimeline }}
          onStateChange={setState}
          onBrush={({ fromMs, toMs }) => setState((current) => withQuery(current, { from: toIsoInstant(fromMs), to: toIsoInstant(toMs) }))}
          onOpenPoint={openPoint}
        />
      )}
    </div>
  );
}

/** What a sampled first answer of the histograms (and of the slow-set ones) says of its sample. */
const histogramsSample = (answer: HistogramsResponse) => answer.sample;

/** The triage summary's sample: its parts come from the same one. */
const verdictSample = (answer: TriageSummaryResponse) => answer.attribution.sample;

/**
 * Whether the verdict states the slow count and the requests without an ingress line for exactly
 * the slow summary's requests (current, the same range), so the summary leaves them out.
 */
function verdictStatesSlowCount(triage: TriageSummaryResponse | null, loading: boolean, summary: SlowSummary | null): boolean {
  if (!triage || loading || !summary) return false;
  return triage.slowMs === summary.thresholdMs && triage.slowMaxMs === null;
}

/** The count of the selected bar, when the selection is one of the current histogram's bars. */
function bucketCount(response: ShownHistograms | null, state: InvestigationState): number | null {
  if (!response || !state.drill) return null;
  const { histogram, fromMs, toMs } = state.drill;
  const h = response.histograms[histogram];
  if (!h) return null;
  if (fromMs === null && toMs === 0) return h.underflow;
  if (fromMs === h.upperMs && toMs === null) return h.overflow;
  return h.buckets.find((bucket) => bucket.fromMs === fromMs && bucket.toMs === toMs)?.count ?? null;
}

const sameSelection = (a: BucketSelection, b: BucketSelection) => a.histogram === b.histogram && a.fromMs === b.fromMs && a.toMs === b.toMs;

function unmatchedEdgePattern(notices: readonly AnswerNotice[]): string | null {
  for (const notice of notices) if (notice.code === 'no_matching_index' && notice.tier === 'edge') return notice.indexPattern;
  return null;
}
