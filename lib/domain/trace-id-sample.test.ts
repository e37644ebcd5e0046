import { describe, expect, it } from 'vitest';
import { describeSample, isUniformTraceIdSpread, traceIdRangeFor, type TraceIdSpread } from './trace-id-sample';

/** The first digits of random ids: an even spread, a sixteenth each. */
const even = (lines: number): number[] => Array.from({ length: 16 }, (_, index) => Math.floor(lines / 16) + (index < lines % 16 ? 1 : 0));

describe('traceIdRangeFor', () => {
  it('takes the first two-digit prefixes holding about the target lines', () => {
    expect(traceIdRangeFor(1_000_000, 50_000)).toEqual({ from: '00', to: '0d', prefixes: 13 });
    expect(traceIdRangeFor(10_000_000, 50_000)).toEqual({ from: '00', to: '02', prefixes: 2 });
  });

  it('keeps at least one prefix however large the window', () => {
    expect(traceIdRangeFor(1_000_000_000, 50_000)).toEqual({ from: '00', to: '01', prefixes: 1 });
  });

  it('takes no sample of a quarter of the window or more, nor of nothing', () => {
    expect(traceIdRangeFor(200_000, 50_000)).toBeNull();
    expect(traceIdRangeFor(0, 50_000)).toBeNull();
  });
});

describe('isUniformTraceIdSpread', () => {
  const range = { from: '00', to: '0d', prefixes: 13 };
  const spread = (byFirstDigit: number[], inRange: number): TraceIdSpread => ({ lines: byFirstDigit.reduce((a, b) => a + b, 0), byFirstDigit, inRange });

  it('accepts random hex ids', () => {
    expect(isUniformTraceIdSpread(spread(even(1_000_000), 50_781), range)).toBe(true);
  });

  it('refuses ids not all starting with a lowercase hex digit (upper case, other alphabets)', () => {
    const digits = even(1_000_000);
    expect(isUniformTraceIdSpread({ lines: 1_000_001, byFirstDigit: digits, inRange: 50_781 }, range)).toBe(false);
  });

  it('refuses a skewed first digit (timestamped or sequential ids)', () => {
    const digits = even(1_000_000);
    digits[0]! += 5_000;
    digits[1]! -= 5_000;
    expect(isUniformTraceIdSpread(spread(digits, 50_781), range)).toBe(false);
  });

  it('refuses a range holding more or fewer lines than its share', () => {
    expect(isUniformTraceIdSpread(spread(even(1_000_000), 60_000), range)).toBe(false);
    expect(isUniformTraceIdSpread(spread(even(1_000_000), 40_000), range)).toBe(false);
  });

  it('refuses to judge too few lines', () => {
    expect(isUniformTraceIdSpread(spread(even(800), 40), range)).toBe(false);
  });
});

describe('describeSample', () => {
  it('states the range, the share and the lines', () => {
    const statement = describeSample({ from: '00', to: '0d', prefixes: 13 }, 50_781, 998_554);
    expect(statement).toMatchObject({ kind: 'trace_id_range', traceIdFrom: '00', traceIdTo: '0d', fraction: 13 / 256 });
    expect(statement.message).toBe(
      'A first answer from a sample: the traces whose trace id starts with 00 to 0c, about 1 in 20 (50,781 of ~998,554 edge lines). ' +
        "Counts are the sample's; the exact answer replaces it once the whole window is read.",
    );
  });
});
