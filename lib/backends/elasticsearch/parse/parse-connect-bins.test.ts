import { describe, expect, it } from 'vitest';
import { parseConnectBins } from './parse-connect-bins';
import { recorded, T0 } from './testdata/recorded';

describe('parseConnectBins', () => {
  it('edge lines per 1 min bin, host and connect time (float doc values)', () => {
    // Valid edge lines of the fixture by bin: T0: edge-1 E1 E2 E4 E5a E7 (0.001), E8 (0.002);
    // edge-2 E3 (0.002), E5b (1.003). T0 + 1 min: E6; T0 + 2 min: E15 (edge-2, 0.001); T0 + 59 min: E14 (edge-1, 0).
    const page = parseConnectBins(recorded('connect-bins'), 20_000);
    expect(page.after).toBeNull();
    expect(page.bins.map(({ binStartMs, group, connect, count }) => [binStartMs - T0, group, connect === null ? null : Math.round(Number(connect) * 1000), count])).toEqual([
      [0, 'edge-1', 1, 5],
      [0, 'edge-1', 2, 1],
      [0, 'edge-2', 2, 1],
      [0, 'edge-2', 1003, 1],
      [60_000, 'edge-2', 1, 1],
      [120_000, 'edge-2', 1, 1],
      [59 * 60_000, 'edge-1', 0, 1],
    ]);
  });
});
