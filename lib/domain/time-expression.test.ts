import { describe, expect, it } from 'vitest';
import { isRelativeTime, parseTimeExpression, toIsoInstant } from './time-expression';

/** 2020-11-19T10:00:00Z: 18,585 days (50 years with 12 leap days, then 305 + 18 days) plus 10 h. */
const NOW_MS = (18_585 * 86_400 + 10 * 3_600) * 1_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseTimeExpression: relative times', () => {
  it.each([
    ['now', 0],
    ['now-30s', 30_000],
    ['now-15m', 15 * MINUTE],
    ['now-1h', HOUR],
    ['now-24h', DAY],
    ['now-7d', 7 * DAY],
    ['now-2w', 14 * DAY],
    ['now-0m', 0],
    ['now-999999s', 999_999_000],
  ])('%s is now minus %s ms', (text, agoMs) => {
    expect(parseTimeExpression(text, NOW_MS)).toBe(NOW_MS - agoMs);
  });

  it.each(['now+1h', 'now-1y', 'now-1M', 'now-h', 'now-1', 'NOW', 'now-1.5h', 'now-1234567m', ' now', 'now-1h ', 'now - 1h', 'now-1h-1m'])(
    'refuses %j',
    (text) => {
      expect(parseTimeExpression(text, NOW_MS)).toBeNull();
    },
  );
});

describe('parseTimeExpression: ISO-8601 instants', () => {
  it.each([
    ['2020-11-19T10:00:00Z', NOW_MS],
    ['2020-11-19T10:00:00+08:00', NOW_MS - 8 * HOUR],
    ['2020-11-19T10:00:00+0800', NOW_MS - 8 * HOUR],
    ['2020-11-19T10:00:00-05:30', NOW_MS + 5 * HOUR + 30 * MINUTE],
    ['2020-11-19T10:00:00.250Z', NOW_MS + 250],
    ['2020-11-19T10:00Z', NOW_MS],
    ['2020-02-29T00:00:00Z', NOW_MS - (264 * DAY + 10 * HOUR)],
  ])('%s', (text, ms) => {
    expect(parseTimeExpression(text, 0)).toBe(ms);
  });

  it('does not depend on nowMs', () => {
    expect(parseTimeExpression('2020-11-19T10:00:00Z', 123)).toBe(NOW_MS);
  });

  it.each([
    '2020-11-19T10:00:00', // no offset: the server's local time would be guessed
    '2020-11-19',
    '2020-11-19 10:00:00Z',
    '19/11/2020 10:00',
    '1605780000000',
    'yesterday',
    '',
    '2020-13-01T00:00:00Z',
    '2020-11-19T25:00:00Z',
    '2020-02-30T10:00:00Z', // Date.parse alone would roll this over to March 1
    '2021-02-29T00:00:00Z',
    '2020-04-31T00:00:00Z',
  ])('refuses %j', (text) => {
    expect(parseTimeExpression(text, NOW_MS)).toBeNull();
  });
});

describe('isRelativeTime', () => {
  it('recognizes relative expressions only', () => {
    expect(isRelativeTime('now')).toBe(true);
    expect(isRelativeTime('now-15m')).toBe(true);
    expect(isRelativeTime('2020-11-19T10:00:00Z')).toBe(false);
    expect(isRelativeTime('now+15m')).toBe(false);
  });
});

describe('toIsoInstant', () => {
  it('prints UTC with milliseconds', () => {
    expect(toIsoInstant(NOW_MS)).toBe('2020-11-19T10:00:00.000Z');
    expect(toIsoInstant(NOW_MS - 8 * HOUR + 7)).toBe('2020-11-19T02:00:00.007Z');
    expect(toIsoInstant(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
