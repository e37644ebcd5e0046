import { readField, type FieldNames, type LogicalField } from './field-names';
import { parseNginxList, parseNginxTime, formatNginxList, type InvalidReason, type NginxTime } from './nginx-value';
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

/** trace_id as a string; numbers are accepted (shippers sometimes coerce), anything else is missing. */
export function toTraceId(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** @timestamp as epoch milliseconds: an ISO-8601 string or epoch milliseconds. */
export function toTimestampMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return formatNginxList(parseNginxList(value));
  const text = String(value).trim();
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
 * count them separately.
 */
export function toTierDocument(raw: Record<string, unknown>, tier: Tier, fields: FieldNames): TierDocumentResult {
  const traceId = toTraceId(readField(raw, fields.traceId));
  if (traceId === null) return { ok: false, field: 'traceId', reason: 'missing' };
  const timestampMs = toTimestampMs(readField(raw, fields.timestamp));
  if (timestampMs === null) return { ok: false, field: 'timestamp', reason: 'unparsable' };
  const requestTime = parseNginxTime(readField(raw, fields.requestTime));
  if (requestTime.kind === 'invalid') return { ok: false, field: 'requestTime', reason: requestTime.reason };
  if (requestTime.kind === 'absent' || requestTime.totalMs === null) return { ok: false, field: 'requestTime', reason: 'missing' };

  const connect = attemptsOf(parseNginxTime(readField(raw, fields.upstreamConnectTime)));
  const header = attemptsOf(parseNginxTime(readField(raw, fields.upstreamHeaderTime)));
  const response = attemptsOf(parseNginxTime(readField(raw, fields.upstreamResponseTime)));
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
      upstreamAddrs: parseNginxList(readField(raw, fields.upstreamAddr)),
      upstreamStatuses: parseNginxList(readField(raw, fields.upstreamStatus)),
      status: toStatus(readField(raw, fields.status)),
      host: toText(readField(raw, fields.host)),
      app: toText(readField(raw, fields.appName)),
      path: toText(readField(raw, fields.path)),
      method: toText(readField(raw, fields.method)),
      domain: toText(readField(raw, fields.domain)),
      proxyUpstreamName: toText(readField(raw, fields.proxyUpstreamName)),
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
