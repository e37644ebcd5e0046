/**
 * A small hand-made trace set for the backend contract suite. Every expected number in
 * backend-contract.ts is worked out by hand from these lines (see the comments there).
 * The edge tier carries JSON numbers (Elasticsearch maps them as 32-bit floats), the ingress tier
 * strings as ingress-nginx ships them.
 */

export const T0 = Date.parse('2020-11-19T02:00:00.000Z');
export const WINDOW = { from: '2020-11-19T02:00:00.000Z', to: '2020-11-19T03:00:00.000Z' };
const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

const edge = (offsetMs: number, fields: Record<string, unknown>) => ({
  '@timestamp': at(offsetMs),
  app_name: 'shop',
  path: '/api/ping',
  request_method: 'GET',
  status: 200,
  ...fields,
});

const ingress = (offsetMs: number, fields: Record<string, unknown>) => ({
  '@timestamp': at(offsetMs),
  path: '/api/ping',
  request_method: 'GET',
  status: 200,
  proxy_upstream_name: 'prod-shop-8080',
  ...fields,
});

export const EDGE_DOCS: Record<string, unknown>[] = [
  // t1: the edge→ingress connect took a SYN retransmission (1.001 s).
  edge(10_000, { trace_id: 't1', request_time: 1.05, upstream_connect_time: 1.001, upstream_response_time: 1.049, upstream_addr: '10.20.0.12:80', '@source': 'edge-1' }),
  // t2 twice: the line with the larger request_time (0.1) represents it.
  edge(20_000, { trace_id: 't2', request_time: 0.1, upstream_connect_time: 0, upstream_response_time: 0.099, upstream_addr: '10.20.0.11:80', '@source': 'edge-1' }),
  edge(20_000, { trace_id: 't2', request_time: 0.05, upstream_connect_time: 0, upstream_response_time: 0.049, upstream_addr: '10.20.0.11:80', '@source': 'edge-1' }),
  // t3: no request_time at all (skipped: requestTime missing).
  edge(30_000, { trace_id: 't3', status: 499, '@source': 'edge-2' }),
  // no trace_id (skipped: traceId missing).
  edge(40_000, { request_time: 0.2, upstream_connect_time: 0, upstream_response_time: 0.199, upstream_addr: '10.20.0.11:80', '@source': 'edge-2' }),
  // t5: 2.3 is 2.2999999523 as a 32-bit float.
  edge(50_000, { trace_id: 't5', app_name: 'media', path: '/api/upload', request_method: 'POST', request_time: 2.3, upstream_connect_time: 0.001, upstream_response_time: 2.3, upstream_addr: '10.20.0.13:80', '@source': 'edge-2' }),
  // t6: edge only; exactly on the 100 ms boundary.
  edge(60_000, { trace_id: 't6', request_time: 0.1, upstream_connect_time: 0.002, upstream_response_time: 0.098, upstream_addr: '10.20.0.11:80', '@source': 'edge-2' }),
  // t7: exactly the upper bound (3.5 s) → overflow.
  edge(70_000, { trace_id: 't7', request_time: 3.5, upstream_connect_time: 0, upstream_response_time: 3.499, upstream_addr: '10.20.0.12:80', '@source': 'edge-1' }),
  // t10: its ingress line lies 1 ms before the widened join window → edge only.
  edge(80_000, { trace_id: 't10', request_time: 1.1, upstream_connect_time: 0, upstream_response_time: 1.099, upstream_addr: '10.20.0.12:80', '@source': 'edge-1' }),
  // t11: its ingress line lies exactly at the start of the widened join window → joined.
  edge(90_000, { trace_id: 't11', request_time: 0.3, upstream_connect_time: 0, upstream_response_time: 0.299, upstream_addr: '10.20.0.13:80', '@source': 'edge-1' }),
  // t12: ingress clock ahead / rounding: edge − ingress = −2 ms.
  edge(110_000, { trace_id: 't12', request_time: 0.05, upstream_connect_time: 0, upstream_response_time: 0.05, upstream_addr: '10.20.0.11:80', '@source': 'edge-2' }),
  // t8: the last millisecond of the window.
  edge(3_599_999, { trace_id: 't8', request_time: 0.099, upstream_connect_time: 0, upstream_response_time: 0.098, upstream_addr: '10.20.0.11:80', '@source': 'edge-1' }),
  // t9: exactly at `to`, outside the half-open window.
  edge(3_600_000, { trace_id: 't9', request_time: 0.5, upstream_connect_time: 0, upstream_response_time: 0.499, upstream_addr: '10.20.0.11:80', '@source': 'edge-1' }),
];

export const INGRESS_DOCS: Record<string, unknown>[] = [
  ingress(9_999, { trace_id: 't1', request_time: '0.047', upstream_connect_time: '0.001', upstream_header_time: '0.046', upstream_response_time: '0.046', upstream_addr: '10.244.1.1:8080', upstream_status: '200', '@source': 'ingress-node-2' }),
  // a second t1 line without request_time: skipped (ingress requestTime missing), not a duplicate.
  ingress(9_999, { trace_id: 't1', request_time: '-', upstream_connect_time: '-', upstream_response_time: '-', upstream_addr: '-', '@source': 'ingress-node-2' }),
  // t2: first upstream never connected ("-"), retried on a second pod; shipped twice.
  ingress(19_999, { trace_id: 't2', request_time: '0.098', upstream_connect_time: '-, 0.001', upstream_header_time: '-, 0.089', upstream_response_time: '0.003, 0.090', upstream_addr: '10.244.1.1:8080, 10.244.1.2:8080', upstream_status: '502, 200', '@source': 'ingress-node-1' }),
  ingress(19_999, { trace_id: 't2', request_time: '0.098', upstream_connect_time: '-, 0.001', upstream_header_time: '-, 0.089', upstream_response_time: '0.003, 0.090', upstream_addr: '10.244.1.1:8080, 10.244.1.2:8080', upstream_status: '502, 200', '@source': 'ingress-node-1' }),
  // t5: no upstream exchange at all ("-"): left out of ingress − upstream.
  ingress(50_000, { trace_id: 't5', path: '/api/upload', request_method: 'POST', status: 504, request_time: '2.300', upstream_connect_time: '-', upstream_response_time: '-', upstream_addr: '-', '@source': 'ingress-node-1' }),
  // t7: a retry whose second connect waited for a retransmission; exactly 1.000 s.
  ingress(69_998, { trace_id: 't7', request_time: '1.000', upstream_connect_time: '0.000, 0.995', upstream_header_time: '0.003, 0.996', upstream_response_time: '0.003, 0.996', upstream_addr: '10.244.2.1:8080, 10.244.2.2:8080', upstream_status: '502, 200', '@source': 'ingress-node-2' }),
  ingress(-300_001, { trace_id: 't10', request_time: '1.098', upstream_connect_time: '0.000', upstream_response_time: '1.097', upstream_addr: '10.244.3.1:8080', '@source': 'ingress-node-3' }),
  ingress(-300_000, { trace_id: 't11', request_time: '0.297', upstream_connect_time: '0.001', upstream_response_time: '0.296', upstream_addr: '10.244.3.1:8080', '@source': 'ingress-node-3' }),
  ingress(110_001, { trace_id: 't12', request_time: '0.052', upstream_connect_time: '0.000', upstream_response_time: '0.051', upstream_addr: '10.244.1.2:8080', '@source': 'ingress-node-1' }),
  ingress(3_599_998, { trace_id: 't8', request_time: '0.097', upstream_connect_time: '0.000', upstream_response_time: '0.096', upstream_addr: '10.244.3.2:8080', '@source': 'ingress-node-3' }),
  // an ingress-only trace: not part of any trace set (trace sets start at the edge).
  ingress(100_000, { trace_id: 't99', request_time: '0.010', upstream_connect_time: '0.000', upstream_response_time: '0.009', upstream_addr: '10.244.3.2:8080', '@source': 'ingress-node-3' }),
];

