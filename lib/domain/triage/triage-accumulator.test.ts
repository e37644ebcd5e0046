import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '../field-names';
import { toTierDocument, type TierDocument } from '../tier-document';
import type { Tier } from '../tiers';
import { slowFrom } from './slow-range';
import { TriageAccumulator } from './triage-accumulator';
import { CORRELATION_FIELDS } from './triage-data';

const at = '2020-11-19T02:00:00.000Z';
function doc(tier: Tier, raw: Record<string, unknown>): TierDocument {
  const result = toTierDocument({ '@timestamp': at, ...raw }, tier, DEFAULT_FIELD_NAMES);
  if (!result.ok) throw new Error(`invalid test document ${JSON.stringify(raw)}`);
  return result.document;
}
const request = { app_name: 'shop', path: '/p', request_method: 'GET', status: 200 };

/**
 * a (slow): edge 1200 − 1190 = 10, edge→ingress 1190 − 1180 = 10, ingress 1180 − 1170 = 10, connect 1050, app 120.
 * b: 100 − 95 = 5, 95 − 90 = 5, 90 − 85 = 5, connect 0, app 85.  c (slow): edge only, no upstream.
 */
const A = {
  edge: doc('edge', { ...request, trace_id: 'a', request_time: 1.2, upstream_connect_time: 0, upstream_response_time: 1.19, upstream_addr: '10.0.0.2:80', '@source': 'e1' }),
  ingress: doc('ingress', { trace_id: 'a', request_time: '1.180', upstream_connect_time: '1.050', upstream_response_time: '1.170', upstream_addr: '10.1.0.1:8080', '@source': 'n2', proxy_upstream_name: 'prod-shop-8080' }),
};
const B = {
  edge: doc('edge', { ...request, trace_id: 'b', request_time: 0.1, upstream_connect_time: 0.002, upstream_response_time: 0.095, upstream_addr: '10.0.0.1:80', '@source': 'e1' }),
  ingress: doc('ingress', { trace_id: 'b', request_time: '0.090', upstream_connect_time: '0.000', upstream_response_time: '0.085', upstream_addr: '10.1.0.1:8080', '@source': 'n1', proxy_upstream_name: 'prod-shop-8080' }),
};
const C = doc('edge', { ...request, trace_id: 'c', request_time: 1.5, '@source': 'e2' });

describe('TriageAccumulator', () => {
  const accumulator = new TriageAccumulator(slowFrom(1000));
  accumulator.add(A.edge, A.ingress);
  accumulator.add(B.edge, B.ingress);
  accumulator.add(C, null);

  it('splits the traces into segments', () => {
    const one = (valueMs: number) => ({ valueMs, count: 1 });
    expect(accumulator.segmentStats()).toEqual({
      traces: { all: 3, slow: 2 },
      joined: { all: 2, slow: 1 },
      attributable: { all: 2, slow: 1 },
      connectMissing: { all: 0, slow: 0 },
      edgeResponseMissing: { all: 0, slow: 0 },
      segments: {
        edgeOwn: { all: [one(5), one(10)], slow: [one(10)] },
        edgeToIngress: { all: [one(5), one(10)], slow: [one(10)] },
        ingressOwn: { all: [one(5), one(10)], slow: [one(10)] },
        ingressConnect: { all: [one(0), one(1050)], slow: [one(1050)] },
        app: { all: [one(85), one(120)], slow: [one(120)] },
      },
      dominant: { edgeOwn: 0, edgeToIngress: 0, ingressOwn: 0, ingressConnect: 1, app: 0 },
    });
  });

  it('counts the joined traces whose ingress line lacks only the connect time, apart from those lacking an upstream time', () => {
    const formatWithoutConnect = new TriageAccumulator(slowFrom(1000));
    // ingress-nginx's default log format: response times, no upstream_connect_time.
    formatWithoutConnect.add(A.edge, doc('ingress', { trace_id: 'd', request_time: '1.180', upstream_response_time: '1.170' }));
    // No upstream time at all (ingress never reached a pod): not a format without the connect time.
    formatWithoutConnect.add(A.edge, doc('ingress', { trace_id: 'e', request_time: '1.180', upstream_connect_time: '-', upstream_response_time: '-' }));
    const stats = formatWithoutConnect.segmentStats();
    expect([stats.joined, stats.attributable, stats.connectMissing]).toEqual([{ all: 2, slow: 2 }, { all: 0, slow: 0 }, { all: 1, slow: 1 }]);
  });

  it('counts the joined traces whose edge line lacks its upstream time apart: ingress may well have reached a pod', () => {
    const edgeWithout = new TriageAccumulator(slowFrom(1000));
    const edge = doc('edge', { trace_id: 'f', request_time: '1.200' });
    edgeWithout.add(edge, doc('ingress', { trace_id: 'f', request_time: '1.180', upstream_connect_time: '0.001', upstream_response_time: '1.170' }));
    const stats = edgeWithout.segmentStats();
    expect([stats.joined, stats.attributable, stats.connectMissing, stats.edgeResponseMissing]).toEqual([
      { all: 1, slow: 1 },
      { all: 0, slow: 0 },
      { all: 0, slow: 0 },
      { all: 1, slow: 1 },
    ]);
  });

  it('counts field values of the joined traces, keeping the most slow per field', () => {
    const counts = accumulator.fieldValueCounts(CORRELATION_FIELDS, 1);
    expect(counts.traces).toEqual({ all: 2, slow: 1 });
    expect(counts.fields.ingressHost).toEqual({ withValue: { all: 2, slow: 1 }, distinctValues: 2, values: [{ value: 'n2', slow: 1, all: 1 }] });
    expect(counts.fields.edgeUpstreamAddr).toEqual({ withValue: { all: 2, slow: 1 }, distinctValues: 2, values: [{ value: '10.0.0.2:80', slow: 1, all: 1 }] });
    expect(counts.fields.status.values).toEqual([{ value: '200', slow: 1, all: 2 }]);
    expect(counts.fields.proxyUpstreamName.values).toEqual([{ value: 'prod-shop-8080', slow: 1, all: 2 }]);
  });

  it('counts as slow only the edge request_times inside a range with an upper end', () => {
    // [1000, 1300): a (1.2 s) is examined, c (1.5 s) and b (0.1 s) are not; every trace stays in "all".
    const band = new TriageAccumulator({ minMs: 1000, maxMs: 1300 });
    band.add(A.edge, A.ingress);
    band.add(B.edge, B.ingress);
    band.add(C, null);
    const stats = band.segmentStats();
    expect([stats.traces, stats.joined, stats.attributable]).toEqual([{ all: 3, slow: 1 }, { all: 2, slow: 1 }, { all: 2, slow: 1 }]);
    expect(band.fieldValueCounts(['edgeHost'], 5).fields.edgeHost.values).toEqual([{ value: 'e1', slow: 1, all: 2 }]);
  });

  it('groups connect times per hop, merging all but the largest groups', () => {
    const connects = accumulator.connectDistributions(1);
    // Edge: c has no connect time; addresses .1 (2 ms) and .2 (0 ms) tie at one line, .1 keeps its name.
    expect(connects.hops.edgeToIngress).toEqual({
      withoutConnectTime: 1,
      groups: [
        { groupBy: 'host', value: 'e1', values: [{ valueMs: 0, count: 1 }, { valueMs: 2, count: 1 }] },
        { groupBy: 'upstreamAddr', value: '(other)', values: [{ valueMs: 0, count: 1 }] },
        { groupBy: 'upstreamAddr', value: '10.0.0.1:80', values: [{ valueMs: 2, count: 1 }] },
      ],
    });
    expect(connects.hops.ingressToApp.groups.map((group) => [group.groupBy, group.value])).toEqual([
      ['host', '(other)'],
      ['host', 'n1'],
      ['upstreamAddr', '10.1.0.1:8080'],
    ]);
  });
});
