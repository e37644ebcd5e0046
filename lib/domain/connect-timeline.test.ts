import { describe, expect, it } from 'vitest';
import { MAX_TIMELINE_BINS, chooseTimelineBinMs } from './connect-timeline';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('chooseTimelineBinMs', () => {
  it.each([
    // span, bin, and why: the bin one step finer would need more than 180 bins
    ['1 min', MINUTE, SECOND], // 60 bins of 1 s
    ['3 min exactly', 3 * MINUTE, SECOND], // 180 bins of 1 s, the limit itself
    ['3 min + 1 ms', 3 * MINUTE + 1, 2 * SECOND], // 181 bins of 1 s; 91 of 2 s
    ['15 min', 15 * MINUTE, 5 * SECOND], // 2 s → 450 bins; 5 s → 180
    ['1 h', HOUR, 30 * SECOND], // 15 s → 240; 30 s → 120
    ['4 h', 4 * HOUR, 2 * MINUTE], // 1 min → 240; 2 min → 120
    ['24 h', DAY, 10 * MINUTE], // 5 min → 288; 10 min → 144
    ['7 days', 7 * DAY, HOUR], // 30 min → 336; 1 h → 168
    ['31 days', 31 * DAY, 6 * HOUR], // 3 h → 248; 6 h → 124
    ['180 days', 180 * DAY, DAY], // 12 h → 360; 1 day → 180
  ])('%s → %s ms', (_what, spanMs, binMs) => {
    expect(chooseTimelineBinMs(spanMs)).toBe(binMs);
  });

  it('falls back to whole days beyond 180 days', () => {
    // 200 days / 180 = 1.11 days → 2 days per bin, 100 bins
    expect(chooseTimelineBinMs(200 * DAY)).toBe(2 * DAY);
    // 1000 days / 180 = 5.56 days → 6 days per bin
    expect(chooseTimelineBinMs(1000 * DAY)).toBe(6 * DAY);
  });

  it('gives the finest bin for an empty span', () => {
    expect(chooseTimelineBinMs(0)).toBe(SECOND);
  });

  it('never exceeds the bin limit', () => {
    for (const spanMs of [1, 59_999, 7 * HOUR + 13, 13 * DAY + 5, 31 * DAY, 400 * DAY + 1]) {
      expect(Math.ceil(spanMs / chooseTimelineBinMs(spanMs))).toBeLessThanOrEqual(MAX_TIMELINE_BINS);
    }
  });
});
