import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getBackend } from '@/lib/server/backend';
import { toErrorResponse } from '@/lib/server/route-handler';
import type { LatencyBackend } from '@/lib/backends/types';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import { getBucketTraces } from '@/lib/services/get-bucket-traces';
import { getConnectTimeline } from '@/lib/services/get-connect-timeline';
import { getHistograms } from '@/lib/services/get-histograms';
import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';
import { parseInvestigationState, toSearchParams, type InvestigationState, type SearchParamsInput } from '@/lib/url-state';
import { InvestigationView } from '@/components/investigation/investigation-view';
import { InvestigationSkeleton } from '@/components/states/investigation-skeleton';
import { investigationRequests, type ApiRequest, type Prefetched } from '@/components/investigation/investigation-requests';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'hopscope · investigation' };

type Service<T> = (backend: LatencyBackend, params: Record<string, string>) => Promise<T>;

/** The API's error body for a failure, through the same mapping the API routes use. */
async function toErrorBody(error: unknown): Promise<ApiErrorBody['error']> {
  const body = (await toErrorResponse(error).json()) as ApiErrorBody;
  return body.error;
}

/** Runs one request's service, keeping failures as results so the page shows them with a retry. */
async function prefetch<T>(request: ApiRequest, service: Service<T>): Promise<Prefetched<T>> {
  try {
    const backend = await getBackend();
    return { url: request.url, result: { ok: true, data: await service(backend, request.params) } };
  } catch (error) {
    return { url: request.url, result: { ok: false, error: await toErrorBody(error) } };
  }
}

/**
 * The investigation page: the URL's view, answered on the server, then kept live in the browser.
 * The skeleton streams first; its Suspense boundary is inside this page (not a root loading.tsx)
 * so that other pages, such as an unknown trace, still answer with their real HTTP status.
 */
export default async function InvestigationPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const state = parseInvestigationState(await searchParams);
  return (
    <main className="mx-auto max-w-[1600px] p-4">
      <Suspense key={toSearchParams(state).toString()} fallback={<InvestigationSkeleton />}>
        <PrefetchedInvestigation state={state} />
      </Suspense>
    </main>
  );
}

async function PrefetchedInvestigation({ state }: { state: InvestigationState }) {
  const requests = investigationRequests(state);
  const [histograms, triage, slow, edge, ingress, traces] = await Promise.all([
    prefetch(requests.histograms, getHistograms),
    prefetch(requests.triage, async (backend, params) => getTriageSummary(backend, params)),
    requests.slow ? prefetch(requests.slow, getHistograms) : null,
    prefetch(requests.edgeTimeline, getConnectTimeline),
    prefetch(requests.ingressTimeline, getConnectTimeline),
    requests.traces ? prefetch(requests.traces, getBucketTraces) : null,
  ]);
  return <InvestigationView prefetched={{ histograms, triage, slow, timelines: { edge, ingress }, traces }} />;
}
