import { describe, expect, it } from 'vitest';
import { formatInstant, fromDateTimeLocalValue, toDateTimeLocalValue, zoneOffsetLabel, zoneOffsetMinutes } from './zoned-time';

const INSTANT = Date.UTC(2020, 10, 19, 2, 0, 5, 123); // 2020-11-19T02:00:05.123Z

describe('zoned time', () => {
  it('formats an instant in a zone', () => {
    expect(formatInstant(INSTANT, 'UTC')).toBe('2020-11-19 02:00:05');
    expect(formatInstant(INSTANT, 'Asia/Shanghai', { withMilliseconds: true })).toBe('2020-11-19 10:00:05.123');
    expect(formatInstant(INSTANT, 'America/New_York', { withSeconds: false })).toBe('2020-11-18 21:00');
  });

  it('knows offsets, including half hours and daylight saving', () => {
    expect(zoneOffsetMinutes(INSTANT, 'Asia/Shanghai')).toBe(480);
    expect(zoneOffsetMinutes(INSTANT, 'Asia/Kolkata')).toBe(330);
    expect(zoneOffsetMinutes(Date.UTC(2020, 6, 1), 'America/New_York')).toBe(-240);
    expect(zoneOffsetLabel(INSTANT, 'America/New_York')).toBe('UTC-05:00');
    expect(zoneOffsetLabel(INSTANT, 'UTC')).toBe('UTC');
  });

  it('turns typed wall-clock times into instants with the zone offset', () => {
    expect(fromDateTimeLocalValue('2020-11-19T10:00:05', 'Asia/Shanghai')).toBe('2020-11-19T10:00:05+08:00');
    expect(fromDateTimeLocalValue('2020-11-19T10:00', 'UTC')).toBe('2020-11-19T10:00:00Z');
    expect(fromDateTimeLocalValue('2020-07-01T12:30:00.5', 'America/New_York')).toBe('2020-07-01T12:30:00.500-04:00');
    expect(Date.parse(fromDateTimeLocalValue('2020-11-19T10:00:05', 'Asia/Kolkata')!)).toBe(Date.UTC(2020, 10, 19, 4, 30, 5));
  });

  it('rejects incomplete input', () => {
    expect(fromDateTimeLocalValue('2020-11-19', 'UTC')).toBeNull();
    expect(fromDateTimeLocalValue('', 'UTC')).toBeNull();
  });

  it('round-trips through the datetime-local field value', () => {
    const text = toDateTimeLocalValue(INSTANT, 'Asia/Shanghai');
    expect(text).toBe('2020-11-19T10:00:05');
    expect(Date.parse(fromDateTimeLocalValue(text, 'Asia/Shanghai')!)).toBe(INSTANT - 123);
  });
});
