import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { msecToMs, planLogDocument, timeLocalToMs } from './to-log-document';

describe('timeLocalToMs and msecToMs', () => {
  it('honours the offset of $time_local', () => {
    expect(timeLocalToMs('06/Dec/2026:05:42:28 +0100')).toBe(Date.parse('2026-12-06T04:42:28.000Z'));
    expect(timeLocalToMs('31/Dec/2026:23:30:00 -0230')).toBe(Date.parse('2027-01-01T02:00:00.000Z'));
    expect(timeLocalToMs('06/Foo/2026:05:42:28 +0100')).toBeNull();
  });

  it('reads $msec to the millisecond without floating point', () => {
    expect(msecToMs('1796535748.123')).toBe(Date.parse('2026-12-06T05:42:28.123Z'));
    expect(msecToMs('1796535748.1')).toBe(Date.parse('2026-12-06T05:42:28.100Z'));
    expect(msecToMs('x')).toBeNull();
  });
});

/** The document of one line whose variables (in format order) are the keys of `values`. */
function documentOf(values: Record<string, string>, fields = DEFAULT_FIELD_NAMES, fileHost?: string): Record<string, unknown> {
  const variables = Object.keys(values);
  const line = planLogDocument(variables, fields, fileHost !== undefined).toJsonLine(variables.map((name) => values[name]!), fileHost);
  return JSON.parse(line) as Record<string, unknown>;
}

describe('planLogDocument', () => {
  it('maps nginx variables to the configured fields and keeps the others by name', () => {
    const plan = planLogDocument(['time_local', 'request', 'status', 'request_time', 'upstream_addr', 'req_id', 'body_bytes_sent'], DEFAULT_FIELD_NAMES);
    const doc = documentOf(
      {
        time_local: '06/Dec/2026:05:42:28 +0000',
        request: 'POST /v1/orders?id=7 HTTP/1.1',
        status: '201',
        request_time: '0.250',
        upstream_addr: '10.0.0.1:80, 10.0.0.2:80',
        req_id: 'abc',
        body_bytes_sent: '17',
      },
      DEFAULT_FIELD_NAMES,
      'edge-nginx-1',
    );
    expect(doc).toEqual({
      '@timestamp': Date.parse('2026-12-06T05:42:28.000Z'),
      time_local: '06/Dec/2026:05:42:28 +0000',
      request: 'POST /v1/orders?id=7 HTTP/1.1',
      request_method: 'POST',
      path: '/v1/orders',
      status: '201',
      request_time: '0.250',
      upstream_addr: '10.0.0.1:80, 10.0.0.2:80',
      req_id: 'abc',
      trace_id: 'abc',
      body_bytes_sent: '17',
      '@source': 'edge-nginx-1',
    });
    expect(plan.missing.upstreamConnectTime).toBe('$upstream_connect_time');
  });

  it('takes the trace id from the variable HOPSCOPE_FIELDS names, and $hostname over the file host', () => {
    const fields = { ...DEFAULT_FIELD_NAMES, traceId: 'http_x_trace_id' };
    const plan = planLogDocument(['msec', 'http_x_trace_id', 'req_id', 'hostname', 'uri'], fields);
    const doc = documentOf({ msec: '1796535748.005', http_x_trace_id: 't-1', req_id: 'r-1', hostname: 'node-a', uri: '/x' }, fields, 'file-host');
    expect(doc).toMatchObject({ '@timestamp': Date.parse('2026-12-06T05:42:28.005Z'), http_x_trace_id: 't-1', '@source': 'node-a', path: '/x' });
    expect(plan.missing.host).toBeUndefined();
  });

  it('leaves a field out when the line has no parsable value for it', () => {
    const plan = planLogDocument(['request'], DEFAULT_FIELD_NAMES);
    const doc = documentOf({ request: '\u0016\u0003"\\' });
    expect(doc).toEqual({ request: '\u0016\u0003"\\' });
    expect(plan.missing.host).toMatch(/\$hostname/);
    expect(planLogDocument(['request'], DEFAULT_FIELD_NAMES, true).missing.host).toBeUndefined();
  });
});
