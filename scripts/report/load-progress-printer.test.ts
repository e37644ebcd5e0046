import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '@/lib/backends/duckdb/load-progress';
import type { Tier } from '@/lib/domain/tiers';
import { createLoadProgressPrinter } from './load-progress-printer';

const progress = (tier: Tier, linesRead: number): LoadProgress => ({ tier, linesRead, bytesRead: 0, totalBytes: 0, elapsedMs: 0 });

function setUp(isTTY: boolean) {
  const written: string[] = [];
  let now = 0;
  const printer = createLoadProgressPrinter({ write: (text) => void written.push(text), isTTY }, () => now);
  const at = (ms: number, event: LoadProgress) => {
    now = ms;
    printer.onLoadProgress(event);
  };
  return { written, printer, at };
}

describe('createLoadProgressPrinter', () => {
  it('writes a log line every 5 s and whenever the tier changes when not on a terminal', () => {
    const { written, printer, at } = setUp(false);
    at(0, progress('edge', 1));
    at(1_000, progress('edge', 2));
    at(5_000, progress('edge', 3));
    at(5_100, progress('ingress', 4));
    printer.finish('loaded');
    expect(written).toEqual(['loading edge: 1 lines\n', 'loading edge: 3 lines\n', 'loading ingress: 4 lines\n', 'loaded\n']);
  });

  it('redraws one terminal line, keeps each tier’s last line and ends it before the outcome', () => {
    const { written, printer, at } = setUp(true);
    at(0, progress('edge', 1));
    at(50, progress('edge', 2));
    at(150, progress('edge', 3));
    at(160, progress('ingress', 4));
    printer.finish('loaded');
    expect(written).toEqual([
      '\r\u001b[Kloading edge: 1 lines',
      '\r\u001b[Kloading edge: 3 lines',
      '\nloading ingress: 4 lines',
      '\nloaded\n',
    ]);
  });

  it('writes only the outcome when the load reported nothing (JSON files)', () => {
    const { written, printer } = setUp(true);
    printer.finish('loaded');
    expect(written).toEqual(['loaded\n']);
  });
});
