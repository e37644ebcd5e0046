import { describe, expect, it } from 'vitest';
import { parseExtent } from './parse-extent';
import { recorded, T0 } from './testdata/recorded';

describe('parseExtent', () => {
  it('first and last @timestamp, the end exclusive; null for a pattern without indices', () => {
    // First edge line E8 at +1 s, last E12 at +1 h.
    expect(parseExtent(recorded('extent'))).toEqual({ fromMs: T0 + 1_000, toMs: T0 + 3_600_001 });
    expect(parseExtent(recorded('extent-no-index'))).toBeNull();
  });
});
