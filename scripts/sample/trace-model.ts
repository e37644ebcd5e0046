import type { Prng } from './prng';
import {
  APP_PODS,
  CLIENT_NETWORKS,
  EDGE_HOSTS,
  INGRESS_NODES,
  ROUTES,
  SLOW_INGRESS_NODE,
  USER_AGENTS,
  type IngressNode,
  type Route,
} from './sample-catalog';
import { NEW_CONNECTION_RATE, OUTCOMES, SYN_DELAY_MS, type Outcome, type Scenario } from './scenarios';

/**
 * One request's journey in integer milliseconds, before it is written as log lines. All times
 * are on the true clock; the ingress node's skew is applied only when its line is written.
 *
 * The nginx arithmetic the documents must satisfy is built in here:
 *   ingress request_time  = ingress own time before + Σ attempt response times + own time after
 *   attempt response time = connect + app time + transfer (it includes the connect)
 *   edge upstream_response_time = edge connect + 0–1 ms + ingress request_time + 1 ms
 *   edge request_time = edge upstream_response_time + 0–2 ms
 * so the ingress request lies inside the edge's upstream exchange, which lies inside the edge request.
 */

export type UpstreamAttempt = {
  addr: string;
  /** null: never connected (nginx prints "-"). */
  connectMs: number | null;
  /** null: no response header arrived. */
  headerMs: number | null;
  responseMs: number;
  /** null: no status was received (nginx prints "-"). */
  status: string | null;
};

export type IngressHop = {
  node: IngressNode;
  startMs: number;
  requestTimeMs: number;
  /** Empty when ingress never picked a pod. */
  attempts: UpstreamAttempt[];
  status: number;
  /** When, from the start of the ingress request, the response headers went back to the edge. */
  headerSentAtMs: number | null;
};

export type EdgeHop = {
  host: string;
  startMs: number;
  requestTimeMs: number;
  /** null when the edge never proxied the request. */
  upstream: UpstreamAttempt | null;
  status: number;
  bodyBytesSent: number;
};

export type TraceModel = {
  traceId: string;
  route: Route;
  outcome: Outcome;
  clientIp: string;
  userAgent: string;
  edge: EdgeHop;
  /** null when the request never reached ingress. */
  ingress: IngressHop | null;
};

const UPLOAD_ROUTE = ROUTES.find((entry) => entry.item.path.endsWith('/upload'))?.item;

/** When the edge wrote its line: at the end of the request. */
export function toEdgeLoggedAtMs(edge: EdgeHop): number {
  return edge.startMs + edge.requestTimeMs;
}

/** When the ingress node wrote its line, by its own (skewed) clock. */
export function toIngressLoggedAtMs(ingress: IngressHop): number {
  return ingress.startMs + ingress.requestTimeMs + ingress.node.clockSkewMs;
}

/** A log-normal draw clipped to [min, max] by redrawing, so the tails do not pile up at the limits. */
function drawClippedMs(prng: Prng, medianMs: number, sigma: number, minMs: number, maxMs: number): number {
  for (let tries = 0; tries < 8; tries += 1) {
    const ms = Math.round(prng.logNormal(medianMs, sigma));
    if (ms >= minMs && ms <= maxMs) return ms;
  }
  return prng.int(minMs, maxMs);
}

/** A new TCP connection costs 1–3 ms, or a SYN retransmission timeout more when the kernel holds it up. */
function drawConnectMs(prng: Prng, isNew: boolean, synDelayRate: number): number {
  if (!isNew) return 0;
  const handshakeMs = prng.int(1, 3);
  if (synDelayRate === 0 || !prng.chance(synDelayRate)) return handshakeMs;
  const [min, max] = prng.chance(SYN_DELAY_MS.twiceRate) ? SYN_DELAY_MS.twice : SYN_DELAY_MS.once;
  return handshakeMs + prng.int(min, max);
}

function drawAppMs(prng: Prng, route: Route, outcome: Outcome, scenario: Scenario): number {
  const slow = scenario.slowRoute;
  if (slow && slow.path === route.path) return drawClippedMs(prng, slow.medianMs, slow.sigma, slow.minMs, slow.maxMs);
  if (outcome === 'slow-app') return drawClippedMs(prng, 1_600, 0.4, 900, 4_000);
  return drawClippedMs(prng, route.appMedianMs, route.appSigma, route.appMinMs, route.appMaxMs);
}

function finalStatus(prng: Prng, outcome: Outcome): number {
  if (outcome === 'app-error') return prng.chance(0.75) ? 500 : 503;
  if (outcome === 'not-found') return 404;
  return 200;
}

function simulateIngress(
  prng: Prng,
  scenario: Scenario,
  route: Route,
  outcome: Outcome,
  node: IngressNode,
  startMs: number,
): IngressHop {
  const synDelayRate =
    scenario.slowNodeSynDelayRate && node.name === SLOW_INGRESS_NODE ? scenario.slowNodeSynDelayRate.ingressToApp : 0;
  const pods = APP_PODS[route.appName] ?? [];
  // Reading the request (an upload's body comes over the LAN from the edge) before proxying.
  const ownBeforeMs = route.method === 'POST' ? prng.int(1, 6) : prng.int(0, 1);
  const ownAfterMs = prng.int(0, 1);
  const attempts: UpstreamAttempt[] = [];
  let status = finalStatus(prng, outcome);
  let headerSentAtMs: number | null = null;

  if (outcome === 'client-closed-body') {
    const requestTimeMs = drawClippedMs(prng, 400, 0.8, 20, 8_000);
    return { node, startMs, requestTimeMs, attempts, status: 499, headerSentAtMs };
  }

  let firstPodIndex = prng.int(0, pods.length - 1);
  if (outcome === 'retry') {
    // Connection refused (never connected) or a reused connection reset by a restarting pod.
    const refused = prng.chance(0.5);
    attempts.push({
      addr: pods[firstPodIndex] ?? '-',
      connectMs: refused ? null : 0,
      headerMs: null,
      responseMs: refused ? prng.int(0, 1) : prng.int(1, 5),
      status: '502',
    });
    firstPodIndex = (firstPodIndex + 1 + prng.int(0, pods.length - 2)) % pods.length;
  }

  const isNew = outcome === 'retry' || prng.chance(NEW_CONNECTION_RATE.ingressToApp);
  const connectMs = drawConnectMs(prng, isNew, synDelayRate);
  const addr = pods[firstPodIndex] ?? '-';
  const priorMs = attempts.reduce((sum, attempt) => sum + attempt.responseMs, 0);

  if (outcome === 'client-closed-app') {
    const abortAfterMs = drawClippedMs(prng, 300, 0.9, 5, 8_000);
    attempts.push({ addr, connectMs, headerMs: null, responseMs: connectMs + abortAfterMs, status: null });
    status = 499;
  } else {
    const headerMs = connectMs + drawAppMs(prng, route, outcome, scenario);
    const responseMs = headerMs + prng.int(0, route.transferMaxMs);
    attempts.push({ addr, connectMs, headerMs, responseMs, status: String(status) });
    headerSentAtMs = ownBeforeMs + priorMs + headerMs;
  }
  const requestTimeMs = ownBeforeMs + priorMs + attempts[attempts.length - 1]!.responseMs + ownAfterMs;
  return { node, startMs, requestTimeMs, attempts, status, headerSentAtMs };
}

function drawBodyBytes(prng: Prng, route: Route, status: number): number {
  if (status === 499) return 0;
  if (status >= 400) return prng.int(150, 200);
  return prng.int(route.bodyBytes[0], route.bodyBytes[1]);
}

/** Simulates one request that arrives at the edge at `edgeStartMs`. */
export function simulateTrace(prng: Prng, scenario: Scenario, edgeStartMs: number): TraceModel {
  const outcome = prng.pickWeighted(OUTCOMES);
  // An abandoned buffered upload only happens on the upload route.
  const route = outcome === 'client-closed-body' && UPLOAD_ROUTE ? UPLOAD_ROUTE : prng.pickWeighted(ROUTES);
  const traceHex = prng.hex(16);
  const traceId = `${traceHex}:${traceHex}:0:1`;
  const clientIp = `${prng.pick(CLIENT_NETWORKS)}.${prng.int(1, 254)}`;
  const userAgent = prng.pickWeighted(USER_AGENTS);
  const host = prng.pick(EDGE_HOSTS);

  if (outcome === 'client-closed-edge') {
    const requestTimeMs = drawClippedMs(prng, 150, 1, 0, 5_000);
    const edge: EdgeHop = { host, startMs: edgeStartMs, requestTimeMs, upstream: null, status: 499, bodyBytesSent: 0 };
    return { traceId, route, outcome, clientIp, userAgent, edge, ingress: null };
  }

  const node = prng.pick(INGRESS_NODES);
  const synDelayRate =
    scenario.slowNodeSynDelayRate && node.name === SLOW_INGRESS_NODE ? scenario.slowNodeSynDelayRate.edgeToIngress : 0;
  const edgeOwnBeforeMs = prng.int(0, 1);
  const edgeOwnAfterMs = prng.int(0, 1);
  const connectMs = drawConnectMs(prng, prng.chance(NEW_CONNECTION_RATE.edgeToIngress), synDelayRate);
  const sendMs = prng.int(0, 1);
  const returnMs = 1;

  const ingressStartMs = edgeStartMs + edgeOwnBeforeMs + connectMs + sendMs;
  const ingress = simulateIngress(prng, scenario, route, outcome, node, ingressStartMs);
  const responseMs = connectMs + sendMs + ingress.requestTimeMs + returnMs;
  const headerMs =
    ingress.headerSentAtMs === null ? null : Math.min(responseMs, connectMs + sendMs + ingress.headerSentAtMs + returnMs);
  const upstream: UpstreamAttempt = {
    addr: `${node.ip}:80`,
    connectMs,
    headerMs,
    responseMs,
    status: ingress.status === 499 ? null : String(ingress.status),
  };
  const edge: EdgeHop = {
    host,
    startMs: edgeStartMs,
    requestTimeMs: edgeOwnBeforeMs + responseMs + edgeOwnAfterMs,
    upstream,
    status: ingress.status,
    bodyBytesSent: drawBodyBytes(prng, route, ingress.status),
  };
  return { traceId, route, outcome, clientIp, userAgent, edge, ingress };
}
