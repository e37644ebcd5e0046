import { describe, expect, it } from 'vitest';
import { selfTimeBy, type CpuProfile } from './cpu-profile';

describe('selfTimeBy', () => {
  // Three nodes: (root), render in app.js, layout in charts.js. Samples land 2 × render, 1 × layout,
  // 1 × root, each charged its time delta (µs).
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
      { id: 2, callFrame: { functionName: 'render', url: 'http://x/app.js', lineNumber: 10 } },
      { id: 3, callFrame: { functionName: 'layout', url: 'http://x/charts.js', lineNumber: 5 } },
    ],
    samples: [2, 3, 2, 1],
    timeDeltas: [1_000, 4_000, 2_000, 500],
  };

  it('charges each sample its time delta, by key, slowest first', () => {
    expect(selfTimeBy(profile, (node) => node.callFrame.url)).toEqual([
      ['http://x/charts.js', 4],
      ['http://x/app.js', 3],
      ['', 0.5],
    ]);
  });

  it('ignores samples of unknown nodes', () => {
    expect(selfTimeBy({ ...profile, samples: [9], timeDeltas: [1_000] }, () => 'all')).toEqual([]);
  });
});
