import { describe, expect, it } from 'vitest';
import { countWords, listWords, msWords, percentWords, pValueWords, secondsRangeWords, secondsWords } from './wording';

describe('triage wording', () => {
  it('writes counts, shares and times the way the sentences use them', () => {
    expect(countWords(1204)).toBe('1,204');
    expect(percentWords(925 / 1410)).toBe('66 %');
    expect(percentWords(0.004)).toBe('0.4 %');
    expect(percentWords(0)).toBe('0 %');
    expect(secondsWords(1000)).toBe('1 s');
    expect(secondsWords(1500)).toBe('1.5 s');
    expect(secondsRangeWords(1000, 1100)).toBe('1.00–1.10 s');
    expect(msWords(1043)).toBe('1,043 ms');
    expect(msWords(null)).toBe('–');
  });

  it('writes p-values without false precision', () => {
    expect(pValueWords(0, -400)).toBe('p < 1e-300');
    expect(pValueWords(3.2e-9, Math.log10(3.2e-9))).toBe('p = 3e-9');
    expect(pValueWords(0.0432, Math.log10(0.0432))).toBe('p = 0.043');
    expect(pValueWords(1, 0)).toBe('p = 1');
  });

  it('joins lists with "and"', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['a'])).toBe('a');
    expect(listWords(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listWords(['a', 'b'], 'or')).toBe('a or b');
  });
});
