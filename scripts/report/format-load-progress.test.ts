import { describe, expect, it } from 'vitest';
import { formatDuration, formatLoadProgress } from './format-load-progress';

describe('formatLoadProgress', () => {
  it('gives lines, rate, share and time left when the size is known', () => {
    // 1,234,567 lines in 5 s = 246,913.4 lines/s; 45 of 100 MB read in 5 s leaves 55 MB ≈ 6.1 s, shown as 7 s.
    expect(formatLoadProgress({ tier: 'edge', linesRead: 1_234_567, bytesRead: 45_000_000, totalBytes: 100_000_000, elapsedMs: 5_000 })).toBe(
      'loading edge: 1,234,567 lines · 246,913 lines/s · 45 % · about 7 s left',
    );
  });

  it('leaves out the share and time left when the size is unknown, and the rate before any time has passed', () => {
    expect(formatLoadProgress({ tier: 'ingress', linesRead: 10, bytesRead: 900, totalBytes: 0, elapsedMs: 2_000 })).toBe(
      'loading ingress: 10 lines · 5 lines/s',
    );
    expect(formatLoadProgress({ tier: 'edge', linesRead: 0, bytesRead: 0, totalBytes: 1_000, elapsedMs: 0 })).toBe('loading edge: 0 lines · 0 %');
  });

  it('promises no time left once every byte is read', () => {
    expect(formatLoadProgress({ tier: 'edge', linesRead: 8, bytesRead: 1_000, totalBytes: 1_000, elapsedMs: 4_000 })).toBe(
      'loading edge: 8 lines · 2 lines/s · 100 %',
    );
  });
});

describe('formatDuration', () => {
  it('rounds up to whole seconds and shows minutes past one', () => {
    expect(formatDuration(0)).toBe('1 s');
    expect(formatDuration(6_100)).toBe('7 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
