import { describe, expect, it } from 'vitest';
import { MAX_SPAN_MS } from './query';
import { openableExtent, shiftWindow, windowsOverlap, zoomOutWindow } from './time-window';

const T0 = Date.UTC(2020, 10, 19, 2, 0, 0); // 2020-11-19T02:00:00Z
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('time window', () => {
  it('shifts by its own width, back and forward', () => {
    const window = { fromMs: T0, toMs: T0 + HOUR };
    expect(shiftWindow(window, -1)).toEqual({ from: '2020-11-19T01:00:00.000Z', to: '2020-11-19T02:00:00.000Z' });
    expect(shiftWindow(window, 1)).toEqual({ from: '2020-11-19T03:00:00.000Z', to: '2020-11-19T04:00:00.000Z' });
    // 90 s with milliseconds: the width is kept exactly.
    expect(shiftWindow({ fromMs: T0 + 331, toMs: T0 + 90_331 }, 1)).toEqual({ from: '2020-11-19T02:01:30.331Z', to: '2020-11-19T02:03:00.331Z' });
  });

  it('zooms out ×2 around the same middle', () => {
    expect(zoomOutWindow({ fromMs: T0, toMs: T0 + HOUR })).toEqual({ from: '2020-11-19T01:30:00.000Z', to: '2020-11-19T03:30:00.000Z' });
    // An odd width stays on whole milliseconds and doubles exactly.
    expect(zoomOutWindow({ fromMs: T0, toMs: T0 + 3 })).toEqual({ from: '2020-11-19T01:59:59.999Z', to: '2020-11-19T02:00:00.005Z' });
  });

  it('zooms out no further than the longest range the API accepts', () => {
    const twentyDays = zoomOutWindow({ fromMs: T0, toMs: T0 + 20 * DAY })!;
    expect(Date.parse(twentyDays.to) - Date.parse(twentyDays.from)).toBe(MAX_SPAN_MS);
    expect(Date.parse(twentyDays.from)).toBe(T0 - 5.5 * DAY);
    expect(zoomOutWindow({ fromMs: T0, toMs: T0 + MAX_SPAN_MS })).toBeNull();
  });

  it('tells whether half-open windows overlap', () => {
    expect(windowsOverlap({ fromMs: 0, toMs: 10 }, { fromMs: 5, toMs: 20 })).toBe(true);
    expect(windowsOverlap({ fromMs: 0, toMs: 10 }, { fromMs: 10, toMs: 20 })).toBe(false);
    expect(windowsOverlap({ fromMs: 10, toMs: 20 }, { fromMs: 0, toMs: 10 })).toBe(false);
    expect(windowsOverlap({ fromMs: 0, toMs: 100 }, { fromMs: 40, toMs: 60 })).toBe(true);
  });

  it('opens the whole extent, or its last 31 days', () => {
    expect(openableExtent({ fromMs: T0 + 331, toMs: T0 + HOUR })).toEqual({ from: '2020-11-19T02:00:00.331Z', to: '2020-11-19T03:00:00.000Z' });
    expect(openableExtent({ fromMs: T0 - 90 * DAY, toMs: T0 })).toEqual({ from: '2020-10-19T02:00:00.000Z', to: '2020-11-19T02:00:00.000Z' });
  });
});
