import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getBackendFor } from '@/lib/server/backend';
import { getSnapshotRegistry } from '@/lib/server/snapshots/registry';
import { toErrorBody } from '@/lib/server/core/error-body';
import type { LatencyBackend } from '@/lib/backends/types';
import { getBucketTraces } from '@/lib/services/get-bucket-traces';
import { getConnectTimeline } from '@/lib/services/get-connect-timeline';
import { getEdgeHistogram } from '@/lib/services/get-edge-histogram';
import { getHistograms } from '@/lib/services/get-histograms';
import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';
import {
  describeUnknownPageParameter,
  findUnknownPageParameters,
  parseInvestigationState,
  toSearchParams,
  withoutParameters,
  type InvestigationState,
  type SearchParamsInput,
} from '@/lib/url-state';
import { InvestigationView, type InvestigationPrefetched } from '@/components/investigation/investigation-view';
import { InvestigationSkeleton } from '@/components/states/investigation-skeleton';
import { UnknownParameters } from '@/components/states/unknown-parameters';
import { investigationRequests, withSampleFirst, type ApiRequest, type DeferredPrefetch, type Prefetched, type ServiceParams } from '@/components/investigation/investigation-requests';
import { SnapshotBanner } from '@/components/snapshots/snapshot-banner';
import { readSnapshotBanner } from './read-snapshot-banner';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'hopscope · investigation' };

type Service<T> = (backend: LatencyBackend, params: ServiceParams) => Promise<T>;

/**
 * Runs one request's service on the live backend or the snapshot's frozen one, keeping failures
 * as results so the page shows them with a retry (a malformed or unknown snapshot id among them).
 */
async function prefetch<T>(request: ApiRequest, service: Service<T>, snapshotId: string | undefined): Promise<Prefetched<T>> {
  try {
    const backend = await getBackendFor(snapshotId);
    return { url: request.url, result: { ok: true, data: await service(backend, request.params) } };
  } catch (error) {
    return { url: request.url, result: { ok: false, error: toErrorBody(error).error } };
  }
}

/**
 * The investigation page: the URL's view, answered on the server, then kept live in the browser.
 * The skeleton streams first; its Suspense boundary is inside this page (not a root loading.tsx)
 * so that other pages, such as an unknown trace, still answer with their real HTTP status.
 */
export default async function InvestigationPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const params = await searchParams;
  const unknown = findUnknownPageParameters(params);
  if (unknown.length > 0) {
    return (
      <main className="mx-auto max-w-[1600px] p-4">
        <UnknownParameters
          messages={unknown.map((key) => describeUnknownPageParameter(key))}
          withoutHref={`/?${withoutParameters(params, unknown)}`}
          withoutLabel={`Open the view without ${unknown.join(', ')}`}
        />
      </main>
    );
  }
  const state = parseInvestigationState(params);
  const snapshot = await readSnapshotBanner(state.query.snapshot);
  return (
    <main className="mx-auto max-w-[1600px] space-y-4 p-4">
      {snapshot && <SnapshotBanner snapshot={snapshot} timeZoneMode={state.timeZone} />}
      <Suspense key={toSearchParams(state).toString()} fallback={<InvestigationSkeleton />}>
        <PrefetchedInvestigation state={state} />
      </Suspense>
    </main>
  );
}

/**
 * Starts a request's service once `after` has settled and hands over its URL with the promise of
 * its answer, to stream in when ready.
 */
function defer<T>(request: ApiRequest, service: Service<T>, snapshotId: string | undefined, after: Promise<unknown> = Promise.resolve()): DeferredPrefetch<T> {
  return { url: request.url, result: after.then(() => prefetch(request, service, snapshotId)).then((answer) => answer.result) };
}

/**
 * The edge histogram is awaited alone and rendered first: it needs no join, so it answers in a
 * fraction of the four histograms' time (Elasticsearch: about a second where the join takes 15 s
 * at a million traces). The four histograms stream in after it; the other requests (triage
 * verdict, slow-request summary, timelines, drill-down page) start only once those have answered.
 * Run side by side they would compete with the histograms for the same CPUs, the same DuckDB
 * instance or the same Elasticsearch node, and the histograms would wait for the slowest of them.
 */
async function PrefetchedInvestigation({ state }: { state: InvestigationState }) {
  const requests = investigationRequests(state);
  // The snapshot chooses the backend; the requests' service parameters leave it out.
  const { snapshot } = state.query;
  const edgeHistogram = await prefetch(requests.edgeHistogram, getEdgeHistogram, snapshot);
  // The histograms, the slow summary and the verdict accept a sampled first answer: on a cold
  // Elasticsearch window that is seconds instead of the whole read; the browser then asks again.
  const histograms = defer(withSampleFirst(requests.histograms), getHistograms, snapshot);
  const afterHistograms = histograms.result;
  const prefetched: InvestigationPrefetched = {
    edgeHistogram,
    histograms,
    slow: requests.slow ? defer(withSampleFirst(requests.slow), getHistograms, snapshot, afterHistograms) : null,
    traces: requests.traces ? defer(requests.traces, getBucketTraces, snapshot, afterHistograms) : null,
    triage: defer(withSampleFirst(requests.triage), (backend, params) => getTriageSummary(backend, params), snapshot, afterHistograms),
    timelines: {
      edge: defer(requests.edgeTimeline, getConnectTimeline, snapshot, afterHistograms),
      ingress: defer(requests.ingressTimeline, getConnectTimeline, snapshot, afterHistograms),
    },
  };
  return <InvestigationView prefetched={prefetched} snapshotsEnabled={getSnapshotRegistry().enabled} />;
}
