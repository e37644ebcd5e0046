import type { CorrelationField } from './triage-data';

/**
 * How each compared field is named in words, and which URL query parameter filters a page to one
 * of its values. `app` and `path` are filters today; the others are the names proposed for the
 * shared query (docs/TRIAGE.md), and a view offers "filter to this value" only for parameters the
 * page's query actually carries.
 */
export const CORRELATION_FIELD_WORDS: Readonly<Record<CorrelationField, { label: string; filterParam: string }>> = {
  ingressHost: { label: 'ingress host', filterParam: 'ingressHost' },
  edgeHost: { label: 'edge host', filterParam: 'edgeHost' },
  edgeUpstreamAddr: { label: 'edge upstream_addr', filterParam: 'edgeUpstreamAddr' },
  ingressUpstreamAddr: { label: 'ingress upstream_addr', filterParam: 'ingressUpstreamAddr' },
  proxyUpstreamName: { label: 'proxy_upstream_name', filterParam: 'upstreamName' },
  app: { label: 'app', filterParam: 'app' },
  path: { label: 'path', filterParam: 'path' },
  method: { label: 'method', filterParam: 'method' },
  status: { label: 'status', filterParam: 'status' },
};
