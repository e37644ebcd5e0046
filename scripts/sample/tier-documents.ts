import { toProxyUpstreamName } from './sample-catalog';
import { toIsoTimestamp, toNginxSeconds, toSecondsNumber, toUpstreamTexts } from './nginx-format';
import { toEdgeLoggedAtMs, toIngressLoggedAtMs, type TraceModel } from './trace-model';

/**
 * Turns a simulated request into the access-log documents each nginx tier ships.
 *
 * The two tiers deliberately differ the way real pipelines do: the edge tier is indexed with
 * dynamic mapping, so its timings are JSON numbers and a missing one is omitted (a "-" string
 * would make Elasticsearch map the field as text); the ingress tier carries ingress-nginx's own
 * strings, "-" for a missing value and ", "-joined lists when it retried another pod.
 */

export type EdgeDocument = {
  '@timestamp': string;
  trace_id: string;
  app_name: string;
  domain: string;
  path: string;
  request_method: string;
  status: number;
  request_time: number;
  upstream_connect_time?: number;
  upstream_header_time?: number;
  upstream_response_time?: number;
  upstream_addr?: string;
  upstream_status?: string;
  '@source': string;
  client_ip: string;
  user_agent: string;
  body_bytes_sent: number;
};

export type IngressDocument = {
  '@timestamp': string;
  trace_id: string;
  domain: string;
  path: string;
  request_method: string;
  status: number;
  request_time: string;
  upstream_connect_time: string;
  upstream_header_time: string;
  upstream_response_time: string;
  upstream_addr: string;
  upstream_status: string;
  proxy_upstream_name: string;
  '@source': string;
  client_ip: string;
  user_agent: string;
};

/**
 * The edge line, written when the edge request ends. Each case is one object literal with its
 * keys in log order, so the documents come in a few fixed shapes.
 */
export function toEdgeDocument(trace: TraceModel): EdgeDocument {
  const { edge, route } = trace;
  const upstream = edge.upstream;
  const timestamp = toIsoTimestamp(toEdgeLoggedAtMs(edge));
  const requestTime = toSecondsNumber(edge.requestTimeMs);
  if (upstream === null) {
    return {
      '@timestamp': timestamp,
      trace_id: trace.traceId,
      app_name: route.appName,
      domain: route.domain,
      path: route.path,
      request_method: route.method,
      status: edge.status,
      request_time: requestTime,
      '@source': edge.host,
      client_ip: trace.clientIp,
      user_agent: trace.userAgent,
      body_bytes_sent: edge.bodyBytesSent,
    };
  }
  if (upstream.headerMs === null || upstream.status === null || upstream.connectMs === null) {
    // The client went away before the response headers came back: nothing to time but the exchange.
    return {
      '@timestamp': timestamp,
      trace_id: trace.traceId,
      app_name: route.appName,
      domain: route.domain,
      path: route.path,
      request_method: route.method,
      status: edge.status,
      request_time: requestTime,
      ...(upstream.connectMs !== null && { upstream_connect_time: toSecondsNumber(upstream.connectMs) }),
      upstream_response_time: toSecondsNumber(upstream.responseMs),
      upstream_addr: upstream.addr,
      '@source': edge.host,
      client_ip: trace.clientIp,
      user_agent: trace.userAgent,
      body_bytes_sent: edge.bodyBytesSent,
    };
  }
  return {
    '@timestamp': timestamp,
    trace_id: trace.traceId,
    app_name: route.appName,
    domain: route.domain,
    path: route.path,
    request_method: route.method,
    status: edge.status,
    request_time: requestTime,
    upstream_connect_time: toSecondsNumber(upstream.connectMs),
    upstream_header_time: toSecondsNumber(upstream.headerMs),
    upstream_response_time: toSecondsNumber(upstream.responseMs),
    upstream_addr: upstream.addr,
    upstream_status: upstream.status,
    '@source': edge.host,
    client_ip: trace.clientIp,
    user_agent: trace.userAgent,
    body_bytes_sent: edge.bodyBytesSent,
  };
}

/** The ingress line, or null when the request never reached ingress. Timestamps carry the node's clock skew. */
export function toIngressDocument(trace: TraceModel): IngressDocument | null {
  const { ingress, route } = trace;
  if (!ingress) return null;
  const upstream = toUpstreamTexts(ingress.attempts);
  return {
    '@timestamp': toIsoTimestamp(toIngressLoggedAtMs(ingress)),
    trace_id: trace.traceId,
    domain: route.domain,
    path: route.path,
    request_method: route.method,
    status: ingress.status,
    request_time: toNginxSeconds(ingress.requestTimeMs),
    upstream_connect_time: upstream.connect,
    upstream_header_time: upstream.header,
    upstream_response_time: upstream.response,
    upstream_addr: upstream.addr,
    upstream_status: upstream.status,
    proxy_upstream_name: toProxyUpstreamName(route.appName),
    '@source': ingress.node.name,
    client_ip: trace.clientIp,
    user_agent: trace.userAgent,
  };
}
