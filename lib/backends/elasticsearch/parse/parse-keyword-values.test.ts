import { describe, expect, it } from 'vitest';
import { parseKeywordValues } from './parse-keyword-values';
import { recorded } from './testdata/recorded';

describe('parseKeywordValues', () => {
  it('keyword values in key order, the last page without a follow-up', () => {
    const page = parseKeywordValues(recorded('keyword-values'), 10_000);
    // The 13 lines with a trace id: "-" (E9), "-0.001" (E13) and the 11 valid strings.
    expect(page.values).toEqual(
      ['-', '-0.001', '0.050', '0.100', '0.200', '0.250', '0.300', '0.350', '0.600', '0.999', '1.000', '2.300', '3.500'].map((value) => ({ value, count: 1 })),
    );
    expect(page.after).toBeNull();
    expect(parseKeywordValues(recorded('keyword-values'), 13).after).toEqual({ value: '3.500' });
  });
});
