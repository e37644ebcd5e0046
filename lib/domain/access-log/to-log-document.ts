import type { FieldNames, LogicalField } from '@/lib/domain/field-names';

/**
 * Where each logical field comes from in a raw access log line: nginx's own variable names, in
 * order of preference. A variable named like the configured field (HOPSCOPE_FIELDS, e.g.
 * `{"traceId":"http_x_trace_id"}`) comes first. Time, method and path are derived below.
 */
const VARIABLE_SOURCES: Partial<Record<LogicalField, readonly string[]>> = {
  traceId: ['req_id', 'request_id', 'http_x_request_id', 'http_x_trace_id', 'trace_id'],
  requestTime: ['request_time'],
  upstreamConnectTime: ['upstream_connect_time'],
  upstreamHeaderTime: ['upstream_header_time'],
  upstreamResponseTime: ['upstream_response_time'],
  upstreamAddr: ['upstream_addr'],
  upstreamStatus: ['upstream_status'],
  status: ['status'],
  // Without an application variable of its own (a `map` or `set` $app_name), the virtual host names the app.
  appName: ['app_name', 'host', 'http_host', 'server_name'],
  domain: ['host', 'http_host', 'server_name'],
  proxyUpstreamName: ['proxy_upstream_name'],
  host: ['hostname'],
  clientIp: ['remote_addr'],
  userAgent: ['http_user_agent'],
};

/** The variable to add to the log_format for each field a view may need. */
export const VARIABLE_TO_ADD: Record<LogicalField, string> = {
  timestamp: '$msec (or $time_iso8601, $time_local)',
  traceId: '$req_id (or $request_id, or the header carrying your trace id, e.g. $http_x_request_id)',
  requestTime: '$request_time',
  upstreamConnectTime: '$upstream_connect_time',
  upstreamHeaderTime: '$upstream_header_time',
  upstreamResponseTime: '$upstream_response_time',
  upstreamAddr: '$upstream_addr',
  upstreamStatus: '$upstream_status',
  status: '$status',
  path: '$uri (or $request_uri, $request)',
  method: '$request_method (or $request)',
  appName: '$host (or a $app_name of your own)',
  domain: '$host',
  proxyUpstreamName: '$proxy_upstream_name',
  host: '$hostname (or name the file: host=/path/to/access.log)',
  clientIp: '$remote_addr',
  userAgent: '$http_user_agent',
};

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const TIME_LOCAL = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
const MSEC = /^(\d+)(?:\.(\d{1,3})\d*)?$/;
const REQUEST_LINE = /^([A-Z][A-Z0-9_-]*) (\S+)(?: [^ ]+)?$/;

/** `$time_local` ("06/Dec/2026:05:42:28 +0100") as an ISO-8601 UTC string, or null. */
export function timeLocalToIso(value: string): string | null {
  const match = TIME_LOCAL.exec(value);
  if (!match) return null;
  const [, day, month, year, hour, minute, second, sign, offsetHours, offsetMinutes] = match;
  const monthIndex = MONTHS[month!];
  if (monthIndex === undefined) return null;
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const utcMs = Date.UTC(Number(year), monthIndex, Number(day), Number(hour), Number(minute), Number(second)) - offsetMs;
  return Number.isNaN(utcMs) ? null : new Date(utcMs).toISOString();
}

/** `$msec` ("1733463748.123", seconds with milliseconds) as an ISO-8601 UTC string, or null. */
export function msecToIso(value: string): string | null {
  const match = MSEC.exec(value);
  if (!match) return null;
  const ms = Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
  return Number.isSafeInteger(ms) && ms < 253_402_300_800_000 ? new Date(ms).toISOString() : null;
}

/** The path of a URI: without its query string or fragment. */
function withoutQuery(uri: string): string {
  const end = uri.search(/[?#]/);
  return end === -1 ? uri : uri.slice(0, end);
}

type Derivation = (values: Record<string, string>) => string | undefined;

export type LogDocumentPlan = {
  /** The document of one parsed line, keyed by the configured field names, other variables by their own. */
  toDocument: (values: Record<string, string>, fileHost?: string) => Record<string, string>;
  /** The fields the format cannot fill, each with the variable that would. */
  missing: Partial<Record<LogicalField, string>>;
};

/**
 * Decides once per format where each field comes from, so each line is only looked up. A field
 * the format has no variable for stays out of the document and is reported in `missing`.
 */
export function planLogDocument(variables: readonly string[], fields: FieldNames, hasFileHost = false): LogDocumentPlan {
  const has = new Set(variables);
  const derivations = new Map<LogicalField, Derivation>();
  const fromVariable = (name: string): Derivation => (values) => values[name];
  for (const field of Object.keys(fields) as LogicalField[]) {
    const configured = fields[field].replace(/^\$/, '').toLowerCase();
    const candidates = [configured, ...(VARIABLE_SOURCES[field] ?? [])];
    const source = candidates.find((name) => has.has(name));
    if (source !== undefined) derivations.set(field, fromVariable(source));
  }
  if (!derivations.has('timestamp')) {
    if (has.has('msec')) derivations.set('timestamp', (values) => msecToIso(values.msec ?? '') ?? values.msec);
    else if (has.has('time_iso8601')) derivations.set('timestamp', fromVariable('time_iso8601'));
    else if (has.has('time_local')) derivations.set('timestamp', (values) => timeLocalToIso(values.time_local ?? '') ?? values.time_local);
  }
  const requestPart = (index: 1 | 2) => (values: Record<string, string>) => REQUEST_LINE.exec(values.request ?? '')?.[index];
  if (!derivations.has('method')) {
    if (has.has('request_method')) derivations.set('method', fromVariable('request_method'));
    else if (has.has('request')) derivations.set('method', requestPart(1));
  }
  if (!derivations.has('path')) {
    if (has.has('uri')) derivations.set('path', fromVariable('uri'));
    else if (has.has('request_uri')) derivations.set('path', (values) => withoutQuery(values.request_uri ?? ''));
    else if (has.has('request')) derivations.set('path', (values) => { const uri = requestPart(2)(values); return uri === undefined ? undefined : withoutQuery(uri); });
  }
  const missing: Partial<Record<LogicalField, string>> = {};
  for (const field of Object.keys(fields) as LogicalField[]) {
    if (!derivations.has(field) && !(field === 'host' && hasFileHost)) missing[field] = VARIABLE_TO_ADD[field];
  }
  const entries = [...derivations.entries()].map(([field, derive]) => [fields[field], derive] as const);
  const hostKey = fields.host;
  return {
    missing,
    toDocument(values, fileHost) {
      const doc: Record<string, string> = { ...values };
      for (const [key, derive] of entries) {
        const value = derive(values);
        if (value === undefined) delete doc[key];
        else doc[key] = value;
      }
      if (fileHost !== undefined && (doc[hostKey] === undefined || doc[hostKey] === '-')) doc[hostKey] = fileHost;
      return doc;
    },
  };
}
