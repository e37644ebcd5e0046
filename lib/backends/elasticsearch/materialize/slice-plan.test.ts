import { describe, expect, it } from 'vitest';
import { JOIN_WINDOW_MARGIN_MS } from '@/lib/domain/query';
import { isSettled, parseSliceKey, SLICE_MS, sliceKey, slicesCovering, windowSlices } from './slice-plan';

const T0 = Date.UTC(2020, 10, 19, 2);
const MIN = 60_000;

describe('slice plan', () => {
  it('covers a window with aligned quarter hours, the partial ones at both ends included', () => {
    expect(slicesCovering(T0 + 5 * MIN, T0 + 31 * MIN)).toEqual([
      { startMs: T0, endMs: T0 + 15 * MIN },
      { startMs: T0 + 15 * MIN, endMs: T0 + 30 * MIN },
      { startMs: T0 + 30 * MIN, endMs: T0 + 45 * MIN },
    ]);
    // Half-open: a window ending on a boundary takes no slice beyond it.
    expect(slicesCovering(T0, T0 + 30 * MIN)).toHaveLength(2);
    expect(slicesCovering(T0, T0 + 1)).toEqual([{ startMs: T0, endMs: T0 + SLICE_MS }]);
  });

  it('reads the ingress slices of the join window around the edge slices', () => {
    const slices = windowSlices(T0, T0 + 60 * MIN);
    expect(slices.edge.map((slice) => slice.startMs)).toEqual([0, 15, 30, 45].map((m) => T0 + m * MIN));
    expect(slices.ingress[0]).toEqual({ startMs: T0 - 15 * MIN, endMs: T0 });
    expect(slices.ingress.at(-1)).toEqual({ startMs: T0 + 60 * MIN, endMs: T0 + 75 * MIN });
    expect(slices.ingress[0]!.startMs).toBeLessThanOrEqual(T0 - JOIN_WINDOW_MARGIN_MS);
  });

  it('settles a slice once it ended more than the lateness margin ago', () => {
    const slice = { startMs: T0, endMs: T0 + SLICE_MS };
    expect(isSettled(slice, slice.endMs + 10 * MIN, 10 * MIN)).toBe(true);
    expect(isSettled(slice, slice.endMs + 10 * MIN - 1, 10 * MIN)).toBe(false);
  });

  it('names slices so a restarted server finds them, and parses nothing else', () => {
    const slice = { startMs: T0, endMs: T0 + SLICE_MS };
    expect(parseSliceKey(sliceKey('ingress', slice))).toEqual({ tier: 'ingress', slice });
    for (const name of ['edge-1-1', 'app-1-2', 'edge-2-1', 'edge-1-2.part', '../edge-1-2']) expect(parseSliceKey(name), name).toBeNull();
  });
});
