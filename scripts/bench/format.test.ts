import { describe, expect, it } from 'vitest';
import { escapeCell, formatBytes, formatCount, formatDuration, formatRatio, formatSummary, markdownTable } from './format';

describe('formatDuration', () => {
  it.each([
    [0.84, '0.8 ms'],
    [9.96, '10.0 ms'],
    [42.4, '42 ms'],
    [999.4, '999 ms'],
    [1_234, '1.23 s'],
    [12_345, '12.3 s'],
    [65_400, '1 min 05 s'],
    [Number.NaN, '—'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatSummary', () => {
  it('shows the median and the range in the median unit', () => {
    expect(formatSummary({ runs: 5, medianMs: 1_200, minMs: 1_180, maxMs: 1_310, p25Ms: 1_190, p75Ms: 1_250 })).toBe('1.20 s (1.18–1.31)');
    expect(formatSummary({ runs: 5, medianMs: 412, minMs: 398.2, maxMs: 1_450, p25Ms: 400, p75Ms: 420 })).toBe('412 ms (398–1450)');
  });

  it('shows a single run without a range', () => {
    expect(formatSummary({ runs: 1, medianMs: 4.2, minMs: 4.2, maxMs: 4.2, p25Ms: 4.2, p75Ms: 4.2 })).toBe('4.2 ms');
  });
});

describe('formatBytes, formatCount, formatRatio', () => {
  it('reads MiB below a GiB and GiB above', () => {
    expect(formatBytes(812 * 1024 * 1024)).toBe('812 MiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.50 GiB');
  });

  it('groups thousands', () => {
    expect(formatCount(1_000_000)).toBe('1,000,000');
  });

  it('rounds large ratios and keeps a decimal on small ones', () => {
    expect(formatRatio(123.6)).toBe('124×');
    expect(formatRatio(3.44)).toBe('3.4×');
  });
});

describe('markdownTable', () => {
  it('writes headers, the alignment rule and rows', () => {
    expect(markdownTable(['endpoint', 'median'], [['histograms', '1.2 s']], ['left', 'right'])).toBe(
      '| endpoint | median |\n|---|---:|\n| histograms | 1.2 s |',
    );
  });

  it('escapes pipes and newlines inside cells', () => {
    expect(escapeCell('a|b\nc')).toBe('a\\|b c');
  });

  it('refuses a row of the wrong width', () => {
    expect(() => markdownTable(['a', 'b'], [['only one']])).toThrow(/row 0 has 1 cells for 2 headers/);
  });
});
