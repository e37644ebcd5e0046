import { describe, expect, it } from 'vitest';
import type { RetransmissionFinding } from '@/lib/domain/triage/retransmission';
import { DEFAULT_STATE, type InvestigationState } from '@/lib/url-state';
import { correlationFilterHref, retransmissionFindingHref } from './triage-links';

const STATE: InvestigationState = { ...DEFAULT_STATE, query: { from: '2020-11-19T02:00:00Z', to: '2020-11-19T06:00:00Z', app: 'user-api' } };

describe('correlationFilterHref', () => {
  it('adds the value as a filter and keeps the window and the other filters', () => {
    expect(correlationFilterHref(STATE, { field: 'path', value: '/app/v1/order/list' })).toBe(
      '/?from=2020-11-19T02%3A00%3A00Z&to=2020-11-19T06%3A00%3A00Z&app=user-api&path=%2Fapp%2Fv1%2Forder%2Flist',
    );
  });

  it('filters on hosts, addresses and statuses with a dimension filter added to the page\'s own', () => {
    expect(correlationFilterHref(STATE, { field: 'ingressHost', value: 'ingress-node-2' })).toBe(
      '/?from=2020-11-19T02%3A00%3A00Z&to=2020-11-19T06%3A00%3A00Z&app=user-api&filter=ingress.host%3Aingress-node-2',
    );
    const filtered = { ...STATE, query: { ...STATE.query, filter: ['-edge.status:499'] } };
    expect(correlationFilterHref(STATE, { field: 'ingressHost', value: 'ingress-node-2' }, true)).toBe(
      '/?from=2020-11-19T02%3A00%3A00Z&to=2020-11-19T06%3A00%3A00Z&app=user-api&filter=-ingress.host%3Aingress-node-2',
    );
    // app and path have no exclude parameter: no link pretends to exclude.
    expect(correlationFilterHref(STATE, { field: 'path', value: '/x' }, true)).toBeNull();
    expect(correlationFilterHref(filtered, { field: 'edgeUpstreamAddr', value: '10.20.0.12:80' })).toBe(
      '/?from=2020-11-19T02%3A00%3A00Z&to=2020-11-19T06%3A00%3A00Z&app=user-api&filter=-edge.status%3A499&filter=edge.upstreamAddr%3A10.20.0.12%3A80',
    );
  });
});

describe('retransmissionFindingHref', () => {
  const finding = {
    drill: { histogram: 'edgeMinusIngress', fromMs: 1000, toMs: 1100 },
    timeline: { tier: 'edge', groupBy: 'upstreamAddr' },
  } as RetransmissionFinding;

  it('opens the drill-down on the finding range and groups the hop timeline', () => {
    expect(retransmissionFindingHref(STATE, finding)).toBe(
      '/?from=2020-11-19T02%3A00%3A00Z&to=2020-11-19T06%3A00%3A00Z&app=user-api&histogram=edgeMinusIngress&fromMs=1000&toMs=1100#traces',
    );
  });

  it('narrows to the dominant node or address on the hop\'s own tier', () => {
    const throughNode = { ...finding, dominant: { groupBy: 'upstreamAddr', value: '10.20.0.12:80' } } as RetransmissionFinding;
    expect(retransmissionFindingHref(STATE, throughNode)).toBe(
      '/?from=2020-11-19T02%3A00%3A00Z&to=2020-11-19T06%3A00%3A00Z&app=user-api&filter=edge.upstreamAddr%3A10.20.0.12%3A80&histogram=edgeMinusIngress&fromMs=1000&toMs=1100#traces',
    );
    const ingress = { drill: null, dominant: { groupBy: 'host', value: 'ingress-node-2' }, timeline: { tier: 'ingress', groupBy: 'host' } } as RetransmissionFinding;
    expect(retransmissionFindingHref(STATE, ingress)).toBe(
      '/?from=2020-11-19T02%3A00%3A00Z&to=2020-11-19T06%3A00%3A00Z&app=user-api&filter=ingress.host%3Aingress-node-2',
    );
  });

  it('only regroups the timeline when no histogram holds the signal', () => {
    const ingress = { drill: null, timeline: { tier: 'ingress', groupBy: 'upstreamAddr' } } as RetransmissionFinding;
    expect(retransmissionFindingHref(STATE, ingress)).toBe(
      '/?from=2020-11-19T02%3A00%3A00Z&to=2020-11-19T06%3A00%3A00Z&app=user-api&ingressGroupBy=upstreamAddr',
    );
  });
});
