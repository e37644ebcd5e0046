import { describe, expect, it } from 'vitest';
import { comparePageOrder, PageKeys } from './page-keys';

describe('PageKeys', () => {
  it('keeps the first keys in drill-down order: newest first, then trace id', () => {
    const keys = new PageKeys(3);
    for (const key of [[10, 'b'], [30, 'a'], [10, 'a'], [20, 'z'], [5, 'x'], [30, 'b']] as [number, string][]) keys.add(key);
    expect(keys.keys()).toEqual([[30, 'a'], [30, 'b'], [20, 'z']]);
    expect(keys.accepts([20, 'y'])).toBe(true);
    expect(keys.accepts([20, 'zz'])).toBe(false);
    expect(comparePageOrder([1, 'a'], [1, 'a'])).toBe(0);
  });
});
