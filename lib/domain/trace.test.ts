import { describe, expect, it } from 'vitest';
import type { TierDocument } from './tier-document';
import { computeSegments, toTierHopTimes, toTraceDetail, toTraceSummary } from './trace';

const T0 = 1_605_780_000_000;

/** A normalized document built by hand; only the timing fields matter here. */
function tierDocument(tier: 'edge' | 'ingress', times: Partial<TierDocument>): TierDocument {
  const requestTimeMs = times.requestTimeMs ?? 0;
  const timestampMs = times.timestampMs ?? T0;
  return {
    tier,
    traceId: 't-1',
    timestampMs,
    startMs: timestampMs - requestTimeMs,
    requestTimeMs,
    upstreamConnectMs: [],
    upstreamHeaderMs: [],
    upstreamResponseMs: [],
    connectTotalMs: null,
    headerTotalMs: null,
    responseTotalMs: null,
    upstreamAddrs: [],
    upstreamStatuses: [],
    status: 200,
    host: `${tier}-host`,
    app: 'user-api',
    path: '/api/users',
    method: 'GET',
    domain: 'api.example.com',
    proxyUpstreamName: null,
    raw: {},
    ...times,
  };
}

// Edge: 1288 ms in all, 4 ms connecting to ingress, 1250 ms waiting for it.
const EDGE = tierDocument('edge', {
  timestampMs: T0 + 1500,
  startMs: T0 + 212,
  requestTimeMs: 1288,
  connectTotalMs: 4,
  responseTotalMs: 1250,
  upstreamAddrs: ['10.1.0.1:443'],
});
// Ingress: 1202 ms in all, two attempts at the app (connect "-, 0.001", response "0.003, 0.995").
const INGRESS = tierDocument('ingress', {
  timestampMs: T0 + 1490,
  startMs: T0 + 288,
  requestTimeMs: 1202,
  connectTotalMs: 1,
  responseTotalMs: 998,
  upstreamAddrs: ['10.2.0.5:8080', '10.2.0.6:8080'],
  status: 200,
});

describe('computeSegments', () => {
  it('splits a joined trace', () => {
    expect(computeSegments(EDGE, INGRESS)).toEqual({
      edgeOwnMs: 38, // 1288 − 1250
      edgeToIngressMs: 48, // 1250 − 1202
      edgeConnectMs: 4,
      ingressOwnMs: 204, // 1202 − 998
      ingressConnectMs: 1,
      appMs: 997, // 998 − 1
    });
  });

  it('keeps negative residues', () => {
    const edge = { ...EDGE, responseTotalMs: 1290 }; // above its own request_time by rounding
    const ingress = { ...INGRESS, responseTotalMs: 1210 }; // above its own request_time
    expect(computeSegments(edge, ingress)).toEqual({
      edgeOwnMs: -2, // 1288 − 1290
      edgeToIngressMs: 88, // 1290 − 1202
      edgeConnectMs: 4,
      ingressOwnMs: -8, // 1202 − 1210
      ingressConnectMs: 1,
      appMs: 1209, // 1210 − 1
    });
    expect(computeSegments({ ...EDGE, responseTotalMs: 1200 }, INGRESS).edgeToIngressMs).toBe(-2);
  });

  it('leaves the ingress segments empty without an ingress document', () => {
    expect(computeSegments(EDGE, null)).toEqual({
      edgeOwnMs: 38,
      edgeToIngressMs: null,
      edgeConnectMs: 4,
      ingressOwnMs: null,
      ingressConnectMs: null,
      appMs: null,
    });
  });

  it('leaves the edge segments empty without an edge document', () => {
    expect(computeSegments(null, INGRESS)).toEqual({
      edgeOwnMs: null,
      edgeToIngressMs: null,
      edgeConnectMs: null,
      ingressOwnMs: 204,
      ingressConnectMs: 1,
      appMs: 997,
    });
  });

  it('leaves segments empty whose upstream times are missing', () => {
    const edge = { ...EDGE, connectTotalMs: null, responseTotalMs: null };
    const ingress = { ...INGRESS, connectTotalMs: null };
    expect(computeSegments(edge, ingress)).toEqual({
      edgeOwnMs: null,
      edgeToIngressMs: null,
      edgeConnectMs: null,
      ingressOwnMs: 204,
      ingressConnectMs: null,
      appMs: null,
    });
  });

  it('counts a zero upstream time as a value', () => {
    expect(computeSegments({ ...EDGE, responseTotalMs: 0, connectTotalMs: 0 }, null)).toMatchObject({ edgeOwnMs: 1288, edgeConnectMs: 0 });
  });
});

describe('toTierHopTimes', () => {
  it('joins the upstream attempts as nginx prints them', () => {
    expect(toTierHopTimes(INGRESS)).toEqual({
      requestTimeMs: 1202,
      connectMs: 1,
      responseMs: 998,
      upstreamAddr: '10.2.0.5:8080, 10.2.0.6:8080',
      host: 'ingress-host',
      status: 200,
    });
    expect(toTierHopTimes({ ...INGRESS, upstreamAddrs: [null, '10.2.0.6:8080'] }).upstreamAddr).toBe('-, 10.2.0.6:8080');
    expect(toTierHopTimes({ ...INGRESS, upstreamAddrs: [] }).upstreamAddr).toBeNull();
  });
});

describe('toTraceSummary', () => {
  it('summarizes a joined trace', () => {
    expect(toTraceSummary(EDGE, INGRESS)).toEqual({
      traceId: 't-1',
      timestampMs: T0 + 1500,
      app: 'user-api',
      path: '/api/users',
      method: 'GET',
      edge: { requestTimeMs: 1288, connectMs: 4, responseMs: 1250, upstreamAddr: '10.1.0.1:443', host: 'edge-host', status: 200 },
      ingress: {
        requestTimeMs: 1202,
        connectMs: 1,
        responseMs: 998,
        upstreamAddr: '10.2.0.5:8080, 10.2.0.6:8080',
        host: 'ingress-host',
        status: 200,
      },
      edgeMinusIngressMs: 86, // 1288 − 1202
      ingressMinusUpstreamMs: 204, // 1202 − 998
    });
  });

  it('takes app, path and method from the edge document', () => {
    const summary = toTraceSummary(EDGE, { ...INGRESS, app: 'other', path: '/other', method: 'POST' });
    expect([summary.app, summary.path, summary.method]).toEqual(['user-api', '/api/users', 'GET']);
  });

  it('summarizes an edge-only trace', () => {
    const summary = toTraceSummary(EDGE, null);
    expect(summary.ingress).toBeNull();
    expect(summary.edgeMinusIngressMs).toBeNull();
    expect(summary.ingressMinusUpstreamMs).toBeNull();
  });

  it('keeps a negative edge − ingress difference', () => {
    expect(toTraceSummary(EDGE, { ...INGRESS, requestTimeMs: 1300 }).edgeMinusIngressMs).toBe(-12);
  });
});

describe('toTraceDetail', () => {
  it('adds the segments and the start offset between the tiers', () => {
    const detail = toTraceDetail('t-1', EDGE, INGRESS, { edge: 0, ingress: 2 });
    expect(detail.segments).toEqual(computeSegments(EDGE, INGRESS));
    // ingress start T0+288 − edge start T0+212
    expect(detail.edgeToIngressStartMs).toBe(76);
    expect(detail.duplicates).toEqual({ edge: 0, ingress: 2 });
    expect(detail.edge).toBe(EDGE);
    expect(detail.ingress).toBe(INGRESS);
  });

  it('has no start offset when a tier is missing', () => {
    expect(toTraceDetail('t-1', EDGE, null, { edge: 0, ingress: 0 }).edgeToIngressStartMs).toBeNull();
    expect(toTraceDetail('t-1', null, INGRESS, { edge: 0, ingress: 0 }).edgeToIngressStartMs).toBeNull();
  });
});
