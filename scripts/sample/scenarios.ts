import type { WeightedItem } from './prng';

/**
 * What differs between the sample datasets. Everything else (traffic, routes, noise) is shared,
 * so "incident" and "healthy" differ only by the slow node, and "slow-app" only by one slow route.
 */

export const SCENARIO_NAMES = ['incident', 'healthy', 'slow-app'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export type Scenario = {
  /**
   * Chance that a NEW connection through the slow ingress node waits for a SYN retransmission,
   * per direction. Tuned so that about 6–7 % of all requests take ≥ 1 s, two thirds of them on
   * the ingress→app connect and one third on the edge→ingress connect: a third of the traffic
   * goes through the node, 60 % of ingress→app and 50 % of edge→ingress exchanges are new
   * connections, so 1/3 · 0.6 · 0.225 ≈ 4.5 % and 1/3 · 0.5 · 0.135 ≈ 2.3 %.
   */
  slowNodeSynDelayRate: { edgeToIngress: number; ingressToApp: number } | null;
  /** A route whose app time is slow for every request (spread over the range, not piled up). */
  slowRoute: { path: string; medianMs: number; sigma: number; minMs: number; maxMs: number } | null;
};

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  incident: { slowNodeSynDelayRate: { edgeToIngress: 0.135, ingressToApp: 0.225 }, slowRoute: null },
  healthy: { slowNodeSynDelayRate: null, slowRoute: null },
  'slow-app': {
    slowNodeSynDelayRate: null,
    slowRoute: { path: '/app/v1/order/list', medianMs: 1_300, sigma: 0.35, minMs: 800, maxMs: 2_500 },
  },
};

/** Share of new (not keepalive-reused) connections per hop. */
export const NEW_CONNECTION_RATE = { edgeToIngress: 0.5, ingressToApp: 0.6 } as const;

/** A held-up SYN costs one retransmission timeout (1 s), rarely two (1 s + 2 s). */
export const SYN_DELAY_MS = { once: [1_000, 1_099], twice: [3_000, 3_099], twiceRate: 0.03 } as const;

/** How a request ends; `ok` is everything the other outcomes leave. */
export type Outcome =
  | 'ok'
  /** ingress retries on another pod after a 502 from the first. */
  | 'retry'
  | 'app-error'
  | 'not-found'
  /** The app itself takes 0.9–4 s, so not every slow request is the network. */
  | 'slow-app'
  /** The client gave up while the app was working: 499 on both tiers. */
  | 'client-closed-app'
  /** The client gave up during an upload ingress was still buffering: ingress never chose a pod. */
  | 'client-closed-body'
  /** The client gave up before the edge proxied anything: no upstream, no ingress line. */
  | 'client-closed-edge';

const OUTCOME_RATES: Readonly<Record<Exclude<Outcome, 'ok'>, number>> = {
  retry: 0.003,
  'app-error': 0.0015,
  'not-found': 0.002,
  'slow-app': 0.003,
  'client-closed-app': 0.003,
  'client-closed-body': 0.001,
  'client-closed-edge': 0.001,
};

export const OUTCOMES: readonly WeightedItem<Outcome>[] = [
  { item: 'ok', weight: 1 - Object.values(OUTCOME_RATES).reduce((sum, rate) => sum + rate, 0) },
  ...Object.entries(OUTCOME_RATES).map(([item, weight]) => ({ item: item as Outcome, weight })),
];

/** Shipping noise, independent of the outcome. */
export const SHIPPING_NOISE = {
  /** The ingress line never reached Elasticsearch: an edge-only trace. */
  ingressLineLostRate: 0.005,
  /** The edge line never arrived: an ingress-only trace. */
  edgeLineLostRate: 0.002,
  /** A shipper retry sent the same line twice. */
  duplicateLineRate: 0.001,
} as const;
