import { describe, expect, it } from 'vitest';
import { combinePeaks, descendantsOf, parseStatParentPid, parseStatusMemory } from './process-memory';

describe('parseStatusMemory', () => {
  it('reads VmRSS and VmHWM in bytes', () => {
    const status = 'Name:\tnext-server\nVmPeak:\t 22796212 kB\nVmHWM:\t  412000 kB\nVmRSS:\t  325872 kB\nThreads:\t11\n';
    expect(parseStatusMemory(status)).toEqual({ rssBytes: 325_872 * 1024, hwmBytes: 412_000 * 1024 });
  });

  it('is null for a process without memory lines (a zombie)', () => {
    expect(parseStatusMemory('Name:\tnode\nState:\tZ (zombie)\n')).toBeNull();
  });
});

describe('parseStatParentPid', () => {
  it('reads the fourth field after the command name', () => {
    expect(parseStatParentPid('11615 (next-server) S 11582 11582 11582 0 -1 4194560')).toBe(11_582);
  });

  it('survives spaces and parentheses in the command name', () => {
    expect(parseStatParentPid('42 (node (v20) x) R 7 42 42 0')).toBe(7);
  });
});

describe('descendantsOf', () => {
  it('collects the whole tree under the root and nothing else', () => {
    // 1 → 10 → (11, 12 → 13); 20 is another tree.
    const parents = new Map([
      [10, 1],
      [11, 10],
      [12, 10],
      [13, 12],
      [20, 1],
    ]);
    expect(descendantsOf(10, parents).sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
  });

  it('is the root alone when it has no children', () => {
    expect(descendantsOf(99, new Map())).toEqual([99]);
  });
});

describe('combinePeaks', () => {
  it('keeps the larger of each peak, and either side when the other is missing', () => {
    const first = { peakTreeRssBytes: 500, peakProcessHwmBytes: 700 };
    const restart = { peakTreeRssBytes: 600, peakProcessHwmBytes: 400 };
    expect(combinePeaks(first, restart)).toEqual({ peakTreeRssBytes: 600, peakProcessHwmBytes: 700 });
    expect(combinePeaks(null, restart)).toBe(restart);
    expect(combinePeaks(first, null)).toBe(first);
    expect(combinePeaks(null, null)).toBeNull();
  });
});
