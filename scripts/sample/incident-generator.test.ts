import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { parseNginxList, parseNginxTime } from '@/lib/domain/nginx-value';
import { toTierDocument } from '@/lib/domain/tier-document';
import { generateIncident } from './incident-generator';

/**
 * The generated documents are checked the way an investigator would read them: parsed back from
 * their JSON text, with every expectation computed here from the documents alone. Checks over
 * all documents collect the offending ones, so a failure shows the lines and the test stays fast.
 */

type Doc = Record<string, unknown>;

const SKEW_BOUND_MS = 3;
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const NGINX_TIME_LIST = /^(\d+\.\d{3}|-)(, (\d+\.\d{3}|-))*$/;
const TIMING_FIELDS = ['request_time', 'upstream_connect_time', 'upstream_header_time', 'upstream_response_time'];

const toLines = (documents: object[]): string[] => documents.map((document) => JSON.stringify(document));
const byTraceId = (docs: Doc[]): Map<string, Doc> => new Map(docs.map((doc) => [doc.trace_id as string, doc]));

function sample(scenario: 'incident' | 'healthy' | 'slow-app', traces: number) {
  const { edge, ingress } = generateIncident({ scenario, traces, seed: 1 });
  const edgeDocs = toLines(edge).map((line) => JSON.parse(line) as Doc);
  const ingressDocs = toLines(ingress).map((line) => JSON.parse(line) as Doc);
  return { edgeDocs, ingressDocs, edgeById: byTraceId(edgeDocs), ingressById: byTraceId(ingressDocs) };
}
type Sample = ReturnType<typeof sample>;

/** Milliseconds of an edge number or an ingress string, attempts summed; null for "-" or absent. */
function ms(value: unknown): number | null {
  const time = parseNginxTime(value);
  return time.kind === 'value' ? time.totalMs : null;
}

function attemptsMs(value: unknown): (number | null)[] {
  const time = parseNginxTime(value);
  return time.kind === 'value' ? time.attemptsMs : [];
}

/** The items failing a check, at most five of them. */
function violations<T>(items: Iterable<T>, isValid: (item: T) => boolean): T[] {
  const failing: T[] = [];
  for (const item of items) if (!isValid(item) && failing.push(item) >= 5) break;
  return failing;
}

function edgeLineIsValid(doc: Doc): boolean {
  for (const field of TIMING_FIELDS) {
    const value = doc[field];
    if (value !== undefined && (typeof value !== 'number' || !/^\d+(\.\d{1,3})?$/.test(JSON.stringify(value)))) return false;
  }
  if (typeof doc.status !== 'number' || typeof doc.app_name !== 'string' || !ISO_MS.test(doc['@timestamp'] as string)) return false;
  if (doc.upstream_addr === undefined && (doc.upstream_connect_time !== undefined || doc.upstream_response_time !== undefined)) return false;
  const rt = ms(doc.request_time)!;
  const connect = ms(doc.upstream_connect_time);
  const header = ms(doc.upstream_header_time);
  const response = ms(doc.upstream_response_time);
  if (response === null) return header === null;
  if (response < (connect ?? 0)) return false;
  if (header !== null && (header < (connect ?? 0) || header > response)) return false;
  return rt - response >= 0 && rt - response <= 2;
}

function ingressLineIsValid(doc: Doc): boolean {
  if (!TIMING_FIELDS.every((field) => NGINX_TIME_LIST.test(doc[field] as string))) return false;
  if (!/^\d+\.\d{3}$/.test(doc.request_time as string)) return false;
  if (typeof doc.status !== 'number' || 'app_name' in doc || !ISO_MS.test(doc['@timestamp'] as string)) return false;
  if (!/^prod-[a-z-]+-8080$/.test(doc.proxy_upstream_name as string)) return false;
  const addrs = parseNginxList(doc.upstream_addr);
  const connect = attemptsMs(doc.upstream_connect_time);
  const header = attemptsMs(doc.upstream_header_time);
  const response = attemptsMs(doc.upstream_response_time);
  if (parseNginxList(doc.upstream_status).length !== addrs.length) return false;
  if (addrs.length === 1 && addrs[0] === null) return response.length === 0 && ms(doc.upstream_connect_time) === null;
  if (response.length !== addrs.length) return false;
  for (let i = 0; i < response.length; i += 1) {
    const responseMs = response[i];
    if (responseMs === null || responseMs === undefined || responseMs < (connect[i] ?? 0)) return false;
    const headerMs = header[i];
    if (headerMs !== null && headerMs !== undefined && (headerMs < (connect[i] ?? 0) || headerMs > responseMs)) return false;
  }
  return ms(doc.request_time)! >= (ms(doc.upstream_response_time) ?? 0);
}

/** The ingress request lies inside the edge's upstream exchange, up to the ingress node's clock skew. */
function pairIsConsistent([edge, ingress]: [Doc, Doc]): boolean {
  const edgeEnd = Date.parse(edge['@timestamp'] as string);
  const edgeStart = edgeEnd - ms(edge.request_time)!;
  const ingressEnd = Date.parse(ingress['@timestamp'] as string);
  const ingressRt = ms(ingress.request_time)!;
  const edgeConnect = ms(edge.upstream_connect_time);
  if (edgeConnect === null) return false;
  if (ingressEnd - ingressRt < edgeStart + edgeConnect - SKEW_BOUND_MS || ingressEnd > edgeEnd + SKEW_BOUND_MS) return false;
  // edge upstream_response_time = edge connect + ingress request_time + a millisecond or two on the wire.
  const wire = ms(edge.upstream_response_time)! - edgeConnect - ingressRt;
  if (wire < 0 || wire > 2) return false;
  const nodeAddr = `10.20.0.1${(ingress['@source'] as string).slice(-1)}:80`;
  return edge.upstream_addr === nodeAddr && ingress.path === edge.path && ingress.status === edge.status;
}

function pairsOf(data: Sample): [Doc, Doc][] {
  const pairs: [Doc, Doc][] = [];
  for (const [traceId, edge] of data.edgeById) {
    const ingress = data.ingressById.get(traceId);
    if (ingress) pairs.push([edge, ingress]);
  }
  return pairs;
}

const incident = sample('incident', 6_000);
const healthy = sample('healthy', 3_000);
const slowApp = sample('slow-app', 3_000);

describe('generateIncident: determinism', () => {
  it('gives byte-identical lines for the same options', () => {
    const a = generateIncident({ traces: 2_000, seed: 5 });
    const b = generateIncident({ traces: 2_000, seed: 5 });
    expect(toLines(a.edge)).toEqual(toLines(b.edge));
    expect(toLines(a.ingress)).toEqual(toLines(b.ingress));
  });

  it('gives different lines for another seed', () => {
    const a = generateIncident({ traces: 500, seed: 5 });
    const b = generateIncident({ traces: 500, seed: 6 });
    expect(toLines(a.edge)).not.toEqual(toLines(b.edge));
  });

  it('rejects invalid options', () => {
    expect(() => generateIncident({ traces: 0 })).toThrow();
    expect(() => generateIncident({ hours: -1 })).toThrow();
  });
});

describe.each([
  ['incident', incident],
  ['healthy', healthy],
  ['slow-app', slowApp],
] as const)('generateIncident(%s): documents', (_name, data) => {
  it('writes edge timings as numbers with at most 3 decimals (or omits them) that nest like nginx', () => {
    expect(violations(data.edgeDocs, edgeLineIsValid)).toEqual([]);
  });

  it('writes ingress timings as nginx strings, "-" or comma lists, that nest like nginx; no app_name', () => {
    expect(violations(data.ingressDocs, ingressLineIsValid)).toEqual([]);
  });

  it('is accepted by the domain parser', () => {
    expect(violations(data.edgeDocs, (doc) => toTierDocument(doc, 'edge', DEFAULT_FIELD_NAMES).ok)).toEqual([]);
    expect(violations(data.ingressDocs, (doc) => toTierDocument(doc, 'ingress', DEFAULT_FIELD_NAMES).ok)).toEqual([]);
  });

  it('places each ingress request inside its edge upstream exchange, up to clock skew', () => {
    const pairs = pairsOf(data);
    expect(pairs.length).toBeGreaterThan(0.98 * data.edgeById.size);
    expect(violations(pairs, pairIsConsistent)).toEqual([]);
  });
});

describe('generateIncident: the incident', () => {
  const slow = [...incident.edgeById.values()].filter((edge) => ms(edge.request_time)! >= 1_000);
  const ingressConnectMs = (edge: Doc): number => ms(incident.ingressById.get(edge.trace_id as string)?.upstream_connect_time) ?? 0;
  const edgeConnectMs = (edge: Doc): number => ms(edge.upstream_connect_time) ?? 0;

  it('makes 5–10 % of requests take a second or more', () => {
    const share = slow.length / incident.edgeById.size;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.1);
  });

  it('puts about two thirds of slow requests on the ingress→app connect and one third on the edge→ingress connect', () => {
    const onIngressConnect = slow.filter((edge) => ingressConnectMs(edge) >= 1_000).length / slow.length;
    const onEdgeConnect = slow.filter((edge) => edgeConnectMs(edge) >= 1_000).length / slow.length;
    expect(onIngressConnect).toBeGreaterThan(0.55);
    expect(onIngressConnect).toBeLessThan(0.78);
    expect(onEdgeConnect).toBeGreaterThan(0.22);
    expect(onEdgeConnect).toBeLessThan(0.45);
    // Not every slow request is the network.
    expect(slow.some((edge) => ingressConnectMs(edge) < 1_000 && edgeConnectMs(edge) < 1_000)).toBe(true);
  });

  it('delays connects only through ingress-node-2, by one or three SYN timeouts', () => {
    const slowIngress = incident.ingressDocs.filter((doc) => attemptsMs(doc.upstream_connect_time).some((c) => (c ?? 0) >= 900));
    const slowEdge = incident.edgeDocs.filter((doc) => edgeConnectMs(doc) >= 900);
    expect(slowIngress.length).toBeGreaterThan(0);
    expect(slowEdge.length).toBeGreaterThan(0);
    expect(violations(slowIngress, (doc) => doc['@source'] === 'ingress-node-2')).toEqual([]);
    expect(violations(slowEdge, (doc) => doc.upstream_addr === '10.20.0.12:80')).toEqual([]);
    const connects = [...slowIngress.flatMap((doc) => attemptsMs(doc.upstream_connect_time)), ...slowEdge.map(edgeConnectMs)];
    const isSynTimeout = (c: number | null): boolean =>
      c === null || c < 900 || (c >= 1_001 && c <= 1_102) || (c >= 3_001 && c <= 3_102);
    expect(violations(connects, isSynTimeout)).toEqual([]);
    expect(connects.some((c) => (c ?? 0) >= 3_000)).toBe(true);
  });

  it('reuses keepalive connections with a zero connect time', () => {
    const edgeConnects = incident.edgeDocs.map((doc) => ms(doc.upstream_connect_time)).filter((c) => c !== null);
    const reusedOnEdge = edgeConnects.filter((c) => c === 0).length / edgeConnects.length;
    expect(reusedOnEdge).toBeGreaterThan(0.45);
    expect(reusedOnEdge).toBeLessThan(0.55);
    const ingressConnects = incident.ingressDocs.flatMap((doc) => attemptsMs(doc.upstream_connect_time));
    const newOnIngress = ingressConnects.filter((c) => c !== null && c > 0).length / ingressConnects.length;
    expect(newOnIngress).toBeGreaterThan(0.55);
    expect(newOnIngress).toBeLessThan(0.65);
  });

  it('carries the usual noise: 499s, retries, errors, lost and duplicated lines', () => {
    const edge499 = incident.edgeDocs.filter((doc) => doc.status === 499);
    expect(edge499.length / incident.edgeById.size).toBeGreaterThan(0.002);
    expect(edge499.length / incident.edgeById.size).toBeLessThan(0.01);
    expect(edge499.some((doc) => doc.upstream_addr === undefined)).toBe(true);
    expect(incident.ingressDocs.some((doc) => doc.status === 499 && doc.upstream_addr === '-')).toBe(true);
    const retries = incident.ingressDocs.filter((doc) => doc.upstream_status === '502, 200');
    expect(retries.length).toBeGreaterThan(0);
    expect(violations(retries, (doc) => new Set(parseNginxList(doc.upstream_addr)).size === 2)).toEqual([]);
    expect(incident.edgeDocs.some((doc) => (doc.status as number) >= 500)).toBe(true);

    const edgeOnly = [...incident.edgeById.keys()].filter((id) => !incident.ingressById.has(id)).length;
    const ingressOnly = [...incident.ingressById.keys()].filter((id) => !incident.edgeById.has(id)).length;
    expect(edgeOnly / incident.edgeById.size).toBeGreaterThan(0.002);
    expect(edgeOnly / incident.edgeById.size).toBeLessThan(0.012);
    expect(ingressOnly).toBeGreaterThan(0);
    expect(ingressOnly / incident.ingressById.size).toBeLessThan(0.006);
    const duplicates = incident.edgeDocs.length - incident.edgeById.size + incident.ingressDocs.length - incident.ingressById.size;
    expect(duplicates).toBeGreaterThan(0);
    expect(duplicates / (incident.edgeById.size + incident.ingressById.size)).toBeLessThan(0.003);
  });
});

describe('generateIncident: the control scenarios', () => {
  const connectsOf = (data: Sample): (number | null)[] => [
    ...data.edgeDocs.map((doc) => ms(doc.upstream_connect_time)),
    ...data.ingressDocs.flatMap((doc) => attemptsMs(doc.upstream_connect_time)),
  ];

  it('healthy: no connect anywhere takes near a second', () => {
    expect(violations(connectsOf(healthy), (c) => (c ?? 0) < 900)).toEqual([]);
  });

  it('slow-app: one path is slow in the app, spread over 0.8–2.5 s, with no slow connects', () => {
    expect(violations(connectsOf(slowApp), (c) => (c ?? 0) < 900)).toEqual([]);
    const appMs = slowApp.ingressDocs
      .filter((doc) => doc.path === '/app/v1/order/list' && doc.upstream_status === '200')
      .map((doc) => ms(doc.upstream_header_time)! - ms(doc.upstream_connect_time)!);
    expect(appMs.length).toBeGreaterThan(150);
    expect(Math.min(...appMs)).toBeGreaterThanOrEqual(800);
    expect(Math.max(...appMs)).toBeLessThanOrEqual(2_500);
    expect(appMs.filter((app) => app >= 1_000 && app < 1_100).length / appMs.length).toBeLessThan(0.2);
    expect(appMs.filter((app) => app >= 1_800).length / appMs.length).toBeGreaterThan(0.05);
    const slowRequests = [...slowApp.edgeById.values()].filter((doc) => ms(doc.request_time)! >= 1_000);
    const onSlowPath = slowRequests.filter((doc) => doc.path === '/app/v1/order/list').length;
    expect(onSlowPath / slowRequests.length).toBeGreaterThan(0.85);
  });
});
