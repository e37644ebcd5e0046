/**
 * Parsing of the values nginx writes into access logs. nginx prints times in seconds with
 * millisecond resolution ("1.288"); several upstream attempts are joined by ", " and groups
 * after an internal redirect by " : "; "-" stands for "no value" (and "" under escape=json).
 * Shippers hand these over as JSON numbers, strings, or arrays of either.
 *
 * Every time value becomes integer milliseconds. The same rules are written in SQL for DuckDB
 * (lib/backends/duckdb/sql/macros.ts) and applied to Elasticsearch values in the server, and the
 * parity tests hold all three to the same answers.
 */

export type InvalidReason = 'unparsable' | 'negative' | 'out-of-range';

export type NginxTime =
  | { kind: 'absent' }
  | { kind: 'value'; attemptsMs: (number | null)[]; totalMs: number | null }
  | { kind: 'invalid'; reason: InvalidReason };

/** Largest accepted time: 999,999.999 s (six integer digits), far above any real request. */
export const MAX_TIME_MS = 999_999_999;

const DECIMAL_SECONDS = /^(\d+)(?:\.(\d+))?$/;
const NEGATIVE_NUMBER = /^-\d/;
/**
 * The space stripped around a value: Unicode space separators (\p{Zs}), what DuckDB's `trim`
 * strips in the SQL macros. A tab, a line break or a byte-order mark is no padding nginx writes:
 * a value holding one is not read as a time, in either store.
 */
const EDGE_SPACE = /^\p{Zs}+|\p{Zs}+$/gu;

/** A value without the space around it (EDGE_SPACE), as both stores read it. */
export function trimSpace(text: string): string {
  return text.replace(EDGE_SPACE, '');
}

/**
 * The space that may pad a separator inside a value (regular-expression source): ASCII space, tab,
 * line feed, form feed or carriage return, what RE2's \s matches in the macros' patterns.
 */
export const PATTERN_SPACE = '[ \\t\\n\\f\\r]';
const TIME_SEPARATOR = new RegExp(`${PATTERN_SPACE}*,${PATTERN_SPACE}*|${PATTERN_SPACE}*:${PATTERN_SPACE}*`);
/** Addresses contain ':' (ip:port, unix:/path), so only the spaced " : " separates groups there. */
const LIST_SEPARATOR = new RegExp(`${PATTERN_SPACE}*,${PATTERN_SPACE}*|${PATTERN_SPACE}+:${PATTERN_SPACE}+`);

type TokenResult = { ok: true; ms: number | null } | { ok: false; reason: InvalidReason };

/**
 * Seconds as printed by nginx ("0.004") to milliseconds, exactly: the integer part times 1000
 * plus the first three decimals, rounded half up on the fourth. No floating point is involved.
 */
export function decimalSecondsToMs(token: string): TokenResult {
  if (token === '-') return { ok: true, ms: null };
  const match = DECIMAL_SECONDS.exec(token);
  if (!match) return { ok: false, reason: NEGATIVE_NUMBER.test(token) ? 'negative' : 'unparsable' };
  const integerPart = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(4, '0');
  if (integerPart.replace(/^0+/, '').length > 6) return { ok: false, reason: 'out-of-range' };
  const ms = Number(integerPart) * 1000 + Number(fraction.slice(0, 3)) + (fraction.charCodeAt(3) >= 53 ? 1 : 0);
  return ms > MAX_TIME_MS ? { ok: false, reason: 'out-of-range' } : { ok: true, ms };
}

/** A JSON number of seconds to milliseconds, rounded to the nearest millisecond (float32 safe). */
export function numberSecondsToMs(seconds: number): TokenResult {
  if (!Number.isFinite(seconds)) return { ok: false, reason: 'unparsable' };
  if (seconds < 0) return { ok: false, reason: 'negative' };
  const ms = Math.round(seconds * 1000);
  return ms > MAX_TIME_MS ? { ok: false, reason: 'out-of-range' } : { ok: true, ms };
}

function collectAttempts(value: unknown, into: (number | null)[]): InvalidReason | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    const token = numberSecondsToMs(value);
    if (!token.ok) return token.reason;
    into.push(token.ms);
    return null;
  }
  if (typeof value === 'string') {
    const text = trimSpace(value);
    if (text === '' || text === '-') {
      into.push(null);
      return null;
    }
    for (const part of text.split(TIME_SEPARATOR)) {
      const token = decimalSecondsToMs(part);
      if (!token.ok) return token.reason;
      into.push(token.ms);
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      if (Array.isArray(item)) return 'unparsable';
      const reason = collectAttempts(item, into);
      if (reason) return reason;
    }
    return null;
  }
  return 'unparsable';
}

/**
 * Parses an nginx time field (`request_time`, `upstream_*_time`). Every attempt is kept; the
 * total is the sum of the attempts that have a value, or null when none has.
 */
export function parseNginxTime(value: unknown): NginxTime {
  const attemptsMs: (number | null)[] = [];
  const reason = collectAttempts(value, attemptsMs);
  if (reason) return { kind: 'invalid', reason };
  if (attemptsMs.length === 0 || attemptsMs.every((ms) => ms === null)) {
    return attemptsMs.length <= 1 ? { kind: 'absent' } : { kind: 'value', attemptsMs, totalMs: null };
  }
  const totalMs = attemptsMs.reduce<number>((sum, ms) => sum + (ms ?? 0), 0);
  if (totalMs > MAX_TIME_MS) return { kind: 'invalid', reason: 'out-of-range' };
  return { kind: 'value', attemptsMs, totalMs };
}

/** The total milliseconds of a parsed time, or null when there is none. */
export function toTotalMs(time: NginxTime): number | null {
  return time.kind === 'value' ? time.totalMs : null;
}

/**
 * Parses a list-shaped text field (`upstream_addr`, `upstream_status`) into its attempts,
 * "-" becoming null. A single value without separators (an upstream group's name when no
 * server could be selected) is one attempt.
 */
export function parseNginxList(value: unknown): (string | null)[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item) => parseNginxList(item));
  // An object is no nginx list; String() on it gives "[object Object]" or throws ({"toString": {}}).
  if (typeof value === 'object') return [];
  const text = trimSpace(String(value));
  if (text === '') return [];
  return text.split(LIST_SEPARATOR).map((part) => (part === '-' || part === '' ? null : part));
}

/** The list as nginx would print it, attempts joined by ", " ("-" for a missing one). */
export function formatNginxList(items: readonly (string | null)[]): string | null {
  return items.length === 0 ? null : items.map((item) => item ?? '-').join(', ');
}
