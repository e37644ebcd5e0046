import { describe, expect, it } from 'vitest';
import { formatDuration, formatLoadProgress } from './format-load-progress';

describe('formatLoadProgress', () => {
  it('gives lines, rate, share and time left while raw text is read and the size is known', () => {
    // 1,234,567 lines in 5 s = 246,913.4 lines/s; 45 of 100 MB read in 5 s leaves 55 MB ≈ 6.1 s, shown as 7 s.
    expect(
      formatLoadProgress({ stage: 'read', tier: 'edge', linesRead: 1_234_567, bytesRead: 45_000_000, totalBytes: 100_000_000, elapsedMs: 5_000 }),
    ).toBe('reading edge: 1,234,567 lines · 246,913 lines/s · 45 % · about 7 s left');
  });

  it('leaves out the share and time left when the size is unknown, and the rate before any time has passed', () => {
    expect(formatLoadProgress({ stage: 'read', tier: 'ingress', linesRead: 10, bytesRead: 900, totalBytes: 0, elapsedMs: 2_000 })).toBe(
      'reading ingress: 10 lines · 5 lines/s',
    );
    expect(formatLoadProgress({ stage: 'read', tier: 'edge', linesRead: 0, bytesRead: 0, totalBytes: 1_000, elapsedMs: 0 })).toBe(
      'reading edge: 0 lines · 0 %',
    );
  });

  it('promises no time left once every byte is read', () => {
    expect(formatLoadProgress({ stage: 'read', tier: 'edge', linesRead: 8, bytesRead: 1_000, totalBytes: 1_000, elapsedMs: 4_000 })).toBe(
      'reading edge: 8 lines · 2 lines/s · 100 %',
    );
  });

  it('gives DuckDB’s share and the time left while a tier is stored', () => {
    // 40 % in 6 s: the other 60 % take 9 s at that pace.
    expect(formatLoadProgress({ stage: 'store', tier: 'ingress', share: 0.4, elapsedMs: 6_000 })).toBe('storing ingress: 40 % · about 9 s left');
    expect(formatLoadProgress({ stage: 'store', tier: 'edge', share: 1, elapsedMs: 6_000 })).toBe('storing edge: 100 %');
  });
});

describe('formatDuration', () => {
  it('rounds up to whole seconds and shows minutes past one', () => {
    expect(formatDuration(0)).toBe('1 s');
    expect(formatDuration(6_100)).toBe('7 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
