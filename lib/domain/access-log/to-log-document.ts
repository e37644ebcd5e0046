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

/** `$time_local` ("06/Dec/2026:05:42:28 +0100") as epoch milliseconds, or null. */
export function timeLocalToMs(value: string): number | null {
  const match = TIME_LOCAL.exec(value);
  if (!match) return null;
  const [, day, month, year, hour, minute, second, sign, offsetHours, offsetMinutes] = match;
  const monthIndex = MONTHS[month!];
  if (monthIndex === undefined) return null;
  // Date.UTC rolls 31/Apr over into May and 24:00 into the next day; nginx never writes either.
  if (Number(day) < 1 || Number(day) > new Date(Date.UTC(Number(year), monthIndex + 1, 0)).getUTCDate()) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60 || Number(offsetMinutes) > 59) return null;
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const utcMs = Date.UTC(Number(year), monthIndex, Number(day), Number(hour), Number(minute), Number(second)) - offsetMs;
  return Number.isNaN(utcMs) ? null : utcMs;
}

/** `$msec` ("1733463748.123", seconds with milliseconds) as epoch milliseconds, exactly, or null. */
export function msecToMs(value: string): number | null {
  const match = MSEC.exec(value);
  if (!match) return null;
  const ms = Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
  return Number.isSafeInteger(ms) ? ms : null;
}

/** The path of a URI: without its query string or fragment. */
function withoutQuery(uri: string): string {
  const end = uri.search(/[?#]/);
  return end === -1 ? uri : uri.slice(0, end);
}

/** A JSON string literal; most logged values need no escaping, so the common case skips JSON.stringify. */
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f]/;
function toJsonString(text: string): string {
  return NEEDS_JSON_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** A field's value from a line's values (in the order of the format's variables): text, epoch milliseconds, or nothing. */
type Derivation = (values: readonly string[]) => string | number | undefined;

export type LogDocumentPlan = {
  /**
   * The JSON document of one parsed line: the variables under their own names, and the fields
   * they fill under the configured names (the time as epoch milliseconds, which both stores
   * read like an ISO @timestamp). Written directly as text: a million lines would otherwise
   * build a million objects only to stringify them.
   */
  toJsonLine: (values: readonly string[], fileHost?: string) => string;
  /** The fields the format cannot fill, each with the variable that would. */
  missing: Partial<Record<LogicalField, string>>;
};

/** Remembers the last answer: consecutive lines mostly share their second. */
function lastValueCache(convert: (text: string) => number | null): (text: string) => number | string {
  let lastText = '';
  let lastValue: number | string = '';
  return (text) => {
    if (text !== lastText) {
      lastText = text;
      lastValue = convert(text) ?? text;
    }
    return lastValue;
  };
}

/**
 * Decides once per format where each field comes from, so each line is only looked up. A field
 * the format has no variable for stays out of the document and is reported in `missing`.
 */
export function planLogDocument(variables: readonly string[], fields: FieldNames, hasFileHost = false): LogDocumentPlan {
  const has = new Set(variables);
  const derivations = new Map<LogicalField, Derivation>();
  const indexOf = (name: string) => variables.indexOf(name);
  const fromVariable = (name: string): Derivation => {
    const index = indexOf(name);
    return (values) => values[index];
  };
  for (const field of Object.keys(fields) as LogicalField[]) {
    const configured = fields[field].replace(/^\$/, '').toLowerCase();
    const candidates = [configured, ...(VARIABLE_SOURCES[field] ?? [])];
    const source = candidates.find((name) => has.has(name));
    if (source !== undefined) derivations.set(field, fromVariable(source));
  }
  if (!derivations.has('timestamp')) {
    if (has.has('msec')) {
      const toMs = lastValueCache(msecToMs);
      const msec = indexOf('msec');
      derivations.set('timestamp', (values) => toMs(values[msec] ?? ''));
    } else if (has.has('time_iso8601')) {
      derivations.set('timestamp', fromVariable('time_iso8601'));
    } else if (has.has('time_local')) {
      const toMs = lastValueCache(timeLocalToMs);
      const timeLocal = indexOf('time_local');
      derivations.set('timestamp', (values) => toMs(values[timeLocal] ?? ''));
    }
  }
  const request = indexOf('request');
  const requestPart = (part: 1 | 2): Derivation => (values) => REQUEST_LINE.exec(values[request] ?? '')?.[part];
  if (!derivations.has('method')) {
    if (has.has('request_method')) derivations.set('method', fromVariable('request_method'));
    else if (has.has('request')) derivations.set('method', requestPart(1));
  }
  if (!derivations.has('path')) {
    if (has.has('uri')) derivations.set('path', fromVariable('uri'));
    else if (has.has('request_uri')) {
      const requestUri = indexOf('request_uri');
      derivations.set('path', (values) => withoutQuery(values[requestUri] ?? ''));
    }
    else if (has.has('request')) {
      const uriOf = requestPart(2);
      derivations.set('path', (values) => {
        const uri = uriOf(values);
        return uri === undefined ? undefined : withoutQuery(String(uri));
      });
    }
  }
  const missing: Partial<Record<LogicalField, string>> = {};
  for (const field of Object.keys(fields) as LogicalField[]) {
    if (!derivations.has(field) && !(field === 'host' && hasFileHost)) missing[field] = VARIABLE_TO_ADD[field];
  }
  const hostKey = fields.host;
  const derived = [...derivations.entries()]
    .filter(([field]) => field !== 'host')
    .map(([field, derive]) => ({ key: toJsonString(fields[field]), derive }));
  const deriveHost = derivations.get('host');
  const derivedKeys = new Set([...derivations.keys()].map((field) => fields[field]));
  const passthrough = variables.flatMap((name, index) => (derivedKeys.has(name) ? [] : [{ index, key: toJsonString(name) }]));
  const hostKeyJson = toJsonString(hostKey);
  return {
    missing,
    toJsonLine(values, fileHost) {
      let line = '{';
      let separator = '';
      for (const { index, key } of passthrough) {
        line += `${separator}${key}:${toJsonString(values[index] ?? '')}`;
        separator = ',';
      }
      for (const { key, derive } of derived) {
        const value = derive(values);
        if (value === undefined) continue;
        line += `${separator}${key}:${typeof value === 'number' ? value : toJsonString(value)}`;
        separator = ',';
      }
      const ownHost = deriveHost?.(values);
      const host = ownHost === undefined || ownHost === '-' || ownHost === '' ? (fileHost ?? ownHost) : ownHost;
      if (host !== undefined) line += `${separator}${hostKeyJson}:${toJsonString(String(host))}`;
      return `${line}}`;
    },
  };
}
