import { describe, expect, it } from 'vitest';
import type { ConnectPoint, ConnectTimeline } from '@/lib/domain/connect-timeline';
import { brushRange, toTimelineRows } from './timeline-rows';

const point = (binStartMs: number, maxMs: number, p99Ms = maxMs, p50Ms = 1): ConnectPoint => ({ binStartMs, count: 10, p50Ms, p99Ms, maxMs });

const TIMELINE: ConnectTimeline = {
  tier: 'ingress',
  groupBy: 'host',
  binMs: 60_000,
  fromMs: 90_000,
  toMs: 330_000,
  series: [
    { group: 'node-a', count: 50, points: [point(60_000, 3), point(120_000, 5)] },
    { group: 'node-b', count: 20, points: [point(180_000, 1003, 12)] },
  ],
  withoutConnectTime: 0,
};

describe('toTimelineRows', () => {
  it('makes one row per bin over the window, aligned to the bins, with gaps where a group has no point', () => {
    const { rows, series } = toTimelineRows(TIMELINE, 'max');
    expect(rows.map((row) => row.t)).toEqual([60_000, 120_000, 180_000, 240_000, 300_000]);
    expect(series.map((s) => [s.key, s.group, s.peakMs])).toEqual([
      ['s0', 'node-b', 1003],
      ['s1', 'node-a', 5],
    ]);
    expect(rows[2]).toEqual({ t: 180_000, s0: 1003 });
    expect(rows[0]).toEqual({ t: 60_000, s1: 3 });
  });

  it('plots the chosen statistic', () => {
    const { rows, series } = toTimelineRows(TIMELINE, 'p99');
    expect(series[0]).toMatchObject({ group: 'node-b', peakMs: 12 });
    expect(rows[2]).toEqual({ t: 180_000, s0: 12 });
  });
});

describe('brushRange', () => {
  it('covers the selected bins, clipped to the window', () => {
    const { rows } = toTimelineRows(TIMELINE, 'max');
    expect(brushRange(rows, 0, 1, TIMELINE)).toEqual({ fromMs: 90_000, toMs: 180_000 });
    expect(brushRange(rows, 2, 4, TIMELINE)).toEqual({ fromMs: 180_000, toMs: 330_000 });
  });
});

describe('series counts and styles', () => {
  it('keep each bin’s line count beside its value, and give each series its own dash and marker', () => {
    const timeline: ConnectTimeline = {
      ...TIMELINE,
      series: [
        { group: 'node-a', count: 7, points: [{ binStartMs: 60_000, count: 4, p50Ms: 1, p99Ms: 3, maxMs: 3 }, { binStartMs: 120_000, count: 3, p50Ms: 1, p99Ms: 5, maxMs: 5 }] },
        { group: 'node-b', count: 2, points: [{ binStartMs: 180_000, count: 2, p50Ms: 12, p99Ms: 1003, maxMs: 1003 }] },
      ],
    };
    const { series } = toTimelineRows(timeline, 'max');
    expect([...series[0]!.countByBin]).toEqual([[180_000, 2]]);
    expect([...series[1]!.countByBin]).toEqual([[60_000, 4], [120_000, 3]]);
    expect(series[0]!.dash).not.toBe(series[1]!.dash);
    expect(series[0]!.marker).not.toBe(series[1]!.marker);
  });
});
