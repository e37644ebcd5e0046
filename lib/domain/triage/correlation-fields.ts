import type { DimensionField } from '../dimension-filters';
import type { CorrelationField } from './triage-data';

/** How a page is filtered to one value of a field: its own query parameter, or a dimension filter. */
export type FieldFilter = { param: 'app' | 'path' } | { dimension: DimensionField };

/** How each compared field is named in words, and how a page is filtered to one of its values. */
export const CORRELATION_FIELD_WORDS: Readonly<Record<CorrelationField, { label: string; filter: FieldFilter }>> = {
  ingressHost: { label: 'ingress host', filter: { dimension: 'ingress.host' } },
  edgeHost: { label: 'edge host', filter: { dimension: 'edge.host' } },
  edgeUpstreamAddr: { label: 'edge upstream_addr', filter: { dimension: 'edge.upstreamAddr' } },
  ingressUpstreamAddr: { label: 'ingress upstream_addr', filter: { dimension: 'ingress.upstreamAddr' } },
  proxyUpstreamName: { label: 'proxy_upstream_name', filter: { dimension: 'ingress.upstreamName' } },
  app: { label: 'app', filter: { param: 'app' } },
  path: { label: 'path', filter: { param: 'path' } },
  method: { label: 'method', filter: { dimension: 'edge.method' } },
  status: { label: 'status', filter: { dimension: 'edge.status' } },
};
