import { describe, expect, it } from 'vitest';
import { describeSample, traceIdRangeFor, uniformSampleRange, type HexCase, type TraceIdSpread } from './trace-id-sample';

/** The first characters of random ids written in `hexCase`: an even spread, a sixteenth each. */
function even(lines: number, hexCase: HexCase = 'lower'): Record<string, number> {
  const digits = `0123456789${hexCase === 'lower' ? 'abcdef' : 'ABCDEF'}`.split('');
  return Object.fromEntries(digits.map((digit, index) => [digit, Math.floor(lines / 16) + (index < lines % 16 ? 1 : 0)]));
}

describe('traceIdRangeFor', () => {
  it('takes the first two-digit prefixes holding about the target lines', () => {
    expect(traceIdRangeFor(1_000_000, 50_000)).toEqual({ from: '00', to: '0d', prefixes: 13, hexCase: 'lower' });
    expect(traceIdRangeFor(10_000_000, 50_000)).toEqual({ from: '00', to: '02', prefixes: 2, hexCase: 'lower' });
  });

  it('keeps at least one prefix however large the window', () => {
    expect(traceIdRangeFor(1_000_000_000, 50_000)).toEqual({ from: '00', to: '01', prefixes: 1, hexCase: 'lower' });
  });

  it('takes no sample of a quarter of the window or more, nor of nothing', () => {
    expect(traceIdRangeFor(200_000, 50_000)).toBeNull();
    expect(traceIdRangeFor(0, 50_000)).toBeNull();
  });
});

describe('uniformSampleRange', () => {
  const range = { from: '00', to: '0d', prefixes: 13, hexCase: 'lower' } as const;
  const spread = (byFirstCharacter: Record<string, number>, inRange: number, hexCase: HexCase = 'lower'): TraceIdSpread => ({
    lines: Object.values(byFirstCharacter).reduce((a, b) => a + b, 0),
    byFirstCharacter,
    // The other case's range holds the digit-led ids below it ('0A' < '0d'): never the one judged.
    inRange: hexCase === 'lower' ? { lower: inRange, upper: 1 } : { lower: 1, upper: inRange },
  });

  it('accepts random hex ids, and gives the range in their case', () => {
    expect(uniformSampleRange(spread(even(1_000_000), 50_781), range)).toEqual(range);
    expect(uniformSampleRange(spread(even(1_000_000, 'upper'), 50_781, 'upper'), range)).toEqual({ from: '00', to: '0D', prefixes: 13, hexCase: 'upper' });
  });

  it('refuses ids not all starting with a hex digit (other alphabets)', () => {
    expect(uniformSampleRange({ ...spread(even(1_000_000), 50_781), lines: 1_000_001 }, range)).toBeNull();
  });

  it('refuses ids whose letters come in both cases', () => {
    const mixed = { ...even(1_000_000), a: 0, A: Math.floor(1_000_000 / 16) };
    expect(uniformSampleRange(spread(mixed, 50_781), range)).toBeNull();
  });

  it('refuses a skewed first digit (timestamped or sequential ids)', () => {
    const digits = even(1_000_000);
    digits['0']! += 5_000;
    digits['1']! -= 5_000;
    expect(uniformSampleRange(spread(digits, 50_781), range)).toBeNull();
  });

  it('refuses digits only (decimal ids)', () => {
    const decimal = Object.fromEntries('0123456789'.split('').map((digit) => [digit, 100_000]));
    expect(uniformSampleRange(spread(decimal, 50_781), range)).toBeNull();
  });

  it('refuses a range holding more or fewer lines than its share, in the ids\' case', () => {
    expect(uniformSampleRange(spread(even(1_000_000), 60_000), range)).toBeNull();
    expect(uniformSampleRange(spread(even(1_000_000), 40_000), range)).toBeNull();
    expect(uniformSampleRange(spread(even(1_000_000, 'upper'), 40_000, 'upper'), range)).toBeNull();
  });

  it('refuses to judge too few lines', () => {
    expect(uniformSampleRange(spread(even(800), 40), range)).toBeNull();
  });
});

describe('describeSample', () => {
  it('states the range, the share and the lines', () => {
    const statement = describeSample({ from: '00', to: '0d', prefixes: 13, hexCase: 'lower' }, 50_781, 998_554);
    expect(statement).toMatchObject({ kind: 'trace_id_range', traceIdFrom: '00', traceIdTo: '0d', fraction: 13 / 256 });
    expect(statement.message).toBe(
      'A first answer from a sample: the traces whose trace id starts with 00 to 0c, about 1 in 20 (50,781 of ~998,554 edge lines). ' +
        "Counts are the sample's; the exact answer replaces it once the whole window is read.",
    );
  });

  it('writes the last prefix in the ids\' case', () => {
    expect(describeSample({ from: '00', to: '10', prefixes: 16, hexCase: 'upper' }, 62_000, 998_554).message).toMatch(/starts with 00 to 0F, about 1 in 16/);
  });
});
