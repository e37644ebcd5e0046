import { describe, expect, it } from 'vitest';
import { summarizeConnectionReuse, toReuseRow } from './connection-reuse';
import type { ConnectDistributions } from './triage-data';

describe('toReuseRow', () => {
  it('counts 0 ms as reused and takes percentiles over the new connections only', () => {
    // 6 reused, 4 new: 1, 2, 3, 1040 ms. p50 rank 2 → 2; p90 rank ceil(3.6) = 4 → 1040; p99 rank 4.
    const row = toReuseRow('host', 'ingress-node-2', [
      { valueMs: 0, count: 6 },
      { valueMs: 1, count: 1 },
      { valueMs: 2, count: 1 },
      { valueMs: 3, count: 1 },
      { valueMs: 1040, count: 1 },
    ]);
    expect(row).toEqual({
      groupBy: 'host',
      value: 'ingress-node-2',
      lines: 10,
      reused: 6,
      newConnections: 4,
      newShare: 0.4,
      newP50Ms: 2,
      newP90Ms: 1040,
      newP99Ms: 1040,
      newMaxMs: 1040,
      newAtLeastSecond: 1,
    });
  });

  it('has no percentiles when every connection was reused', () => {
    expect(toReuseRow(null, 'all', [{ valueMs: 0, count: 3 }])).toMatchObject({ reused: 3, newShare: 0, newP50Ms: null, newMaxMs: null });
  });
});

describe('summarizeConnectionReuse', () => {
  const connects: ConnectDistributions = {
    hops: {
      edgeToIngress: {
        withoutConnectTime: 2,
        groups: [
          { groupBy: 'host', value: 'edge-1', values: [{ valueMs: 0, count: 50 }, { valueMs: 2, count: 50 }] },
          { groupBy: 'upstreamAddr', value: '10.20.0.11:80', values: [{ valueMs: 0, count: 50 }] },
          { groupBy: 'upstreamAddr', value: '10.20.0.12:80', values: [{ valueMs: 2, count: 50 }] },
        ],
      },
      ingressToApp: {
        withoutConnectTime: 0,
        groups: [
          { groupBy: 'host', value: 'ingress-node-1', values: [{ valueMs: 1, count: 40 }, { valueMs: 2, count: 40 }] },
          { groupBy: 'host', value: 'ingress-node-2', values: [{ valueMs: 2, count: 18 }, { valueMs: 1050, count: 2 }] },
          { groupBy: 'upstreamAddr', value: '10.244.1.5:8080', values: [{ valueMs: 1, count: 40 }, { valueMs: 2, count: 58 }, { valueMs: 1050, count: 2 }] },
        ],
      },
    },
  };
  const [edge, ingress] = summarizeConnectionReuse(connects).hops;

  it('sums the host grouping for the hop and keeps every group', () => {
    expect(edge!.all).toMatchObject({ lines: 100, reused: 50, newConnections: 50, newShare: 0.5 });
    expect(edge!.byUpstreamAddr.map((row) => [row.value, row.newShare])).toEqual([['10.20.0.11:80', 0], ['10.20.0.12:80', 1]]);
    expect(edge!.withoutConnectTime).toBe(2);
  });

  it('names the address that never reuses a connection', () => {
    expect(edge!.sentence).toBe(
      'edge→ingress: 50 % of 100 requests opened a new connection (the others reused a keepalive connection); ' +
        'new connections took p50 2 ms, p99 2 ms; 10.20.0.12:80 never reused a connection.',
    );
  });

  it('says when a hop runs without keepalive and where its slow handshakes are', () => {
    // 100 new of 100; p50 of 1×40, 2×58, 1050×2 is rank 50 → 2 ms; p99 rank 99 → 1050 ms.
    expect(ingress!.sentence).toBe(
      'ingress→app: 100 % of 100 requests opened a new connection — this hop runs without keepalive; ' +
        'new connections took p50 2 ms, p99 1,050 ms; 2 of them took ≥ 1 s, 100 % through ingress-node-2.',
    );
  });
});
