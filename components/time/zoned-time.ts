/**
 * Instants shown and typed in an explicit IANA time zone. Wall-clock text is never interpreted
 * without a zone: what the user types in the absolute range fields becomes an ISO-8601 instant
 * with the zone's offset at that moment.
 */

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number };

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of an instant in a zone. */
export function toWallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** Offset of the zone from UTC at that instant, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const wall = toWallClock(ms, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  return Math.round((asUtc - ms) / 60_000);
}

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

/** "+08:00", "-05:30", or "Z" for UTC itself. */
export function formatOffset(offsetMinutes: number, zSuffix = true): string {
  if (offsetMinutes === 0 && zSuffix) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
}

/** "UTC+08:00" for labels. */
export function zoneOffsetLabel(ms: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(ms, timeZone);
  return offset === 0 ? 'UTC' : `UTC${formatOffset(offset, false)}`;
}

/** "2020-11-19 10:00:05" (with ".123" when withMilliseconds) in the zone. */
export function formatInstant(ms: number, timeZone: string, options: { withMilliseconds?: boolean; withSeconds?: boolean } = {}): string {
  const w = toWallClock(ms, timeZone);
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  let time = `${pad(w.hour)}:${pad(w.minute)}`;
  if (options.withSeconds !== false) time += `:${pad(w.second)}`;
  if (options.withMilliseconds) time += `.${pad(w.millisecond, 3)}`;
  return `${date} ${time}`;
}

/** Value for an `<input type="datetime-local" step="1">`: "2020-11-19T10:00:05". */
export function toDateTimeLocalValue(ms: number, timeZone: string): string {
  return formatInstant(ms, timeZone).replace(' ', 'T');
}

const DATETIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * The instant a wall-clock time means in a zone, as ISO-8601 with that zone's offset
 * ("2020-11-19T10:00:05+08:00"); null when the text is not a complete date and time. In a
 * daylight-saving gap the earlier offset is used.
 */
export function fromDateTimeLocalValue(text: string, timeZone: string): string | null {
  const match = DATETIME_LOCAL.exec(text.trim());
  if (!match) return null;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const millisecond = match[7] ? Number(match[7].padEnd(3, '0')) : 0;
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (!Number.isFinite(wallAsUtc)) return null;
  // The zone's offset at the guessed instant, corrected once for offsets that change in between.
  let offset = zoneOffsetMinutes(wallAsUtc, timeZone);
  offset = zoneOffsetMinutes(wallAsUtc - offset * 60_000, timeZone);
  const ms = wallAsUtc - offset * 60_000;
  const wall = toWallClock(ms, timeZone);
  const iso = `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
  return `${iso}${millisecond ? `.${pad(millisecond, 3)}` : ''}${formatOffset(offset)}`;
}
