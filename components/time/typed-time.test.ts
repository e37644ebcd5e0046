import { describe, expect, it } from 'vitest';
import { parseTypedRange, parseTypedTime, toAbsoluteWindow, toTypedTimeText } from './typed-time';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const INSTANT = Date.UTC(2020, 10, 19, 2, 0, 0, 331); // 2020-11-19T02:00:00.331Z

describe('typed time', () => {
  it('reads 24-hour wall-clock time in the page zone, with a space or a T', () => {
    expect(parseTypedTime('2020-11-19 10:00', 'Asia/Shanghai')).toEqual({ ok: true, expression: '2020-11-19T10:00:00+08:00' });
    expect(parseTypedTime('2020-11-19T23:59:59', 'UTC')).toEqual({ ok: true, expression: '2020-11-19T23:59:59Z' });
    expect(parseTypedTime(' 2020-11-19 10:00:00.331 ', 'Asia/Shanghai')).toEqual({ ok: true, expression: '2020-11-19T10:00:00.331+08:00' });
    expect(parseTypedTime('2020-07-01 12:30', 'America/New_York')).toEqual({ ok: true, expression: '2020-07-01T12:30:00-04:00' });
  });

  it('keeps relative times and instants with their own offset as typed', () => {
    expect(parseTypedTime('now-2h', 'UTC')).toEqual({ ok: true, expression: 'now-2h' });
    expect(parseTypedTime('now', 'UTC')).toEqual({ ok: true, expression: 'now' });
    expect(parseTypedTime('NOW - 15m', 'UTC')).toEqual({ ok: true, expression: 'now-15m' });
    expect(parseTypedTime('2020-11-19T02:00:00Z', 'Asia/Shanghai')).toEqual({ ok: true, expression: '2020-11-19T02:00:00Z' });
    expect(parseTypedTime('2020-11-19T10:00:00+08:00', 'UTC')).toEqual({ ok: true, expression: '2020-11-19T10:00:00+08:00' });
  });

  it('refuses 12-hour times, impossible dates and anything else, saying what it takes', () => {
    expect(parseTypedTime('', 'UTC')).toEqual({ ok: false, message: 'Enter a time' });
    expect(parseTypedTime('11/19/2020, 10:00 AM', 'UTC')).toEqual({
      ok: false,
      message: 'Not a time: type 2020-11-19 10:00:00 (24-hour), an ISO instant with offset, or now-2h',
    });
    expect(parseTypedTime('2020-02-30 10:00', 'UTC')).toEqual({ ok: false, message: '2020-02-30 10:00 is not a date and time of the calendar' });
    expect(parseTypedTime('2020-11-19 24:00', 'UTC')).toMatchObject({ ok: false });
    expect(parseTypedTime('garbage', 'UTC')).toMatchObject({ ok: false });
    expect(parseTypedTime('now-2x', 'UTC')).toMatchObject({ ok: false });
  });

  it('checks a range as the API would: each end a time, the start first, at most 31 days', () => {
    expect(parseTypedRange('now-2h', 'now', 'UTC', NOW)).toEqual({ ok: true, from: 'now-2h', to: 'now' });
    expect(parseTypedRange('2020-11-19 10:00', '2020-11-19 11:00', 'Asia/Shanghai', NOW)).toEqual({
      ok: true,
      from: '2020-11-19T10:00:00+08:00',
      to: '2020-11-19T11:00:00+08:00',
    });
    expect(parseTypedRange('garbage', 'now', 'UTC', NOW)).toMatchObject({ ok: false, field: 'from' });
    expect(parseTypedRange('now-1h', '', 'UTC', NOW)).toEqual({ ok: false, field: 'to', message: 'Enter a time' });
    expect(parseTypedRange('now', 'now-1h', 'UTC', NOW)).toEqual({ ok: false, field: 'from', message: 'The start must be before the end' });
    // 02:00 UTC is 10:00 in Shanghai: the same instant, an empty range.
    expect(parseTypedRange('2020-11-19 10:00', '2020-11-19T02:00:00Z', 'Asia/Shanghai', NOW)).toMatchObject({ ok: false, field: 'from' });
    expect(parseTypedRange('2020-01-01 00:00', '2020-03-01 00:00', 'UTC', NOW)).toEqual({ ok: false, field: 'to', message: 'The range may span at most 31 days' });
  });

  it('shows relative times as written, instants as 24-hour wall clock in the zone, and unreadable text as it is', () => {
    expect(toTypedTimeText('now-1h', Date.UTC(2026, 11, 6, 11), 'UTC')).toBe('now-1h');
    expect(toTypedTimeText('2020-11-19T02:00:00.331Z', INSTANT, 'Asia/Shanghai')).toBe('2020-11-19 10:00:00.331');
    // The URL's instant, not an older answer's window still on screen.
    expect(toTypedTimeText('2020-11-19T10:30:00+08:00', INSTANT, 'UTC')).toBe('2020-11-19 02:30:00');
    expect(toTypedTimeText(undefined, INSTANT - 331 + 13 * 3_600_000, 'UTC')).toBe('2020-11-19 15:00:00');
    expect(toTypedTimeText('garbage', null, 'UTC')).toBe('garbage');
    expect(toTypedTimeText(undefined, null, 'UTC')).toBe('');
  });

  it('round-trips what it shows', () => {
    const shown = toTypedTimeText(undefined, INSTANT, 'America/New_York');
    const typed = parseTypedTime(shown, 'America/New_York');
    expect(typed.ok && Date.parse(typed.expression)).toBe(INSTANT);
  });
});

describe('absolute window', () => {
  it('is known from the URL when both ends are instants', () => {
    expect(toAbsoluteWindow('2020-11-19T02:00:00Z', '2020-11-19T10:30:00+08:00')).toEqual({ fromMs: Date.UTC(2020, 10, 19, 2), toMs: Date.UTC(2020, 10, 19, 2, 30) });
    expect(toAbsoluteWindow('now-1h', 'now')).toBeNull();
    expect(toAbsoluteWindow(undefined, '2020-11-19T02:00:00Z')).toBeNull();
    expect(toAbsoluteWindow('garbage', '2020-11-19T02:00:00Z')).toBeNull();
    expect(toAbsoluteWindow('2020-11-19T03:00:00Z', '2020-11-19T02:00:00Z')).toBeNull();
  });
});
