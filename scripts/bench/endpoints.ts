/**
 * The API requests a run measures, in the order it measures them. Later requests use what earlier
 * answers taught (the second drill-down page needs the first page's cursor, the trace page a
 * trace id from a drill-down), so the plan is a list of URL builders over a growing context.
 */

export type DatasetWindow = { from: string; to: string };

export type EndpointGroup = 'edge-histogram' | 'histograms' | 'drill-down' | 'trace' | 'timeline' | 'suggestions' | 'triage';

export type EndpointContext = {
  window: DatasetWindow;
  /** nextCursor of the first page of the edge 1000–1100 ms drill-down. */
  cursor: string | null;
  /** A trace of that drill-down seen by both tiers. */
  traceId: string | null;
};

export type EndpointSpec = {
  id: string;
  label: string;
  group: EndpointGroup;
  /** The request path and query, or null when the context lacks what it needs. */
  path: (context: EndpointContext) => string | null;
  /** Updates the context from this endpoint's answer. */
  learn?: (body: unknown, context: EndpointContext) => void;
};

/** Rows per drill-down page, as the investigation page asks for them. */
export const DRILL_DOWN_LIMIT = 100;
/** The slow threshold of issue 6's baseline and of triage: edge request_time ≥ 1 s. */
export const SLOW_SECONDS = 1;

const withWindow = (path: string, window: DatasetWindow, params: Record<string, string> = {}): string =>
  `${path}?${new URLSearchParams({ from: window.from, to: window.to, ...params }).toString()}`;

type TracesPageBody = { traces?: { traceId?: unknown; ingress?: unknown }[]; nextCursor?: unknown };

/** Cursor and a joined trace id from a drill-down page (either may be absent). */
export function learnFromTracesPage(body: unknown, context: EndpointContext): void {
  const page = body as TracesPageBody;
  if (typeof page?.nextCursor === 'string') context.cursor = page.nextCursor;
  const joined = page?.traces?.find((trace) => typeof trace.traceId === 'string' && trace.ingress);
  if (joined && context.traceId === null) context.traceId = String(joined.traceId);
}

const drillDown = (id: string, label: string, params: Record<string, string>, learn?: EndpointSpec['learn']): EndpointSpec => ({
  id,
  label,
  group: 'drill-down',
  path: ({ window }) => withWindow('/api/v1/traces', window, { ...params, limit: String(DRILL_DOWN_LIMIT) }),
  learn,
});

const triage = (name: string, label: string): EndpointSpec => ({
  id: `triage-${name}`,
  label,
  group: 'triage',
  path: ({ window }) => withWindow(`/api/v1/triage/${name}`, window),
});

/** Every endpoint of a run, in measuring order. */
export const ENDPOINTS: readonly EndpointSpec[] = [
  {
    id: 'histogram-edge',
    label: 'edge histogram (whole window; what the page paints first)',
    group: 'edge-histogram',
    path: ({ window }) => withWindow('/api/v1/histograms/edge', window),
  },
  { id: 'histograms', label: 'histograms (all four, whole window)', group: 'histograms', path: ({ window }) => withWindow('/api/v1/histograms', window) },
  {
    id: 'histograms-slow',
    label: `histograms, latencyMin=${SLOW_SECONDS} (the slow traces)`,
    group: 'histograms',
    path: ({ window }) => withWindow('/api/v1/histograms', window, { latencyMin: String(SLOW_SECONDS) }),
  },
  drillDown('traces-edge', 'drill-down edge 1000–1100 ms, page 1', { histogram: 'edge', fromMs: '1000', toMs: '1100' }, learnFromTracesPage),
  {
    id: 'traces-edge-page2',
    label: 'drill-down edge 1000–1100 ms, page 2 (cursor)',
    group: 'drill-down',
    path: ({ window, cursor }) =>
      cursor === null
        ? null
        : withWindow('/api/v1/traces', window, { histogram: 'edge', fromMs: '1000', toMs: '1100', limit: String(DRILL_DOWN_LIMIT), cursor }),
  },
  drillDown('traces-gap', 'drill-down edge−ingress 1000–1100 ms', { histogram: 'edgeMinusIngress', fromMs: '1000', toMs: '1100' }),
  drillDown('traces-bulk', 'drill-down ingress−upstream 0–100 ms (the largest bar)', { histogram: 'ingressMinusUpstream', fromMs: '0', toMs: '100' }),
  { id: 'trace', label: 'trace detail', group: 'trace', path: ({ traceId }) => (traceId === null ? null : `/api/v1/traces/${encodeURIComponent(traceId)}`) },
  {
    id: 'timeline-edge',
    label: 'connect timeline, edge',
    group: 'timeline',
    path: ({ window }) => withWindow('/api/v1/connect-timeline', window, { tier: 'edge' }),
  },
  {
    id: 'timeline-ingress',
    label: 'connect timeline, ingress',
    group: 'timeline',
    path: ({ window }) => withWindow('/api/v1/connect-timeline', window, { tier: 'ingress' }),
  },
  { id: 'suggestions-app', label: 'suggestions, app', group: 'suggestions', path: ({ window }) => withWindow('/api/v1/suggestions', window, { field: 'app' }) },
  {
    id: 'suggestions-path',
    label: 'suggestions, path prefix /app/v1/u',
    group: 'suggestions',
    path: ({ window }) => withWindow('/api/v1/suggestions', window, { field: 'path', prefix: '/app/v1/u' }),
  },
  triage('summary', 'triage summary'),
  triage('attribution', 'triage attribution'),
  triage('correlations', 'triage correlations'),
  triage('retransmissions', 'triage retransmissions'),
  triage('connection-reuse', 'triage connection reuse'),
];

/** A window as the pages' query string. */
export function investigationPathQuery(window: DatasetWindow): string {
  return new URLSearchParams({ from: window.from, to: window.to }).toString();
}

/** The investigation page of a window, as a user opens it (the first histogram is the edge one). */
export function investigationPath(window: DatasetWindow): string {
  return `/?${investigationPathQuery(window)}`;
}

/** The drill-down pages of the slow traces (edge ≥ 1 s), `limit` rows each: the baseline's hopscope side. */
export function slowTracesPagePath(window: DatasetWindow, limit: number, cursor: string | null): string {
  const params: Record<string, string> = { histogram: 'edge', fromMs: String(SLOW_SECONDS * 1000), limit: String(limit) };
  if (cursor !== null) params.cursor = cursor;
  return withWindow('/api/v1/traces', window, params);
}

/** The four histograms of the slow traces of a window (edge request_time ≥ 1 s). */
export function slowHistogramsPath(window: DatasetWindow): string {
  return withWindow('/api/v1/histograms', window, { latencyMin: String(SLOW_SECONDS) });
}
