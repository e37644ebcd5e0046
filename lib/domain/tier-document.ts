import { timeLocalToMs } from './access-log/to-log-document';
import { readField, type FieldNames, type LogicalField, type SourceAliases } from './field-names';
import { parseNginxList, parseNginxTime, formatNginxList, PATTERN_SPACE, trimSpace, type InvalidReason, type NginxTime } from './nginx-value';
import type { Tier } from './tiers';

/** One access-log line of one tier, normalized; `raw` is the document as stored. */
export type TierDocument = {
  tier: Tier;
  traceId: string;
  /** @timestamp: when nginx wrote the line, at the end of the request. */
  timestampMs: number;
  /** When the request started on this tier: @timestamp minus request_time. */
  startMs: number;
  requestTimeMs: number;
  /** Every upstream attempt, null where nginx printed "-" (never connected). */
  upstreamConnectMs: (number | null)[];
  upstreamHeaderMs: (number | null)[];
  upstreamResponseMs: (number | null)[];
  /** Sums over the attempts; null when no attempt has a value. */
  connectTotalMs: number | null;
  headerTotalMs: number | null;
  responseTotalMs: number | null;
  upstreamAddrs: (string | null)[];
  upstreamStatuses: (string | null)[];
  status: number | null;
  host: string | null;
  app: string | null;
  path: string | null;
  method: string | null;
  domain: string | null;
  proxyUpstreamName: string | null;
  raw: Record<string, unknown>;
};

export type TierDocumentResult =
  | { ok: true; document: TierDocument }
  | { ok: false; field: LogicalField; reason: InvalidReason | 'missing' };

/**
 * trace_id as a string; numbers are accepted (shippers sometimes coerce), anything else is missing,
 * and so is "-": nginx prints it for an unset variable, and taking it as an id would join every
 * such line into one trace.
 */
export function toTraceId(value: unknown): string | null {
  if (Array.isArray(value)) {
    // A pipeline may keep the id as a list (Logstash's add_field onto an existing field writes it
    // twice): one id when every item is that same id, else none (two ids cannot name one trace).
    const ids = value.map(toScalarTraceId);
    const first = ids[0] ?? null;
    return first !== null && ids.every((id) => id === first) ? first : null;
  }
  return toScalarTraceId(value);
}

function toScalarTraceId(value: unknown): string | null {
  if (typeof value === 'string') {
    const text = trimSpace(value);
    return text === '' || text === '-' ? null : value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

const ISO_TIMESTAMP = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?))?${PATTERN_SPACE}*(Z|[+-]\\d{2}(?::?\\d{2})?)?$`, 'i');

/**
 * An epoch number as text ("1605751984.150", "1605751984150"): by its magnitude, seconds with a
 * fraction (nginx's `$msec`, 9 to 11 digits) or milliseconds (12 to 14 digits), which cannot be
 * mistaken for each other between 1973 and the year 5138; sub-millisecond digits are truncated.
 * Any other number (micro- or nanoseconds, a date run together) is no time: read as either, it
 * would put the line in a year nobody looks at.
 */
const EPOCH_NUMBER = /^0*(\d+?)(?:\.(\d+))?$/;
function epochTextToMs(text: string): number | null {
  const match = EPOCH_NUMBER.exec(text);
  if (!match) return null;
  const whole = match[1] ?? '';
  if (whole.length >= 9 && whole.length <= 11) return Number(whole) * 1000 + Number((match[2] ?? '').slice(0, 3).padEnd(3, '0'));
  if (whole.length >= 12 && whole.length <= 14) return Number(whole);
  return null;
}

/**
 * @timestamp as epoch milliseconds: an epoch number (seconds or milliseconds, epochTextToMs; a
 * JSON number or its text), an ISO-8601 date-time, or nginx's `$time_local` ("19/Nov/2020:02:13:05
 * +0800", as JSON access logs written by nginx itself carry it). A time without a zone is UTC (as
 * Elasticsearch reads it); sub-millisecond digits are truncated.
 */
export function toTimestampMs(value: unknown): number | null {
  // A number's shortest decimal text (what DuckDB's JSON reader gives too): its digits are read exactly.
  if (typeof value === 'number') return Number.isFinite(value) ? epochTextToMs(String(value)) : null;
  if (typeof value !== 'string') return null;
  const text = trimSpace(value);
  const epoch = epochTextToMs(text);
  if (epoch !== null) return epoch;
  const timeLocal = timeLocalToMs(text);
  if (timeLocal !== null) return timeLocal;
  const match = ISO_TIMESTAMP.exec(text);
  if (!match) return null;
  const [, date, time, zone] = match;
  const fraction = time?.match(/\.(\d+)$/)?.[1];
  const wholeTime = time ? time.replace(/\.\d+$/, '') + (fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : '') : '00:00';
  const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const [year, month, day] = (date ?? '').split('-').map(Number) as [number, number, number];
  // Date.parse rolls 2020-02-30 over into March; the stores refuse such dates, and so do we.
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const ms = Date.parse(`${date}T${wholeTime}${offset}`);
  return Number.isFinite(ms) ? ms : null;
}

export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return formatNginxList(parseNginxList(value));
  if (typeof value === 'object') return null;
  const text = trimSpace(String(value));
  return text === '' || text === '-' ? null : text;
}

function toStatus(value: unknown): number | null {
  const text = toText(value);
  return text !== null && /^\d{3}$/.test(text) ? Number(text) : null;
}

function attemptsOf(time: NginxTime): { attempts: (number | null)[]; total: number | null } {
  return time.kind === 'value' ? { attempts: time.attemptsMs, total: time.totalMs } : { attempts: [], total: null };
}

/**
 * Normalizes a raw log document. A document without trace_id, @timestamp or a usable
 * request_time cannot take part in a trace and is reported with the field and reason.
 * Upstream times that cannot be parsed are treated as absent here; the aggregate queries
 * count them separately. `knownTimestampMs` is the line's time as its store already parsed it
 * (Elasticsearch, by the mapping's date format): taken instead of reading the document's.
 * `aliases` are where else the document may keep a field (SourceAliases).
 */
export function toTierDocument(
  raw: Record<string, unknown>,
  tier: Tier,
  fields: FieldNames,
  knownTimestampMs: number | null = null,
  aliases: SourceAliases = {},
): TierDocumentResult {
  const read = (field: LogicalField) => readField(raw, fields[field], aliases[field]);
  const traceId = toTraceId(read('traceId'));
  if (traceId === null) return { ok: false, field: 'traceId', reason: 'missing' };
  const timestampValue = read('timestamp');
  const timestampMs = knownTimestampMs ?? toTimestampMs(timestampValue);
  if (timestampMs === null) {
    return { ok: false, field: 'timestamp', reason: timestampValue === undefined || timestampValue === null ? 'missing' : 'unparsable' };
  }
  const requestTime = parseNginxTime(read('requestTime'));
  if (requestTime.kind === 'invalid') return { ok: false, field: 'requestTime', reason: requestTime.reason };
  if (requestTime.kind === 'absent' || requestTime.totalMs === null) return { ok: false, field: 'requestTime', reason: 'missing' };

  const connect = attemptsOf(parseNginxTime(read('upstreamConnectTime')));
  const header = attemptsOf(parseNginxTime(read('upstreamHeaderTime')));
  const response = attemptsOf(parseNginxTime(read('upstreamResponseTime')));
  return {
    ok: true,
    document: {
      tier,
      traceId,
      timestampMs,
      startMs: timestampMs - requestTime.totalMs,
      requestTimeMs: requestTime.totalMs,
      upstreamConnectMs: connect.attempts,
      upstreamHeaderMs: header.attempts,
      upstreamResponseMs: response.attempts,
      connectTotalMs: connect.total,
      headerTotalMs: header.total,
      responseTotalMs: response.total,
      upstreamAddrs: parseNginxList(read('upstreamAddr')),
      upstreamStatuses: parseNginxList(read('upstreamStatus')),
      status: toStatus(read('status')),
      host: toText(read('host')),
      app: toText(read('appName')),
      path: toText(read('path')),
      method: toText(read('method')),
      domain: toText(read('domain')),
      proxyUpstreamName: toText(read('proxyUpstreamName')),
      raw,
    },
  };
}

/**
 * Orders candidate documents of one trace so the first represents it: largest request_time,
 * then latest @timestamp, then largest upstream response time. Both backends use this order.
 */
export function compareRepresentative(a: TierDocument, b: TierDocument): number {
  return (
    b.requestTimeMs - a.requestTimeMs ||
    b.timestampMs - a.timestampMs ||
    (b.responseTotalMs ?? -1) - (a.responseTotalMs ?? -1)
  );
}
