import type { TierDocument } from './tier-document';

/** Hop times of one tier as shown in trace lists. */
export type TierHopTimes = {
  requestTimeMs: number;
  connectMs: number | null;
  responseMs: number | null;
  upstreamAddr: string | null;
  host: string | null;
  status: number | null;
};

/** One trace in a drill-down list. */
export type TraceSummary = {
  traceId: string;
  /** The edge @timestamp. */
  timestampMs: number;
  app: string | null;
  path: string | null;
  method: string | null;
  edge: TierHopTimes;
  ingress: TierHopTimes | null;
  edgeMinusIngressMs: number | null;
  ingressMinusUpstreamMs: number | null;
};

/**
 * How nginx's timings split the edge request_time. Residues can be negative (clock skew,
 * rounding) and are kept as they are.
 */
export type TraceSegments = {
  /** edge request_time − edge upstream_response_time */
  edgeOwnMs: number | null;
  /** edge upstream_response_time − ingress request_time (includes the edge connect) */
  edgeToIngressMs: number | null;
  edgeConnectMs: number | null;
  /** ingress request_time − ingress upstream_response_time */
  ingressOwnMs: number | null;
  ingressConnectMs: number | null;
  /** ingress upstream_response_time − ingress upstream_connect_time */
  appMs: number | null;
};

export type TraceDetail = {
  traceId: string;
  edge: TierDocument | null;
  ingress: TierDocument | null;
  /** Other documents of the same trace in each tier, beside the representative one. */
  duplicates: { edge: number; ingress: number };
  segments: TraceSegments;
  /** ingress start − edge start: the part of the edge→ingress gap before ingress began, including clock skew. */
  edgeToIngressStartMs: number | null;
};

const minus = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined ? null : a - b;

export function toTierHopTimes(document: TierDocument): TierHopTimes {
  return {
    requestTimeMs: document.requestTimeMs,
    connectMs: document.connectTotalMs,
    responseMs: document.responseTotalMs,
    upstreamAddr: document.upstreamAddrs.length ? document.upstreamAddrs.map((a) => a ?? '-').join(', ') : null,
    host: document.host,
    status: document.status,
  };
}

/** Splits a trace's time into segments from its two documents (either may be missing). */
export function computeSegments(edge: TierDocument | null, ingress: TierDocument | null): TraceSegments {
  return {
    edgeOwnMs: minus(edge?.requestTimeMs, edge?.responseTotalMs),
    edgeToIngressMs: minus(edge?.responseTotalMs, ingress?.requestTimeMs),
    edgeConnectMs: edge?.connectTotalMs ?? null,
    ingressOwnMs: minus(ingress?.requestTimeMs, ingress?.responseTotalMs),
    ingressConnectMs: ingress?.connectTotalMs ?? null,
    appMs: minus(ingress?.responseTotalMs, ingress?.connectTotalMs),
  };
}

/** The drill-down row of a trace from its representative documents. */
export function toTraceSummary(edge: TierDocument, ingress: TierDocument | null): TraceSummary {
  return {
    traceId: edge.traceId,
    timestampMs: edge.timestampMs,
    app: edge.app,
    path: edge.path,
    method: edge.method,
    edge: toTierHopTimes(edge),
    ingress: ingress ? toTierHopTimes(ingress) : null,
    edgeMinusIngressMs: minus(edge.requestTimeMs, ingress?.requestTimeMs),
    ingressMinusUpstreamMs: minus(ingress?.requestTimeMs, ingress?.responseTotalMs),
  };
}

export function toTraceDetail(
  traceId: string,
  edge: TierDocument | null,
  ingress: TierDocument | null,
  duplicates: { edge: number; ingress: number },
): TraceDetail {
  return {
    traceId,
    edge,
    ingress,
    duplicates,
    segments: computeSegments(edge, ingress),
    edgeToIngressStartMs: minus(ingress?.startMs, edge?.startMs),
  };
}
