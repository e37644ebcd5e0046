import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '@/lib/backends/duckdb/load-progress';
import type { Tier } from '@/lib/domain/tiers';
import { createLoadProgressPrinter } from './load-progress-printer';

const reading = (tier: Tier, linesRead: number): LoadProgress => ({ stage: 'read', tier, linesRead, bytesRead: 0, totalBytes: 0, elapsedMs: 0 });
const storing = (tier: Tier, share: number): LoadProgress => ({ stage: 'store', tier, share, elapsedMs: 0 });

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
  it('writes a log line every 5 s when not on a terminal, with every stage under way', () => {
    const { written, printer, at } = setUp(false);
    at(0, reading('edge', 1));
    at(1_000, reading('edge', 2));
    at(5_000, storing('edge', 0.5));
    at(5_100, reading('ingress', 4));
    at(10_000, reading('ingress', 9));
    printer.finish('loaded');
    expect(written).toEqual(['reading edge: 1 lines\n', 'storing edge: 50 %\n', 'storing edge: 50 % | reading ingress: 9 lines\n', 'loaded\n']);
  });

  it('redraws one terminal line, drops finished stages, and ends it with the outcome', () => {
    const { written, printer, at } = setUp(true);
    at(0, reading('edge', 1));
    at(50, reading('edge', 2));
    at(150, storing('edge', 0.25));
    at(300, reading('ingress', 4));
    at(450, storing('edge', 1));
    printer.finish('loaded');
    expect(written).toEqual([
      '\r\u001b[Kreading edge: 1 lines',
      '\r\u001b[Kstoring edge: 25 %',
      '\r\u001b[Kstoring edge: 25 % | reading ingress: 4 lines',
      '\r\u001b[Kreading ingress: 4 lines',
      '\r\u001b[Kloaded\n',
    ]);
  });

  it('writes only the outcome when the load reported nothing', () => {
    const { written, printer } = setUp(true);
    printer.finish('loaded');
    expect(written).toEqual(['loaded\n']);
  });
});
