import type { UpstreamAttempt } from './trace-model';

/**
 * How nginx prints the values of an access-log line, from integer milliseconds.
 */

/** Integer milliseconds as nginx prints seconds: "1.288", "0.000". */
export function toNginxSeconds(ms: number): string {
  const millis = ms % 1000;
  return `${(ms - millis) / 1000}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}`;
}

/**
 * Integer milliseconds as a JSON number of seconds. Dividing an integer by 1000 yields the double
 * nearest to the decimal, which JSON.stringify prints with at most three decimals.
 */
export function toSecondsNumber(ms: number): number {
  return ms / 1000;
}

/** The upstream_* fields of an ingress-nginx line: one entry per attempt joined by ", ", "-" for none. */
export type UpstreamTexts = { connect: string; header: string; response: string; addr: string; status: string };

const NO_UPSTREAM: UpstreamTexts = { connect: '-', header: '-', response: '-', addr: '-', status: '-' };

export function toUpstreamTexts(attempts: readonly UpstreamAttempt[]): UpstreamTexts {
  if (attempts.length === 0) return NO_UPSTREAM;
  let connect = '';
  let header = '';
  let response = '';
  let addr = '';
  let status = '';
  for (let i = 0; i < attempts.length; i += 1) {
    const attempt = attempts[i]!;
    const separator = i === 0 ? '' : ', ';
    connect += separator + (attempt.connectMs === null ? '-' : toNginxSeconds(attempt.connectMs));
    header += separator + (attempt.headerMs === null ? '-' : toNginxSeconds(attempt.headerMs));
    response += separator + toNginxSeconds(attempt.responseMs);
    addr += separator + attempt.addr;
    status += separator + (attempt.status ?? '-');
  }
  return { connect, header, response, addr, status };
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));
let cachedDay = Number.NaN;
let cachedDayPrefix = '';

/**
 * Epoch milliseconds as `Date#toISOString` prints them (years 0–9999). Formatted by hand with the
 * date part cached per day, because `toISOString` was a large share of a million-trace sample.
 */
export function toIsoTimestamp(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  const millisText = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : String(millis);
  return `${cachedDayPrefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${millisText}Z`;
}
