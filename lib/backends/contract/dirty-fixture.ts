/**
 * Dirty data for the contract suite: what real access logs hold besides clean lines. Only
 * documents both stores can hold: Elasticsearch refuses a trace_id object or invalid UTF-8 at
 * index time (see dirty-data-contract.ts for those). Shipped as text, timings and trace_id mapped
 * `keyword` in Elasticsearch (a float mapping would refuse "-" and "abc" at index time).
 *
 * Window [D0, D0 + 1 h). Edge lines, seconds after D0:
 *   x1   +1  "x1"      rt "0.120"            valid                        120
 *   x2   +2  "x2"      rt "-"                request_time missing
 *   x3   +3  "x3"      no request_time       request_time missing
 *   x4   +4  "x4"      rt "abc"              unparsable
 *   x5   +5  "x5"      rt "1.2.3"            unparsable
 *   x6   +6  "x6"      rt "NaN"              unparsable
 *   x7   +7  "x7"      rt "-0.500"           negative
 *   x8   +8  "x8"      rt -0.25 (number)     negative
 *   x9   +9  "x9"      rt "9999999.000"      out-of-range (7 integer digits)
 *   x10  +10 "x10"     rt 1000000 (number)   out-of-range (10⁹ ms > 999,999,999)
 *   x11  +11 12345     rt "0.250"            valid, trace "12345"         250
 *   x12  +12 null      rt "0.300"            trace_id missing
 *   x13  +13 ""        rt "0.300"            trace_id missing
 *   x14  +14 "-"       rt "0.300"            trace_id missing (nginx's "no value")
 *   x15  +15 absent    rt "-"                trace_id missing (checked first)
 *   x16a +16 "x16"     rt "0.200"            duplicate
 *   x16b +17 "x16"     rt "0.400"            x16's representative           400
 *   x16c +18 "x16"     rt "-"                request_time missing (not a duplicate: invalid)
 *   x19  +19 "x19"     rt "0.100, 0.050"     valid, attempts summed         150
 *   x20  +20 "x20"     rt ""                 request_time missing (escape=json)
 *   x21  +21 "x21"     rt "999999.999"       valid, the largest accepted    999,999,999
 *   x22  +22 "x22"     rt true               unparsable
 *   x24  +24 "x24"     rt "0.5\uFFFD"        unparsable (a shipper replaced an invalid byte)
 *   x25  +25 "x25\uFFFD" rt "0.060"          valid                          60
 *   x26  +26 "x26"     rt "0.070" @timestamp D0 + 1 h   outside the window: not counted
 * → edge 6 traces (x1 12345 x16 x19 x21 x25�), 1 edge duplicate; skipped edge: request_time
 *   missing 4 (x2 x3 x16c x20), negative 2, out-of-range 2, unparsable 5 (x4 x5 x6 x22 x24);
 *   trace_id missing 4 (x12–x15).
 *
 * Ingress lines (same seconds):
 *   x1     rt "0.100" upstream "0.050, 0.040" (90)   joined: 100, gap 20, inside 10
 *   12345  (number) rt "0.200" upstream "-"          joined: 200, gap 50; upstream missing
 *   x16    rt "0.380" upstream "0.370"               representative: 380, gap 20, inside 10
 *   x16    rt "0.300" upstream "0.290"               ingress duplicate
 *   x19    rt "garbage"                              request_time unparsable → x19 edge only
 *   x21    rt "-" upstream "-"                       request_time missing → x21 edge only
 *   x2     rt "0.100"                                its edge line is skipped: not in the set
 *   "-"    rt "0.100"                                no trace: not a candidate of any trace
 * → joined 3, edge only 3 (x19 x21 x25�), 1 ingress duplicate; skipped ingress: request_time
 *   missing 1, unparsable 1; upstream_response_time missing 1.
 *   edge 60 120 150 250 400 999999999 · ingress 100 200 380 · edge − ingress 20 ×2, 50 ·
 *   ingress − upstream 10 ×2.
 */

export const D0 = Date.parse('2020-11-21T10:00:00.000Z');
const at = (seconds: number) => new Date(D0 + seconds * 1000).toISOString();

const edge = (seconds: number, fields: Record<string, unknown>) => ({ '@timestamp': at(seconds), app_name: 'shop', path: '/x', ...fields });
const ingress = (seconds: number, fields: Record<string, unknown>) => ({ '@timestamp': at(seconds), path: '/x', ...fields });

export const DIRTY_EDGE_DOCS: Record<string, unknown>[] = [
  edge(1, { trace_id: 'x1', request_time: '0.120' }),
  edge(2, { trace_id: 'x2', request_time: '-' }),
  edge(3, { trace_id: 'x3' }),
  edge(4, { trace_id: 'x4', request_time: 'abc' }),
  edge(5, { trace_id: 'x5', request_time: '1.2.3' }),
  edge(6, { trace_id: 'x6', request_time: 'NaN' }),
  edge(7, { trace_id: 'x7', request_time: '-0.500' }),
  edge(8, { trace_id: 'x8', request_time: -0.25 }),
  edge(9, { trace_id: 'x9', request_time: '9999999.000' }),
  edge(10, { trace_id: 'x10', request_time: 1_000_000 }),
  edge(11, { trace_id: 12345, request_time: '0.250' }),
  edge(12, { trace_id: null, request_time: '0.300' }),
  edge(13, { trace_id: '', request_time: '0.300' }),
  edge(14, { trace_id: '-', request_time: '0.300' }),
  edge(15, { request_time: '-' }),
  edge(16, { trace_id: 'x16', request_time: '0.200' }),
  edge(17, { trace_id: 'x16', request_time: '0.400' }),
  edge(18, { trace_id: 'x16', request_time: '-' }),
  edge(19, { trace_id: 'x19', request_time: '0.100, 0.050' }),
  edge(20, { trace_id: 'x20', request_time: '' }),
  edge(21, { trace_id: 'x21', request_time: '999999.999' }),
  edge(22, { trace_id: 'x22', request_time: true }),
  edge(24, { trace_id: 'x24', request_time: '0.5\uFFFD' }),
  edge(25, { trace_id: 'x25\uFFFD', request_time: '0.060' }),
  edge(3_600, { trace_id: 'x26', request_time: '0.070' }),
];

export const DIRTY_INGRESS_DOCS: Record<string, unknown>[] = [
  ingress(1, { trace_id: 'x1', request_time: '0.100', upstream_response_time: '0.050, 0.040' }),
  ingress(11, { trace_id: 12345, request_time: '0.200', upstream_response_time: '-' }),
  ingress(17, { trace_id: 'x16', request_time: '0.380', upstream_response_time: '0.370' }),
  ingress(17, { trace_id: 'x16', request_time: '0.300', upstream_response_time: '0.290' }),
  ingress(19, { trace_id: 'x19', request_time: 'garbage' }),
  ingress(21, { trace_id: 'x21', request_time: '-', upstream_response_time: '-' }),
  ingress(2, { trace_id: 'x2', request_time: '0.100' }),
  ingress(30, { trace_id: '-', request_time: '0.100' }),
];
