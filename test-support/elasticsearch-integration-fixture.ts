/**
 * A hand-built incident for the Elasticsearch integration tests. Every expected number in
 * elasticsearch-backend.integration.test.ts is worked out from the table below by hand.
 *
 * Window [T0, T0 + 1 h), T0 = 2020-11-19T10:00:00Z. Join window [T0 − 5 min, T0 + 1 h + 5 min).
 *
 * Edge lines (seconds after T0; times in seconds as nginx prints them):
 *   E1  a1  +10      rt 0.1   (float32 0.100000001)  connect 0.001  edge-1 shop /a
 *   E2  a2  +20      rt 2.3   (float32 2.2999999523) connect 0.001  edge-1 shop /a
 *   E3  a3  +30      rt 1.0   (bucket boundary)      connect 0.002  edge-2 shop /b
 *   E4  a4  +40      rt 0.999                        connect 0.001  edge-1 shop /b
 *   E5a a5  +50      rt 0.25                         connect 0.001  edge-1 shop /a   duplicate
 *   E5b a5  +51      rt 0.35  (a5's representative)  connect 1.003  edge-2 shop /a
 *   E6  a6  +60      rt 3.5   (= upper: overflow)    connect 0.001  edge-2 media /m  edge only
 *   E7  a7  +5       rt 0.2                          connect 0.001  edge-1 media /m  ingress 1 ms too early
 *   E8  a8  +1       rt 0.3                          connect 0.002  edge-1 media /m  ingress at T0 − 5 min
 *   E9  a9  +90      no request_time ("-" as text)                  edge-2 shop /a   skipped: missing
 *   E10 —   +100     rt 0.5, no trace_id                                   shop /a   skipped: traceId
 *   E11 "  " +110    rt 0.5, blank trace_id                                shop /a   skipped: traceId
 *   E12 a12 +3600    rt 0.4 (exactly at `to`: outside)                     shop /a
 *   E13 a13 +120     rt −0.001                                             shop /a   skipped: negative
 *   E14 a14 +3599.999 rt 0.05                       connect 0      edge-1 media /m  ingress after `to`
 *   E15 a15 +130     rt 0.6                          connect 0.001  edge-2 shop /b   ingress "-" only
 *
 * Ingress lines (strings, as ingress-nginx ships them):
 *   I1  a1  +10.003 (clock skew) rt "0.098" upstream "0.095"  connect "0.000"  10.244.0.1:8080 ingress-1
 *   I1b a1  +10     rt "abc" (unparsable)
 *   I2  a2  +20.002 rt "2.297" upstream "0.000, 2.290" (retried: 2290) connect "0.000, 0.001" (1)
 *                   addr "10.244.0.9:8080, 10.244.0.1:8080" ingress-2
 *   I3  a3  +30     rt "1.000" upstream "-" connect "-" addr "-"                       ingress-1
 *   I4  a4  +40     rt "1.001" upstream "1.000" connect "0.001" 10.244.0.1:8080        ingress-1
 *   I5a a5  +51     rt "0.340" upstream "0.300" connect "0.002" 10.244.0.2:8080        ingress-2
 *   I5b a5  +51     rt "0.330" upstream "0.320" connect "0.001" 10.244.0.2:8080        ingress-2
 *   I7  a7  T0 − 5 min − 1 ms rt "0.199"  (outside the join window)
 *   I8  a8  T0 − 5 min        rt "0.299" upstream "0.290" connect "0.001" 10.244.0.1:8080 ingress-1
 *   I9  a9  +90     rt "0.500" (its edge line is skipped: not in the trace set)
 *   I14 a14 T0 + 1 h + 2 ms   rt "0.048" upstream "0.047" connect "0.000" 10.244.0.1:8080 ingress-2
 *   I15 a15 +130    rt "-" upstream "-"
 *   I99 a99 +200    rt "0.100" (no edge line)
 */

export const T0 = Date.UTC(2020, 10, 19, 10, 0, 0);
export const HOUR_MS = 3_600_000;

type Line = Record<string, unknown>;

const at = (offsetMs: number): string => new Date(T0 + offsetMs).toISOString();

type EdgeSpec = {
  traceId?: string;
  offsetMs: number;
  requestTime: number | null;
  upstreamResponseTime?: number;
  connect?: number;
  addr?: string;
  host?: string;
  app: string;
  path: string;
};

const EDGE_SPECS: EdgeSpec[] = [
  { traceId: 'a1', offsetMs: 10_000, requestTime: 0.1, upstreamResponseTime: 0.098, connect: 0.001, addr: '10.0.0.1:80', host: 'edge-1', app: 'shop', path: '/a' },
  { traceId: 'a2', offsetMs: 20_000, requestTime: 2.3, upstreamResponseTime: 2.298, connect: 0.001, addr: '10.0.0.1:80', host: 'edge-1', app: 'shop', path: '/a' },
  { traceId: 'a3', offsetMs: 30_000, requestTime: 1.0, upstreamResponseTime: 1.0, connect: 0.002, addr: '10.0.0.2:80', host: 'edge-2', app: 'shop', path: '/b' },
  { traceId: 'a4', offsetMs: 40_000, requestTime: 0.999, upstreamResponseTime: 0.998, connect: 0.001, addr: '10.0.0.1:80', host: 'edge-1', app: 'shop', path: '/b' },
  { traceId: 'a5', offsetMs: 50_000, requestTime: 0.25, upstreamResponseTime: 0.24, connect: 0.001, addr: '10.0.0.1:80', host: 'edge-1', app: 'shop', path: '/a' },
  { traceId: 'a5', offsetMs: 51_000, requestTime: 0.35, upstreamResponseTime: 0.34, connect: 1.003, addr: '10.0.0.2:80', host: 'edge-2', app: 'shop', path: '/a' },
  { traceId: 'a6', offsetMs: 60_000, requestTime: 3.5, upstreamResponseTime: 3.49, connect: 0.001, addr: '10.0.0.2:80', host: 'edge-2', app: 'media', path: '/m' },
  { traceId: 'a7', offsetMs: 5_000, requestTime: 0.2, upstreamResponseTime: 0.19, connect: 0.001, addr: '10.0.0.1:80', host: 'edge-1', app: 'media', path: '/m' },
  { traceId: 'a8', offsetMs: 1_000, requestTime: 0.3, upstreamResponseTime: 0.299, connect: 0.002, addr: '10.0.0.1:80', host: 'edge-1', app: 'media', path: '/m' },
  { traceId: 'a9', offsetMs: 90_000, requestTime: null, host: 'edge-2', app: 'shop', path: '/a' },
  { offsetMs: 100_000, requestTime: 0.5, app: 'shop', path: '/a' },
  { traceId: '  ', offsetMs: 110_000, requestTime: 0.5, app: 'shop', path: '/a' },
  { traceId: 'a12', offsetMs: HOUR_MS, requestTime: 0.4, app: 'shop', path: '/a' },
  { traceId: 'a13', offsetMs: 120_000, requestTime: -0.001, app: 'shop', path: '/a' },
  { traceId: 'a14', offsetMs: HOUR_MS - 1, requestTime: 0.05, upstreamResponseTime: 0.049, connect: 0, addr: '10.0.0.1:80', host: 'edge-1', app: 'media', path: '/m' },
  { traceId: 'a15', offsetMs: 130_000, requestTime: 0.6, upstreamResponseTime: 0.59, connect: 0.001, addr: '10.0.0.2:80', host: 'edge-2', app: 'shop', path: '/b' },
];

/** Seconds as nginx prints them: "0.100", "-0.001". */
export function toNginxText(seconds: number): string {
  const ms = Math.round(Math.abs(seconds) * 1000);
  return `${seconds < 0 ? '-' : ''}${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`;
}

/**
 * The edge lines with timings as JSON numbers (dynamic mapping: 32-bit float; a missing
 * request_time is left out) or as nginx's strings (keyword; a missing one is "-").
 */
export function edgeLines(timings: 'numbers' | 'strings'): Line[] {
  const time = (seconds: number | undefined) => (seconds === undefined ? undefined : timings === 'numbers' ? seconds : toNginxText(seconds));
  return EDGE_SPECS.map((spec) => {
    const line: Line = { '@timestamp': at(spec.offsetMs), app_name: spec.app, path: spec.path, request_method: 'GET', status: 200 };
    if (spec.traceId !== undefined) line.trace_id = spec.traceId;
    if (spec.requestTime !== null) line.request_time = time(spec.requestTime);
    else if (timings === 'strings') line.request_time = '-';
    if (spec.upstreamResponseTime !== undefined) line.upstream_response_time = time(spec.upstreamResponseTime);
    if (spec.connect !== undefined) line.upstream_connect_time = time(spec.connect);
    if (spec.addr !== undefined) line.upstream_addr = spec.addr;
    if (spec.host !== undefined) line['@source'] = spec.host;
    return line;
  });
}

const ingress = (traceId: string, offsetMs: number, fields: Line): Line => ({ '@timestamp': at(offsetMs), trace_id: traceId, ...fields });

export const INGRESS_LINES: Line[] = [
  ingress('a1', 10_003, { request_time: '0.098', upstream_response_time: '0.095', upstream_connect_time: '0.000', upstream_addr: '10.244.0.1:8080', '@source': 'ingress-1' }),
  ingress('a1', 10_000, { request_time: 'abc', upstream_response_time: '-', '@source': 'ingress-1' }),
  ingress('a2', 20_002, {
    request_time: '2.297',
    upstream_response_time: '0.000, 2.290',
    upstream_connect_time: '0.000, 0.001',
    upstream_addr: '10.244.0.9:8080, 10.244.0.1:8080',
    '@source': 'ingress-2',
  }),
  ingress('a3', 30_000, { request_time: '1.000', upstream_response_time: '-', upstream_connect_time: '-', upstream_addr: '-', '@source': 'ingress-1' }),
  ingress('a4', 40_000, { request_time: '1.001', upstream_response_time: '1.000', upstream_connect_time: '0.001', upstream_addr: '10.244.0.1:8080', '@source': 'ingress-1' }),
  ingress('a5', 51_000, { request_time: '0.340', upstream_response_time: '0.300', upstream_connect_time: '0.002', upstream_addr: '10.244.0.2:8080', '@source': 'ingress-2' }),
  ingress('a5', 51_000, { request_time: '0.330', upstream_response_time: '0.320', upstream_connect_time: '0.001', upstream_addr: '10.244.0.2:8080', '@source': 'ingress-2' }),
  ingress('a7', -300_001, { request_time: '0.199', upstream_response_time: '0.190', upstream_connect_time: '0.001', upstream_addr: '10.244.0.1:8080', '@source': 'ingress-1' }),
  ingress('a8', -300_000, { request_time: '0.299', upstream_response_time: '0.290', upstream_connect_time: '0.001', upstream_addr: '10.244.0.1:8080', '@source': 'ingress-1' }),
  ingress('a9', 90_000, { request_time: '0.500', upstream_response_time: '0.490', '@source': 'ingress-2' }),
  ingress('a14', HOUR_MS + 2, { request_time: '0.048', upstream_response_time: '0.047', upstream_connect_time: '0.000', upstream_addr: '10.244.0.1:8080', '@source': 'ingress-2' }),
  ingress('a15', 130_000, { request_time: '-', upstream_response_time: '-', '@source': 'ingress-1' }),
  ingress('a99', 200_000, { request_time: '0.100', upstream_response_time: '0.090', '@source': 'ingress-1' }),
];
