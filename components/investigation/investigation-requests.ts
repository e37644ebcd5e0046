import type { ApiErrorBody } from '@/lib/domain/api-responses';
import type { BucketSelection } from '@/lib/domain/drill-down';
import { REPEATABLE_QUERY_PARAMETERS } from '@/lib/domain/query';
import type { Tier } from '@/lib/domain/tiers';
import type { TraceExportFormat } from '@/lib/domain/trace-export';
import { SNAPSHOT_KEY, toPermalinkState, toQuerySearchParams, type InvestigationState, type QueryParams } from '@/lib/url-state';
import { toSlowQuery } from '@/components/summary/slow-summary';

/**
 * The API requests behind one view state. The server page runs them through the services and the
 * browser through the API; both key the answers by the same URL, so the browser knows which
 * answers it already has.
 */

/**
 * One request: the API URL the browser asks, and the parameters the server page hands the
 * service. Those are the URL's (every `filter`, as a list) less `snapshot`, which chooses the
 * backend instead (services refuse parameters they do not know).
 */
export type ApiRequest = { url: string; params: ServiceParams };
export type ServiceParams = Readonly<Record<string, string | readonly string[]>>;

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody['error'] };

/** An answer the server page already fetched, keyed by the request URL. */
export type Prefetched<T> = { url: string; result: ApiResult<T> };

/** An answer the server page is still fetching: it streams to the browser when ready. */
export type DeferredPrefetch<T> = { url: string; result: Promise<ApiResult<T>> };

/** What the server page hands over for one request: its answer, or the promise of it. */
export type PrefetchedOrDeferred<T> = Prefetched<T> | DeferredPrefetch<T>;

/** Rows per drill-down page. */
export const TRACE_PAGE_LIMIT = 100;

function toServiceParams(params: URLSearchParams): ServiceParams {
  const record: Record<string, string | readonly string[]> = {};
  for (const key of new Set(params.keys())) {
    if (key === SNAPSHOT_KEY) continue;
    record[key] = (REPEATABLE_QUERY_PARAMETERS as readonly string[]).includes(key) ? params.getAll(key) : params.get(key)!;
  }
  return record;
}

function request(path: string, params: URLSearchParams): ApiRequest {
  const text = params.toString();
  return { url: `/api/v1/${path}${text ? `?${text}` : ''}`, params: toServiceParams(params) };
}

/**
 * The request asking for a sampled first answer (`sample=first`): a cold Elasticsearch window
 * above the sample threshold answers from a stated sample, and the page then asks `url` itself
 * for the exact answer (useApiResource). Its answer is kept under the plain URL.
 */
export function withSampleFirst(request: ApiRequest): ApiRequest {
  return { url: request.url, params: { ...request.params, sample: 'first' } };
}

/** The URL of a request that accepts a sampled first answer. */
export function sampleFirstUrl(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}sample=first`;
}

export function histogramsRequest(query: QueryParams): ApiRequest {
  return request('histograms', toQuerySearchParams(query));
}

/** The edge histogram alone: no join, so it answers first (docs/ARCHITECTURE.md, "Edge-first paint"). */
export function edgeHistogramRequest(query: QueryParams): ApiRequest {
  return request('histograms/edge', toQuerySearchParams(query));
}

/** The slow-set histograms behind the summary line, or null when no request can be slow. */
export function slowHistogramsRequest(query: QueryParams): ApiRequest | null {
  const slowQuery = toSlowQuery(query);
  return slowQuery ? histogramsRequest(slowQuery) : null;
}

export function timelineRequest(state: InvestigationState, tier: Tier): ApiRequest {
  const params = toQuerySearchParams(state.query);
  params.set('tier', tier);
  params.set('groupBy', state.groupBy[tier]);
  return request('connect-timeline', params);
}

/** The query's parameters and a drill-down selection's, as /traces and /traces/export read them. */
function drillParams(query: QueryParams, drill: BucketSelection): URLSearchParams {
  const params = toQuerySearchParams(query);
  params.set('histogram', drill.histogram);
  if (drill.fromMs !== null) params.set('fromMs', String(drill.fromMs));
  if (drill.toMs !== null) params.set('toMs', String(drill.toMs));
  return params;
}

export function tracesRequest(state: InvestigationState): ApiRequest | null {
  if (!state.drill) return null;
  const params = drillParams(state.query, state.drill);
  params.set('limit', String(TRACE_PAGE_LIMIT));
  if (state.cursor) params.set('cursor', state.cursor);
  return request('traces', params);
}

/**
 * The download of every trace of the open drill-down. A relative range is pinned to the window the
 * server resolved for the page (as the permalink does), so the file holds the traces the bar
 * counted, not those of a later "now".
 */
export function traceExportUrl(state: InvestigationState, format: TraceExportFormat, resolved: { from: string; to: string } | null): string | null {
  if (!state.drill) return null;
  const query = resolved ? toPermalinkState(state, resolved).query : state.query;
  const params = drillParams(query, state.drill);
  params.set('format', format);
  return `/api/v1/traces/export?${params}`;
}

/** Suggestions for app or path; the field's own filter is left out so other values stay visible. */
export function suggestionsUrl(query: QueryParams, field: 'app' | 'path', prefix: string): string {
  const params = toQuerySearchParams({ ...query, [field]: undefined });
  params.set('field', field);
  if (prefix) params.set('prefix', prefix);
  return `/api/v1/suggestions?${params}`;
}

/** Where the data is (GET /api/v1/extent): the store's, or the snapshot's frozen window. */
export function dataExtentUrl(snapshot: string | undefined): string {
  return snapshot ? `/api/v1/extent?${new URLSearchParams({ [SNAPSHOT_KEY]: snapshot })}` : '/api/v1/extent';
}

/** The first-screen triage verdict (docs/TRIAGE.md) for the query. */
export function triageSummaryRequest(query: QueryParams): ApiRequest {
  return request('triage/summary', toQuerySearchParams(query));
}

export type InvestigationRequests = {
  edgeHistogram: ApiRequest;
  histograms: ApiRequest;
  triage: ApiRequest;
  slow: ApiRequest | null;
  edgeTimeline: ApiRequest;
  ingressTimeline: ApiRequest;
  traces: ApiRequest | null;
};

export function investigationRequests(state: InvestigationState): InvestigationRequests {
  return {
    edgeHistogram: edgeHistogramRequest(state.query),
    histograms: histogramsRequest(state.query),
    triage: triageSummaryRequest(state.query),
    slow: slowHistogramsRequest(state.query),
    edgeTimeline: timelineRequest(state, 'edge'),
    ingressTimeline: timelineRequest(state, 'ingress'),
    traces: tracesRequest(state),
  };
}
