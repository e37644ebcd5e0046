import type { WeightedItem } from './prng';

/**
 * The made-up estate the sample traffic runs through: routes with their app-time profiles,
 * the edge hosts, the ingress nodes and the app pods. Addresses come from documentation and
 * private ranges so nothing points at a real host.
 */

export type Route = {
  appName: string;
  domain: string;
  method: 'GET' | 'POST';
  path: string;
  /** Log-normal app time (ingress header time minus connect): median and sigma, clipped to [minMs, maxMs]. */
  appMedianMs: number;
  appSigma: number;
  appMinMs: number;
  appMaxMs: number;
  /** Time between the response headers and the last byte, as ingress sees it. */
  transferMaxMs: number;
  bodyBytes: readonly [min: number, max: number];
};

/** Weights are relative request shares; ping dominates as it does on a real mobile API. */
export const ROUTES: readonly WeightedItem<Route>[] = [
  route(46, 'user-api', 'api.example.com', 'GET', '/app/v1/user/ping', 4, 0.5, 1, 60, 0, [57, 57]),
  route(14, 'user-api', 'api.example.com', 'GET', '/app/v1/user/profile', 25, 0.5, 5, 300, 1, [900, 2400]),
  route(4, 'user-api', 'api.example.com', 'POST', '/app/v1/user/login', 60, 0.4, 15, 400, 0, [300, 420]),
  route(8, 'media-api', 'upload.example.com', 'POST', '/app/v1/media/upload', 150, 0.45, 50, 400, 0, [80, 140]),
  route(7, 'media-api', 'upload.example.com', 'GET', '/app/v1/media/thumb', 15, 0.6, 3, 250, 8, [8_000, 60_000]),
  route(12, 'order-api', 'api.example.com', 'GET', '/app/v1/order/list', 45, 0.5, 10, 500, 3, [1_500, 12_000]),
  route(4, 'order-api', 'api.example.com', 'POST', '/app/v1/order/create', 80, 0.4, 20, 600, 0, [200, 400]),
  route(5, 'feed-api', 'api.example.com', 'GET', '/app/v1/feed/timeline', 70, 0.55, 15, 700, 4, [4_000, 30_000]),
];

function route(
  weight: number,
  appName: string,
  domain: string,
  method: Route['method'],
  path: string,
  appMedianMs: number,
  appSigma: number,
  appMinMs: number,
  appMaxMs: number,
  transferMaxMs: number,
  bodyBytes: readonly [number, number],
): WeightedItem<Route> {
  return { weight, item: { appName, domain, method, path, appMedianMs, appSigma, appMinMs, appMaxMs, transferMaxMs, bodyBytes } };
}

export const EDGE_HOSTS = ['edge-nginx-1', 'edge-nginx-2'] as const;

export type IngressNode = {
  name: string;
  /** The address the edge proxies to (`<ip>:80`). */
  ip: string;
  /** How far this node's clock is off; added to the @timestamp of its lines. */
  clockSkewMs: number;
};

export const INGRESS_NODES: readonly IngressNode[] = [
  { name: 'ingress-node-1', ip: '10.20.0.11', clockSkewMs: 2 },
  { name: 'ingress-node-2', ip: '10.20.0.12', clockSkewMs: -3 },
  { name: 'ingress-node-3', ip: '10.20.0.13', clockSkewMs: 1 },
];

/** The node whose kernel holds up TCP handshakes in the incident scenario. */
export const SLOW_INGRESS_NODE = 'ingress-node-2';

/** Pods of each app, spread over several Kubernetes nodes (`10.244.<node>.<pod>`). */
export const APP_PODS: Readonly<Record<string, readonly string[]>> = {
  'user-api': ['10.244.1.5:8080', '10.244.2.7:8080', '10.244.3.4:8080', '10.244.5.9:8080'],
  'media-api': ['10.244.2.12:8080', '10.244.4.3:8080', '10.244.6.8:8080'],
  'order-api': ['10.244.1.17:8080', '10.244.3.21:8080', '10.244.4.11:8080', '10.244.6.2:8080'],
  'feed-api': ['10.244.2.30:8080', '10.244.5.14:8080', '10.244.6.19:8080'],
};

/** ingress-nginx names an upstream `<namespace>-<service>-<port>`. */
export function toProxyUpstreamName(appName: string): string {
  return `prod-${appName}-8080`;
}

export const CLIENT_NETWORKS = ['203.0.113', '198.51.100', '192.0.2'] as const;

export const USER_AGENTS: readonly WeightedItem<string>[] = [
  { weight: 40, item: 'okhttp/4.9.0' },
  { weight: 12, item: 'Dalvik/2.1.0 (Linux; U; Android 10; SM-G973F Build/QP1A.190711.020)' },
  { weight: 30, item: 'ExampleApp/5.2.1 (iPhone; iOS 14.2; Scale/3.00)' },
  { weight: 10, item: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36' },
  { weight: 8, item: 'Mozilla/5.0 (iPhone; CPU iPhone OS 14_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.1 Mobile/15E148 Safari/604.1' },
];
