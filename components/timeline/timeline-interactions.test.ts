import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, parseInvestigationState, toSearchParams, withQuery } from '@/lib/url-state';
import { highestSeries, nearestSeries, toDragWindow, toPointDrillState, type TimelinePoint } from './timeline-interactions';

const WINDOW = { fromMs: Date.parse('2020-11-19T02:00:00.000Z'), toMs: Date.parse('2020-11-19T02:59:30.000Z') };
const POINT: TimelinePoint = {
  tier: 'ingress',
  groupBy: 'host',
  group: 'ingress-node-2',
  binStartMs: Date.parse('2020-11-19T02:10:00.000Z'),
  binMs: 30_000,
  valueMs: 1_043,
  window: WINDOW,
};

/** The page URL a state writes, as its parameters. */
const urlOf = (state: Parameters<typeof toSearchParams>[0]) => toSearchParams(state);

describe('toPointDrillState', () => {
  it('narrows the window to the bin, filters to the group, opens the slow requests of the tier, slowest connects first', () => {
    const params = urlOf(toPointDrillState(DEFAULT_STATE, POINT));
    expect(params.get('from')).toBe('2020-11-19T02:10:00.000Z');
    expect(params.get('to')).toBe('2020-11-19T02:10:30.000Z');
    expect(params.getAll('filter')).toEqual(['ingress.host:ingress-node-2']);
    expect(params.get('histogram')).toBe('ingress');
    expect(params.get('fromMs')).toBe('1000');
    expect(params.has('toMs')).toBe(false);
    expect(params.get('sort')).toBe('ingressConnect.desc');
  });

  it('opens the whole bin when the point is below a retransmission, and uses the edge fields on the edge timeline', () => {
    const state = toPointDrillState(DEFAULT_STATE, { ...POINT, tier: 'edge', groupBy: 'upstreamAddr', group: '10.20.0.12:80', valueMs: 3 });
    expect(state.drill).toEqual({ histogram: 'edge', fromMs: null, toMs: null });
    expect(state.query.filter).toEqual(['edge.upstreamAddr:10.20.0.12:80']);
    expect(state.sort).toEqual({ key: 'edgeConnect', order: 'desc' });
    // The URL reads back as the same state: the drill-down of the whole bin survives a reload.
    expect(parseInvestigationState(toSearchParams(state)).drill).toEqual(state.drill);
  });

  it('clips the bin to the window at both ends', () => {
    const first = toPointDrillState(DEFAULT_STATE, { ...POINT, binStartMs: WINDOW.fromMs - 10_000 });
    expect(first.query.from).toBe('2020-11-19T02:00:00.000Z');
    expect(first.query.to).toBe('2020-11-19T02:00:20.000Z');
    const last = toPointDrillState(DEFAULT_STATE, { ...POINT, binStartMs: Date.parse('2020-11-19T02:59:15.000Z') });
    expect(last.query.to).toBe('2020-11-19T02:59:30.000Z');
  });

  it('keeps the other filters and the page state, replaces an include of the same field, drops the page cursor', () => {
    const before = {
      ...withQuery(DEFAULT_STATE, { app: 'user-api', filter: ['ingress.host:ingress-node-1', '-edge.status:504'] }),
      timeZone: 'utc' as const,
      cursor: 'abc',
    };
    const after = toPointDrillState(before, POINT);
    expect(after.query.app).toBe('user-api');
    expect(after.query.filter).toEqual(['-edge.status:504', 'ingress.host:ingress-node-2']);
    expect(after.timeZone).toBe('utc');
    expect(after.cursor).toBeNull();
  });

  it('adds no filter for the merged (other) group or lines without a group', () => {
    for (const group of ['(other)', '(none)']) {
      const state = toPointDrillState(withQuery(DEFAULT_STATE, { filter: ['edge.host:edge-1'] }), { ...POINT, group });
      expect(state.query.filter).toEqual(['edge.host:edge-1']);
    }
  });
});

describe('toDragWindow', () => {
  const timeline = { binMs: 30_000, ...WINDOW };
  const bin = (index: number) => WINDOW.fromMs + index * 30_000;

  it('covers both bins whole, whichever way the drag went', () => {
    expect(toDragWindow(bin(4), bin(2), timeline)).toEqual({ fromMs: bin(2), toMs: bin(5) });
    expect(toDragWindow(bin(2), bin(4), timeline)).toEqual({ fromMs: bin(2), toMs: bin(5) });
  });

  it('is no zoom when the drag stays in one bin or spans the whole window', () => {
    expect(toDragWindow(bin(3), bin(3), timeline)).toBeNull();
    expect(toDragWindow(bin(0), bin(118), timeline)).toBeNull();
  });

  it('stays inside the window when the bins overhang it', () => {
    const offset = { ...timeline, fromMs: bin(0) + 5_000 };
    expect(toDragWindow(bin(0), bin(1), offset)).toEqual({ fromMs: bin(0) + 5_000, toMs: bin(2) });
  });
});

describe('choosing the clicked series', () => {
  const values = [
    { key: 's0', valueMs: 1_043 },
    { key: 's1', valueMs: 2 },
    { key: 's2', valueMs: 15 },
  ];
  // A plot 200 px high for 0–1,200 ms, drawn top down.
  const toPixel = (valueMs: number) => 200 - (valueMs / 1_200) * 200;

  it('takes the series drawn nearest to the pointer', () => {
    expect(nearestSeries(values, 30, toPixel)).toBe('s0');
    expect(nearestSeries(values, 199, toPixel)).toBe('s1');
    expect(nearestSeries(values, 196, toPixel)).toBe('s2');
    expect(nearestSeries([], 100, toPixel)).toBeNull();
  });

  it('opens the highest series from the keyboard', () => {
    expect(highestSeries(values)).toBe('s0');
    expect(highestSeries([])).toBeNull();
  });
});
