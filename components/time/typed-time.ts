import { MAX_SPAN_MS } from '@/lib/domain/query';
import { isRelativeTime, parseTimeExpression } from '@/lib/domain/time-expression';
import { formatInstant, fromDateTimeLocalValue } from './zoned-time';

/**
 * What the time picker's fields accept, read without the browser's locale: a 24-hour wall-clock
 * time in the page's zone ("2020-11-19 10:00", seconds and milliseconds optional, a T instead of
 * the space too), an ISO-8601 instant with its own offset, or a relative time ("now", "now-2h").
 * A wall-clock time becomes an instant with the zone's offset; the others reach the URL as typed.
 */

export type TypedTime = { ok: true; expression: string } | { ok: false; message: string };

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A real calendar date and 24-hour time (Date.UTC would roll 2020-02-30 over to March 1). */
function isValidWallClock(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
}

/** The hint every refusal ends with: what the field takes. */
export const TYPED_TIME_HINT = 'type 2020-11-19 10:00:00 (24-hour), an ISO instant with offset, or now-2h';

/** Reads one field's text as a time expression for the URL, in `timeZone` when it is a wall-clock time. */
export function parseTypedTime(text: string, timeZone: string): TypedTime {
  // "now - 2h" and "NOW-2H" mean what "now-2h" means.
  const compact = text.trim().replace(/\s+/g, ' ');
  if (compact === '') return { ok: false, message: 'Enter a time' };
  const relative = compact.toLowerCase().replace(/ /g, '');
  if (isRelativeTime(relative)) return { ok: true, expression: relative };
  const wall = WALL_CLOCK.exec(compact);
  if (wall) {
    if (!isValidWallClock(wall)) return { ok: false, message: `${compact} is not a date and time of the calendar` };
    const instant = fromDateTimeLocalValue(compact.replace(' ', 'T'), timeZone);
    if (instant) return { ok: true, expression: instant };
  }
  if (parseTimeExpression(compact, 0) !== null) return { ok: true, expression: compact };
  return { ok: false, message: `Not a time: ${TYPED_TIME_HINT}` };
}

export type TypedRange =
  | { ok: true; from: string; to: string }
  | { ok: false; field: 'from' | 'to'; message: string };

/**
 * Both fields read and checked as the API would check them at `nowMs`: each a time, the start
 * before the end, at most MAX_SPAN_MS apart. The refusal names the field to mark.
 */
export function parseTypedRange(fromText: string, toText: string, timeZone: string, nowMs: number): TypedRange {
  const from = parseTypedTime(fromText, timeZone);
  if (!from.ok) return { ok: false, field: 'from', message: from.message };
  const to = parseTypedTime(toText, timeZone);
  if (!to.ok) return { ok: false, field: 'to', message: to.message };
  const fromMs = parseTimeExpression(from.expression, nowMs)!;
  const toMs = parseTimeExpression(to.expression, nowMs)!;
  if (fromMs >= toMs) return { ok: false, field: 'from', message: 'The start must be before the end' };
  if (toMs - fromMs > MAX_SPAN_MS) return { ok: false, field: 'to', message: `The range may span at most ${MAX_SPAN_MS / 86_400_000} days` };
  return { ok: true, from: from.expression, to: to.expression };
}

/**
 * What a field shows for one end of the URL's range: a relative time as written; an instant as
 * 24-hour wall-clock time in the zone (milliseconds only when it has some, so applying the field
 * unchanged keeps the instant); text that is no time as it is, for the user to fix; and with
 * nothing in the URL, the window the server resolved (its default), once known.
 */
export function toTypedTimeText(urlText: string | undefined, resolvedMs: number | null, timeZone: string): string {
  const format = (ms: number) => formatInstant(ms, timeZone, { withMilliseconds: ms % 1000 !== 0 });
  if (urlText) {
    if (isRelativeTime(urlText)) return urlText;
    const ms = parseTimeExpression(urlText, 0);
    return ms === null ? urlText : format(ms);
  }
  return resolvedMs === null ? '' : format(resolvedMs);
}

/**
 * The window the URL names when both ends are instants (it is known before any answer), else
 * null: a relative or default window is only known from the server's answer.
 */
export function toAbsoluteWindow(from: string | undefined, to: string | undefined): { fromMs: number; toMs: number } | null {
  if (!from || !to || isRelativeTime(from) || isRelativeTime(to)) return null;
  const fromMs = parseTimeExpression(from, 0);
  const toMs = parseTimeExpression(to, 0);
  return fromMs !== null && toMs !== null && fromMs < toMs ? { fromMs, toMs } : null;
}
