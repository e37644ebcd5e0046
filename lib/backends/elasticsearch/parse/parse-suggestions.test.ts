import { describe, expect, it } from 'vitest';
import { parseSuggestions } from './parse-suggestions';
import { recorded } from './testdata/recorded';

describe('parseSuggestions', () => {
  it('values in the answer order', () => {
    // All 16 edge lines (no window): shop 12 (E12 too), media 4.
    expect(parseSuggestions(recorded('suggestions'))).toEqual([
      { value: 'shop', count: 12 },
      { value: 'media', count: 4 },
    ]);
  });
});
