import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import type { NormalizedQuery } from '@/lib/domain/query';
import type { LatencyBackend } from '@/lib/backends/types';
import { getBackendFor } from '@/lib/server/backend';
import { toErrorBody } from '@/lib/server/core/error-body';
import { resolveQueryOrThrow } from '@/lib/services/resolve-query';
import { getAttribution } from '@/lib/services/triage/get-attribution';
import { getConnectionReuse } from '@/lib/services/triage/get-connection-reuse';
import { getCorrelations } from '@/lib/services/triage/get-correlations';
import { getRetransmissions } from '@/lib/services/triage/get-retransmissions';
import { getWindowComparison } from '@/lib/services/triage/get-window-comparison';
import {
  parseTriageState,
  TRIAGE_KEYS,
  previousPeriod,
  toTriageHref,
  toTriageSearchParams,
  toTriageServiceParams,
  withTriage,
  type TriageSection,
  type TriageState,
} from '@/lib/triage-url-state';
import {
  describeUnknownPageParameter,
  findUnknownPageParameters,
  toInvestigationHref,
  toPermalinkState,
  withoutParameters,
  type SearchParamsInput,
} from '@/lib/url-state';
import { WindowHeading } from '@/components/investigation/window-heading';
import { PageError } from '@/components/states/page-error';
import { UnknownParameters } from '@/components/states/unknown-parameters';
import { InvestigationSkeleton } from '@/components/states/investigation-skeleton';
import { Skeleton } from '@/components/states/skeleton';
import { AttributionPanel } from '@/components/triage/attribution-panel';
import { CompareWindowControl } from '@/components/triage/compare-window-control';
import { ConnectionReuseTables } from '@/components/triage/connection-reuse-tables';
import { CorrelationTable } from '@/components/triage/correlation-table';
import { RetransmissionFindings } from '@/components/triage/retransmission-findings';
import { ScrollToSection } from '@/components/triage/scroll-to-section';
import { correlationFilterHref, retransmissionFindingHref } from '@/components/triage/triage-links';
import { TriagePanelFrame } from '@/components/triage/triage-panel-frame';
import { WindowComparisonPanel } from '@/components/triage/window-comparison-panel';
import { SnapshotBanner } from '@/components/snapshots/snapshot-banner';
import { readSnapshotBanner } from '@/app/read-snapshot-banner';
import { TriagePanelBody } from './triage-panel-body';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'hopscope · triage' };

/**
 * The triage page: the five analyses of the investigation page's query, each in its own panel
 * answered on the server (services called directly, not the API) and streamed on its own, so a
 * slow or failing panel holds up none of the others. Every panel is addressable (`section=` and
 * the fragment), and the compared window lives in the URL.
 */
export default async function TriagePage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const params = await searchParams;
  const unknown = findUnknownPageParameters(params, TRIAGE_KEYS);
  if (unknown.length > 0) {
    return (
      <main className="mx-auto max-w-[1600px] p-4">
        <UnknownParameters
          messages={unknown.map((key) => describeUnknownPageParameter(key, TRIAGE_KEYS))}
          withoutHref={`/triage?${withoutParameters(params, unknown)}`}
          withoutLabel={`Open the triage without ${unknown.join(', ')}`}
        />
      </main>
    );
  }
  const state = parseTriageState(params);
  const snapshot = await readSnapshotBanner(state.investigation.query.snapshot);
  return (
    <main className="mx-auto max-w-[1600px] space-y-4 p-4">
      {snapshot && <SnapshotBanner snapshot={snapshot} timeZoneMode={state.investigation.timeZone} />}
      <Suspense key={toTriageSearchParams(withTriage(state, { section: null })).toString()} fallback={<InvestigationSkeleton />}>
        <TriageContent state={state} />
      </Suspense>
    </main>
  );
}

const panelSkeleton = (label: string) => <Skeleton className="h-48" label={`Loading ${label}`} />;

async function TriageContent({ state }: { state: TriageState }) {
  const backHref = toInvestigationHref(state.investigation);
  let backend: LatencyBackend;
  let query: NormalizedQuery;
  try {
    // The snapshot, when the URL names one, is the backend; the services' parameters leave it out.
    backend = await getBackendFor(state.investigation.query.snapshot);
    query = await resolveQueryOrThrow(backend, toTriageServiceParams(withTriage(state, { slow: null })));
  } catch (error) {
    const body = toErrorBody(error);
    return (
      <div className="space-y-4">
        <TriageHeader backHref={backHref} heading={null} state={state} />
        <PageError error={body.error} what="the triage of this query" />
      </div>
    );
  }
  // Links from the panels keep the page's own relative range (now-1h) as written; only the comparison's permalink pins both windows.
  const params = toTriageServiceParams(state);
  // Retransmissions and connection reuse look at every request: they take no slow threshold and refuse one.
  const queryParams = toTriageServiceParams(withTriage(state, { slow: null }));
  const previous = previousPeriod(query);
  const compare = state.triage.compareFrom && state.triage.compareTo ? { compareFrom: state.triage.compareFrom, compareTo: state.triage.compareTo } : previous;
  const frame = (section: TriageSection, children: ReactNode) => (
    <TriagePanelFrame section={section} selected={state.triage.section === section} href={toTriageHref(withTriage(state, { section }))}>
      {children}
    </TriagePanelFrame>
  );

  return (
    <div className="space-y-4">
      <ScrollToSection section={state.triage.section} />
      <TriageHeader backHref={backHref} heading={{ backend: backend.kind, query }} state={state} />
      {frame(
        'attribution',
        <Suspense fallback={panelSkeleton('the attribution')}>
          <TriagePanelBody
            what="the attribution"
            load={() => getAttribution(backend, params)}
            isEmpty={(data) => data.traces.all === 0}
            render={(data) => <AttributionPanel attribution={data} />}
          />
        </Suspense>,
      )}
      {frame(
        'correlations',
        <Suspense fallback={panelSkeleton('the correlations')}>
          <TriagePanelBody
            what="the correlations"
            load={() => getCorrelations(backend, params)}
            isEmpty={(data) => data.traces.all === 0}
            render={(data) => (
              <CorrelationTable
                correlations={data}
                hrefFor={(ref) => correlationFilterHref(state.investigation, ref)}
                excludeHrefFor={(ref) => correlationFilterHref(state.investigation, ref, true)}
              />
            )}
          />
        </Suspense>,
      )}
      {frame(
        'retransmissions',
        <Suspense fallback={panelSkeleton('the retransmission signature')}>
          <TriagePanelBody
            what="the retransmission signature"
            load={() => getRetransmissions(backend, queryParams)}
            isEmpty={(data) => data.checks.length === 0 && data.findings.length === 0}
            render={(data) => <RetransmissionFindings retransmissions={data} hrefFor={(finding) => retransmissionFindingHref(state.investigation, finding)} />}
          />
        </Suspense>,
      )}
      {frame(
        'connection-reuse',
        <Suspense fallback={panelSkeleton('the connection reuse')}>
          <TriagePanelBody
            what="the connection reuse"
            load={() => getConnectionReuse(backend, queryParams)}
            isEmpty={(data) => data.hops.every((hop) => hop.all.lines === 0)}
            render={(data) => <ConnectionReuseTables reuse={data} state={state.investigation} />}
          />
        </Suspense>,
      )}
      {frame(
        'compare',
        <div className="space-y-3">
          <CompareWindowControl key={`${compare.compareFrom}|${compare.compareTo}`} {...compare} previous={previous} />
          {!(state.triage.compareFrom && state.triage.compareTo) && (
            <p className="text-xs text-slate-600 dark:text-slate-300">Compared with the previous period of the same length (default).</p>
          )}
          <Suspense fallback={panelSkeleton('the window comparison')}>
            <TriagePanelBody
              what="the window comparison"
              load={() => getWindowComparison(backend, { ...params, ...compare })}
              isEmpty={(data) => data.base.traces.all === 0 && data.compare.traces.all === 0}
              render={(data) => {
                const pinned = { ...state, investigation: toPermalinkState(state.investigation, data.query) };
                const permalink = withTriage(pinned, { compareFrom: data.compareQuery.from, compareTo: data.compareQuery.to, section: 'compare' });
                return (
                  <div className="space-y-2">
                    <WindowComparisonPanel comparison={data} labels={{ base: rangeLabel(data.query), compare: rangeLabel(data.compareQuery) }} />
                    <Link href={toTriageHref(permalink)} data-testid="comparison-permalink" className="text-sm text-sky-700 underline dark:text-sky-300">
                      Permalink to this comparison (both windows pinned)
                    </Link>
                  </div>
                );
              }}
            />
          </Suspense>
        </div>,
      )}
    </div>
  );
}

/** "2020-11-19 02:00 – 04:00 UTC": a window as the legend and the table name it. */
function rangeLabel(query: { from: string; to: string }): string {
  const short = (iso: string) => iso.replace('T', ' ').replace(/(:00)?(\.000)?Z$/, '');
  const from = short(query.from);
  const to = short(query.to);
  return `${from} – ${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to} UTC`;
}

type TriageHeaderProps = {
  backHref: string;
  heading: { backend: LatencyBackend['kind']; query: NormalizedQuery } | null;
  state: TriageState;
};

/** The investigation page's heading (same title and window line), the way back, and the panels. */
function TriageHeader({ backHref, heading, state }: TriageHeaderProps) {
  const sections: { section: TriageSection; label: string }[] = [
    { section: 'attribution', label: 'Attribution' },
    { section: 'correlations', label: 'Correlations' },
    { section: 'retransmissions', label: 'Retransmissions' },
    { section: 'connection-reuse', label: 'Connection reuse' },
    { section: 'compare', label: 'Compare windows' },
  ];
  return (
    <header className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <WindowHeading response={heading} loading={false} timeZoneMode={state.investigation.timeZone} />
        <div className="flex flex-wrap items-center gap-3">
          <Link href={backHref} data-testid="back-to-investigation" className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
            ← Back to the investigation
          </Link>
          <Link href="/snapshots" className="text-sm text-slate-600 underline-offset-2 hover:underline dark:text-slate-300">
            Snapshots
          </Link>
        </div>
      </div>
      <nav aria-label="Triage panels" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <span className="font-medium">Triage{state.triage.slow ? ` (slow ≥ ${state.triage.slow} s)` : ''}:</span>
        {sections.map(({ section, label }) => (
          <Link key={section} href={toTriageHref(withTriage(state, { section }))} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
            {label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
