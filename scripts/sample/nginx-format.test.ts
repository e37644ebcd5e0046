import { describe, expect, it } from 'vitest';
import { createPrng } from './prng';
import { toIsoTimestamp, toNginxSeconds } from './nginx-format';

describe('toNginxSeconds', () => {
  it.each([
    [0, '0.000'],
    [1, '0.001'],
    [57, '0.057'],
    [1_002, '1.002'],
    [1_288, '1.288'],
    [12_345, '12.345'],
  ])('%i ms → %s', (ms, text) => {
    expect(toNginxSeconds(ms)).toBe(text);
  });
});

describe('toIsoTimestamp', () => {
  it('matches Date#toISOString', () => {
    const prng = createPrng(2);
    const samples = [0, Date.UTC(2020, 10, 19, 23, 59, 59, 999), Date.UTC(2020, 10, 20), Date.UTC(2024, 1, 29, 12)];
    for (let i = 0; i < 2_000; i += 1) samples.push(Math.floor(prng.next() * Date.UTC(2100, 0, 1)));
    for (const ms of samples) expect(toIsoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });
});
