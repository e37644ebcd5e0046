import { describe, expect, it } from 'vitest';
import type { TierDocument } from '@/lib/domain/tier-document';
import { toTraceDetail } from '@/lib/domain/trace';
import { clockSkew, toWaterfall } from './waterfall-model';

const doc = (tier: 'edge' | 'ingress', overrides: Partial<TierDocument>): TierDocument => ({
  tier,
  traceId: 't1',
  timestampMs: 0,
  startMs: 0,
  requestTimeMs: 0,
  upstreamConnectMs: [],
  upstreamHeaderMs: [],
  upstreamResponseMs: [],
  connectTotalMs: null,
  headerTotalMs: null,
  responseTotalMs: null,
  upstreamAddrs: [],
  upstreamStatuses: [],
  status: 200,
  host: null,
  app: null,
  path: null,
  method: null,
  domain: null,
  proxyUpstreamName: null,
  raw: {},
  ...overrides,
});

// Edge at 10.000 s–11.088 s on its clock, its connect to ingress held up 1,081 ms; ingress on a clock 4 ms behind.
const EDGE = doc('edge', {
  startMs: 10_000,
  timestampMs: 11_088,
  requestTimeMs: 1_088,
  upstreamConnectMs: [1_081],
  upstreamResponseMs: [1_087],
  connectTotalMs: 1_081,
  responseTotalMs: 1_087,
  upstreamAddrs: ['10.20.0.12:80'],
  host: 'edge-1',
});
// Ingress retried: the first app pod never connected, the second took 1 ms to connect.
const INGRESS = doc('ingress', {
  startMs: 11_078,
  timestampMs: 11_083,
  requestTimeMs: 5,
  upstreamConnectMs: [null, 1],
  upstreamResponseMs: [0, 4],
  connectTotalMs: 1,
  responseTotalMs: 4,
  upstreamAddrs: ['10.244.3.4:8080', '10.244.1.5:8080'],
  host: 'ingress-2',
});

describe('toWaterfall', () => {
  const waterfall = toWaterfall(toTraceDetail('t1', EDGE, INGRESS, { edge: 0, ingress: 0 }));
  const row = (id: string) => waterfall.rows.find((r) => r.id === id)!;

  it('lays out edge, then the ingress request after the edge connect, then every ingress attempt', () => {
    expect(waterfall.rows.map((r) => r.id)).toEqual([
      'edge-request',
      'edge-exchange-1',
      'edge-connect-1',
      'ingress-request',
      'ingress-exchange-1',
      'ingress-connect-1',
      'ingress-exchange-2',
      'ingress-connect-2',
      'app-2',
      'ingress-own',
      'edge-own',
    ]);
    expect(waterfall.originMs).toBe(10_000);
    expect(waterfall.referenceMs).toBe(10_000);
    expect(waterfall.endMs).toBe(11_088);
  });

  it('places each tier on its own clock and attempts end to end', () => {
    expect(row('edge-connect-1')).toMatchObject({ startMs: 10_000, durationMs: 1_081 });
    expect(row('ingress-request')).toMatchObject({ startMs: 11_078, durationMs: 5 });
    expect(row('ingress-connect-2')).toMatchObject({ startMs: 11_078, durationMs: 1 });
    expect(row('app-2')).toMatchObject({ startMs: 11_079, durationMs: 3 });
    expect(row('ingress-own')).toMatchObject({ startMs: 11_082, durationMs: 1 });
    expect(row('edge-own')).toMatchObject({ startMs: 11_087, durationMs: 1 });
  });

  it('flags the slow connect with the retransmission note, and only leaf segments', () => {
    expect(row('edge-connect-1')).toMatchObject({ slow: true, note: '≈ 1 s: the first TCP SYN retransmission timeout' });
    expect(waterfall.rows.filter((r) => r.slow).map((r) => r.id)).toEqual(['edge-connect-1']);
    expect(row('ingress-connect-1').note).toBe('never connected ("-")');
  });

  it('keeps the edge start as reference when the ingress clock puts ingress earlier', () => {
    const early = { ...INGRESS, startMs: 9_990, timestampMs: 9_995 };
    const shifted = toWaterfall(toTraceDetail('t1', EDGE, early, { edge: 0, ingress: 0 }));
    expect(shifted).toMatchObject({ referenceMs: 10_000, originMs: 9_990, endMs: 11_088 });
  });

  it('draws an edge-only trace', () => {
    const alone = toWaterfall(toTraceDetail('t1', EDGE, null, { edge: 0, ingress: 0 }));
    expect(alone.rows.map((r) => r.id)).toEqual(['edge-request', 'edge-exchange-1', 'edge-connect-1', 'edge-own']);
  });
});

describe('clockSkew', () => {
  it('bounds ingress − edge clock by the connect before and the edge end after', () => {
    // ingress start 11,078 − (10,000 + 1,081) = −3; ingress end 11,083 − 11,088 = −5
    expect(clockSkew(toTraceDetail('t1', EDGE, INGRESS, { edge: 0, ingress: 0 }))).toEqual({ minMs: -5, maxMs: -3, inconsistent: false });
  });

  it('reports contradicting bounds and missing tiers', () => {
    const late = { ...INGRESS, timestampMs: 11_095, requestTimeMs: 5, startMs: 11_090 };
    expect(clockSkew(toTraceDetail('t1', EDGE, late, { edge: 0, ingress: 0 }))).toEqual({ minMs: 7, maxMs: 9, inconsistent: false });
    const impossible = { ...INGRESS, startMs: 11_070, timestampMs: 11_095 };
    expect(clockSkew(toTraceDetail('t1', EDGE, impossible, { edge: 0, ingress: 0 }))?.inconsistent).toBe(true);
    expect(clockSkew(toTraceDetail('t1', EDGE, null, { edge: 0, ingress: 0 }))).toBeNull();
  });
});
