import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES, readField, type FieldNames } from './field-names';
import { compareRepresentative, toTierDocument, toTimestampMs, toTraceId, type TierDocument } from './tier-document';

/** 2020-11-19T10:00:00Z: 18,585 days (50 years with 12 leap days, then 305 + 18 days) plus 10 h. */
const NOW_MS = (18_585 * 86_400 + 10 * 3_600) * 1_000;

/** An edge nginx line as Filebeat ships it: times as JSON numbers. */
const EDGE_RAW = {
  '@timestamp': '2020-11-19T10:00:01.500Z',
  '@source': 'edge-01',
  trace_id: '4bf92f3577b34da6',
  request_time: 1.288,
  upstream_connect_time: 0.004,
  upstream_header_time: 1.2,
  upstream_response_time: 1.25,
  upstream_addr: '10.1.0.1:443',
  upstream_status: 200,
  status: 200,
  path: '/api/users',
  request_method: 'GET',
  app_name: 'user-api',
  domain: 'api.example.com',
};

/** An ingress-nginx line with string times and a retry: the first attempt never connected. */
const INGRESS_RAW = {
  '@timestamp': '2020-11-19T10:00:01.490Z',
  '@source': 'ingress-7f9c',
  trace_id: '4bf92f3577b34da6',
  request_time: '1.202',
  upstream_connect_time: '-, 0.001',
  upstream_header_time: '-, 0.990',
  upstream_response_time: '0.003, 0.995',
  upstream_addr: '10.2.0.5:8080, 10.2.0.6:8080',
  upstream_status: '502, 200',
  status: '200',
  path: '/api/users',
  request_method: 'GET',
  app_name: 'user-api',
  domain: 'api.example.com',
  proxy_upstream_name: 'prod-user-api-8080',
};

/** A copy of the document without the given keys. */
function without(raw: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !keys.includes(key)));
}

function documentOf(raw: Record<string, unknown>, tier: 'edge' | 'ingress', fields: FieldNames = DEFAULT_FIELD_NAMES): TierDocument {
  const result = toTierDocument(raw, tier, fields);
  if (!result.ok) throw new Error(`refused: ${result.field} ${result.reason}`);
  return result.document;
}

describe('toTierDocument', () => {
  it('normalizes an edge document with JSON numbers', () => {
    expect(documentOf(EDGE_RAW, 'edge')).toEqual({
      tier: 'edge',
      traceId: '4bf92f3577b34da6',
      timestampMs: NOW_MS + 1500,
      // 10:00:01.500 − 1.288 s
      startMs: NOW_MS + 212,
      requestTimeMs: 1288,
      upstreamConnectMs: [4],
      upstreamHeaderMs: [1200],
      upstreamResponseMs: [1250],
      connectTotalMs: 4,
      headerTotalMs: 1200,
      responseTotalMs: 1250,
      upstreamAddrs: ['10.1.0.1:443'],
      upstreamStatuses: ['200'],
      status: 200,
      host: 'edge-01',
      app: 'user-api',
      path: '/api/users',
      method: 'GET',
      domain: 'api.example.com',
      proxyUpstreamName: null,
      raw: EDGE_RAW,
    });
  });

  it('normalizes an ingress document with string times and a retry', () => {
    expect(documentOf(INGRESS_RAW, 'ingress')).toEqual({
      tier: 'ingress',
      traceId: '4bf92f3577b34da6',
      timestampMs: NOW_MS + 1490,
      // 10:00:01.490 − 1.202 s
      startMs: NOW_MS + 288,
      requestTimeMs: 1202,
      upstreamConnectMs: [null, 1],
      upstreamHeaderMs: [null, 990],
      upstreamResponseMs: [3, 995],
      connectTotalMs: 1,
      headerTotalMs: 990,
      responseTotalMs: 998,
      upstreamAddrs: ['10.2.0.5:8080', '10.2.0.6:8080'],
      upstreamStatuses: ['502', '200'],
      status: 200,
      host: 'ingress-7f9c',
      app: 'user-api',
      path: '/api/users',
      method: 'GET',
      domain: 'api.example.com',
      proxyUpstreamName: 'prod-user-api-8080',
      raw: INGRESS_RAW,
    });
  });

  it('reads a nested field by its dotted name', () => {
    const fields = { ...DEFAULT_FIELD_NAMES, requestTime: 'nginx.request_time', upstreamAddr: 'nginx.upstream.addr' };
    const nested = { ...without(EDGE_RAW, 'request_time', 'upstream_addr'), nginx: { request_time: '0.750', upstream: { addr: '10.1.0.9:443' } } };
    const document = documentOf(nested, 'edge', fields);
    expect(document.requestTimeMs).toBe(750);
    expect(document.startMs).toBe(NOW_MS + 750);
    expect(document.upstreamAddrs).toEqual(['10.1.0.9:443']);
  });

  it('reads a field whose configured name is a mapping alias at the alias\'s path', () => {
    const moved = { ...without(EDGE_RAW, 'request_time', 'trace_id'), nginx: { request_time: '0.750', trace: { id: 'moved' } } };
    const aliases = { requestTime: ['nginx.request_time'], traceId: ['nginx.trace.id'] };
    const result = toTierDocument(moved, 'edge', DEFAULT_FIELD_NAMES, null, aliases);
    expect(result.ok && result.document.requestTimeMs).toBe(750);
    expect(result.ok && result.document.traceId).toBe('moved');
    // Without the aliases the line has no trace id, as before.
    expect(toTierDocument(moved, 'edge', DEFAULT_FIELD_NAMES)).toEqual({ ok: false, field: 'traceId', reason: 'missing' });
  });

  it('reads a flat dotted key by the same name', () => {
    const fields = { ...DEFAULT_FIELD_NAMES, requestTime: 'nginx.request_time' };
    expect(documentOf({ ...without(EDGE_RAW, 'request_time'), 'nginx.request_time': 0.75 }, 'edge', fields).requestTimeMs).toBe(750);
  });

  it('accepts a numeric trace_id as a string', () => {
    expect(documentOf({ ...EDGE_RAW, trace_id: 1234567890 }, 'edge').traceId).toBe('1234567890');
  });

  it('accepts @timestamp as epoch milliseconds', () => {
    const document = documentOf({ ...EDGE_RAW, '@timestamp': NOW_MS + 1500 }, 'edge');
    expect(document.timestampMs).toBe(NOW_MS + 1500);
    expect(document.startMs).toBe(NOW_MS + 212);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['no trace_id', { trace_id: undefined }, 'traceId', 'missing'],
    ['a null trace_id', { trace_id: null }, 'traceId', 'missing'],
    ['a blank trace_id', { trace_id: '  ' }, 'traceId', 'missing'],
    ['an object trace_id', { trace_id: { id: 'a' } }, 'traceId', 'missing'],
    ['a word as @timestamp', { '@timestamp': 'yesterday' }, 'timestamp', 'unparsable'],
    ['an empty @timestamp', { '@timestamp': '' }, 'timestamp', 'unparsable'],
    ['a boolean @timestamp', { '@timestamp': true }, 'timestamp', 'unparsable'],
    ['request_time "-"', { request_time: '-' }, 'requestTime', 'missing'],
    ['request_time ""', { request_time: '' }, 'requestTime', 'missing'],
    ['no request_time', { request_time: undefined }, 'requestTime', 'missing'],
    ['request_time "-, -"', { request_time: '-, -' }, 'requestTime', 'missing'],
    ['request_time "abc"', { request_time: 'abc' }, 'requestTime', 'unparsable'],
    ['a negative request_time', { request_time: -0.5 }, 'requestTime', 'negative'],
    ['request_time of 7 integer digits', { request_time: '1000000.000' }, 'requestTime', 'out-of-range'],
  ])('refuses a document with %s', (_what, change, field, reason) => {
    expect(toTierDocument({ ...EDGE_RAW, ...change }, 'edge', DEFAULT_FIELD_NAMES)).toEqual({ ok: false, field, reason });
  });

  it('checks trace_id before @timestamp before request_time', () => {
    expect(toTierDocument({ '@timestamp': 'x', request_time: 'x' }, 'edge', DEFAULT_FIELD_NAMES)).toMatchObject({ field: 'traceId' });
    expect(toTierDocument({ trace_id: 'a', '@timestamp': 'x', request_time: 'x' }, 'edge', DEFAULT_FIELD_NAMES)).toMatchObject({
      field: 'timestamp',
    });
  });

  it('treats unparsable or missing upstream times as absent', () => {
    const document = documentOf(
      { ...EDGE_RAW, upstream_connect_time: 'abc', upstream_header_time: '-', upstream_response_time: undefined },
      'edge',
    );
    expect(document).toMatchObject({
      upstreamConnectMs: [],
      upstreamHeaderMs: [],
      upstreamResponseMs: [],
      connectTotalMs: null,
      headerTotalMs: null,
      responseTotalMs: null,
    });
  });

  it('keeps attempts without a total when none has a value', () => {
    const document = documentOf({ ...INGRESS_RAW, upstream_connect_time: '-, -' }, 'ingress');
    expect(document.upstreamConnectMs).toEqual([null, null]);
    expect(document.connectTotalMs).toBeNull();
  });

  it('reads status only as three digits and text fields without "-" or blanks', () => {
    expect(documentOf({ ...EDGE_RAW, status: '-' }, 'edge').status).toBeNull();
    expect(documentOf({ ...EDGE_RAW, status: '2000' }, 'edge').status).toBeNull();
    expect(documentOf({ ...EDGE_RAW, status: ' 499 ' }, 'edge').status).toBe(499);
    const document = documentOf({ ...EDGE_RAW, path: '-', domain: '  ', app_name: ['user-api', 'admin'] }, 'edge');
    expect([document.path, document.domain, document.app]).toEqual([null, null, 'user-api, admin']);
  });

  it('reads objects in text and list fields as no value', () => {
    const document = documentOf({ ...EDGE_RAW, '@source': { name: 'edge-01' }, upstream_addr: { toString: {} } }, 'edge');
    expect(document.host).toBeNull();
    expect(document.upstreamAddrs).toEqual([]);
  });
});

describe('readField', () => {
  it('reads plain names directly', () => {
    expect(readField({ status: 200 }, 'status')).toBe(200);
    expect(readField({}, 'status')).toBeUndefined();
  });

  it('prefers the nested path and falls back to the flat dotted key', () => {
    expect(readField({ nginx: { request_time: 1 }, 'nginx.request_time': 2 }, 'nginx.request_time')).toBe(1);
    expect(readField({ nginx: {}, 'nginx.request_time': 2 }, 'nginx.request_time')).toBe(2);
    expect(readField({ nginx: 'flat', 'nginx.request_time': 2 }, 'nginx.request_time')).toBe(2);
    expect(readField({ nginx: [{ request_time: 1 }], 'nginx.request_time': 2 }, 'nginx.request_time')).toBe(2);
    expect(readField({ a: { b: { c: 3 } } }, 'a.b.c')).toBe(3);
    expect(readField({ a: { 'b.c': 4 } }, 'a.b.c')).toBeUndefined();
  });

  it('returns a nested null as null rather than falling back', () => {
    expect(readField({ nginx: { request_time: null }, 'nginx.request_time': 2 }, 'nginx.request_time')).toBeNull();
  });

  it('tries the alternates (alias paths) in order when the name is absent; a value under the name wins', () => {
    const alternates = ['nginx.rt', 'access.rt'];
    expect(readField({ nginx: { rt: 1 }, access: { rt: 2 } }, 'request_time', alternates)).toBe(1);
    expect(readField({ access: { rt: 2 } }, 'request_time', alternates)).toBe(2);
    expect(readField({ 'nginx.rt': 3 }, 'request_time', alternates)).toBe(3);
    expect(readField({ request_time: 0, nginx: { rt: 1 } }, 'request_time', alternates)).toBe(0);
    expect(readField({ request_time: null, nginx: { rt: 1 } }, 'request_time', alternates)).toBeNull();
    expect(readField({}, 'request_time', alternates)).toBeUndefined();
  });
});

describe('toTraceId and toTimestampMs', () => {
  it('keeps string ids as they are and stringifies finite numbers', () => {
    expect(toTraceId('abc')).toBe('abc');
    expect(toTraceId(42)).toBe('42');
    expect(toTraceId(Number.NaN)).toBeNull();
    expect(toTraceId('')).toBeNull();
    // nginx prints "-" for an unset variable: no id, not one trace of every such line.
    expect(toTraceId('-')).toBeNull();
    expect(toTraceId(' - ')).toBeNull();
    expect(toTraceId('-1')).toBe('-1');
    expect(toTraceId({ id: 'a' })).toBeNull();
    expect(toTraceId(true)).toBeNull();
  });

  it('reads a list whose items are all one id as that id, and any other list as none', () => {
    expect(toTraceId(['a'])).toBe('a');
    expect(toTraceId(['a', 'a'])).toBe('a');
    expect(toTraceId([7])).toBe('7');
    expect(toTraceId(['a', 'b'])).toBeNull();
    expect(toTraceId(['a', '-'])).toBeNull();
    expect(toTraceId([])).toBeNull();
    expect(toTraceId([['a']])).toBeNull();
  });

  it('reads ISO instants and epoch milliseconds, truncating fractions of a millisecond', () => {
    expect(toTimestampMs('2020-11-19T10:00:00Z')).toBe(NOW_MS);
    expect(toTimestampMs('2020-11-19T18:00:00.250+08:00')).toBe(NOW_MS + 250);
    expect(toTimestampMs(NOW_MS + 0.9)).toBe(NOW_MS);
    expect(toTimestampMs(Number.POSITIVE_INFINITY)).toBeNull();
    expect(toTimestampMs(null)).toBeNull();
  });

  it("reads epoch seconds with a fraction (nginx's $msec) and epoch milliseconds by their magnitude, exactly", () => {
    const msec = 1_605_751_984_150;
    expect(toTimestampMs('1605751984.150')).toBe(msec);
    expect(toTimestampMs(1605751984.15)).toBe(msec);
    expect(toTimestampMs(' 1605751984.1509 ')).toBe(msec);
    expect(toTimestampMs(1605751984)).toBe(msec - 150);
    expect(toTimestampMs('1605751984150')).toBe(msec);
    expect(toTimestampMs(1605751984150.9)).toBe(msec);
    // Micro- and nanoseconds, dates run together and tiny or negative numbers are no time, not 1970 or the year 50,000.
    expect(toTimestampMs(1605751984150123)).toBeNull();
    expect(toTimestampMs('1605751984150123456')).toBeNull();
    expect(toTimestampMs('20201119')).toBeNull();
    expect(toTimestampMs(12345)).toBeNull();
    expect(toTimestampMs(-1605751984)).toBeNull();
  });

  it('reads a zone-less timestamp as UTC, as Elasticsearch does', () => {
    expect(toTimestampMs('2020-11-19T10:00:00')).toBe(NOW_MS);
    expect(toTimestampMs('2020-11-19 10:00:00.5')).toBe(NOW_MS + 500);
  });

  it('refuses impossible calendar dates instead of rolling them over', () => {
    expect(toTimestampMs('2020-02-30T10:00:00Z')).toBeNull();
    expect(toTimestampMs('2021-02-29T10:00:00Z')).toBeNull();
    expect(toTimestampMs('2020-02-29T10:00:00Z')).toBe(NOW_MS - 264 * 86_400_000);
  });
});

describe('compareRepresentative', () => {
  const document = (name: string, requestTimeMs: number, timestampMs: number, responseTotalMs: number | null): TierDocument => ({
    ...documentOf(EDGE_RAW, 'edge'),
    traceId: name,
    requestTimeMs,
    timestampMs,
    responseTotalMs,
  });

  it('puts the largest request_time first, then the latest @timestamp, then the largest upstream response', () => {
    const candidates = [
      document('a', 100, 10, 50),
      document('b', 200, 5, null),
      document('c', 100, 20, 10),
      document('d', 100, 10, 60),
      document('e', 100, 10, null),
      document('f', 100, 10, 0),
    ];
    expect([...candidates].sort(compareRepresentative).map((d) => d.traceId)).toEqual(['b', 'c', 'd', 'a', 'f', 'e']);
  });

  it('treats documents equal in all three as equal', () => {
    expect(compareRepresentative(document('a', 1, 2, 3), document('b', 1, 2, 3))).toBe(0);
  });
});
