import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, withDrill, withQuery } from '@/lib/url-state';
import { dataExtentUrl, investigationRequests, suggestionsUrl, traceExportUrl, tracesRequest } from './investigation-requests';

const DRILLED = withDrill(withQuery(DEFAULT_STATE, { from: 'now-1h', to: 'now', app: 'shop', filter: ['ingress.host:n2'] }), {
  histogram: 'ingress',
  fromMs: 1000,
  toMs: 1100,
});
const RESOLVED = { from: '2020-11-19T01:00:00.000Z', to: '2020-11-19T02:00:00.000Z' };

describe('traceExportUrl', () => {
  it('asks for the open selection under the same query as its page, without a page size or cursor', () => {
    const exported = new URL(traceExportUrl(DRILLED, 'csv', null)!, 'http://localhost');
    const listed = new URL(tracesRequest({ ...DRILLED, cursor: 'abc' })!.url, 'http://localhost');
    expect(exported.pathname).toBe('/api/v1/traces/export');
    expect(exported.searchParams.get('format')).toBe('csv');
    listed.searchParams.delete('limit');
    listed.searchParams.delete('cursor');
    exported.searchParams.delete('format');
    expect(exported.searchParams.toString()).toBe(listed.searchParams.toString());
  });

  it('pins a relative range to the window the page was answered for', () => {
    const params = new URL(traceExportUrl(DRILLED, 'ndjson', RESOLVED)!, 'http://localhost').searchParams;
    expect([params.get('from'), params.get('to'), params.get('format')]).toEqual([RESOLVED.from, RESOLVED.to, 'ndjson']);
    expect(params.getAll('filter')).toEqual(['ingress.host:n2']);
  });

  it('leaves the open ends of the underflow and overflow bars out, and is null without a selection', () => {
    const underflow = withDrill(DEFAULT_STATE, { histogram: 'edgeMinusIngress', fromMs: null, toMs: 0 });
    expect(traceExportUrl(underflow, 'csv', null)).toBe('/api/v1/traces/export?histogram=edgeMinusIngress&toMs=0&format=csv');
    expect(traceExportUrl(DEFAULT_STATE, 'csv', null)).toBeNull();
  });
});

describe('requests inside a snapshot', () => {
  const ID = '0123456789abcdef0123456789abcdef';
  const state = withQuery(DRILLED, { snapshot: ID });

  it('every API URL names the snapshot; no service parameter does (it chooses the backend)', () => {
    const requests = Object.values(investigationRequests(state)).filter((request) => request !== null);
    expect(requests).toHaveLength(7);
    for (const request of requests) {
      expect(new URL(request.url, 'http://localhost').searchParams.get('snapshot')).toBe(ID);
      expect(request.params).not.toHaveProperty('snapshot');
      expect(request.params.app).toBe('shop');
      expect(request.params.filter).toEqual(['ingress.host:n2']);
    }
    expect(new URL(traceExportUrl(state, 'csv', RESOLVED)!, 'http://localhost').searchParams.get('snapshot')).toBe(ID);
    expect(new URL(suggestionsUrl(state.query, 'app', 'sh'), 'http://localhost').searchParams.get('snapshot')).toBe(ID);
  });
});

describe('service parameters', () => {
  it('hands the service every filter of the URL, as a list', () => {
    const state = withQuery(DEFAULT_STATE, { from: 'now-1h', filter: ['ingress.host:n2', '-edge.status:499'] });
    const { histograms } = investigationRequests(state);
    expect(histograms.params).toEqual({ from: 'now-1h', filter: ['ingress.host:n2', '-edge.status:499'] });
    expect(new URL(histograms.url, 'http://localhost').searchParams.getAll('filter')).toEqual(['ingress.host:n2', '-edge.status:499']);
  });
});

describe('dataExtentUrl', () => {
  it("asks the live store's extent, or the snapshot's", () => {
    expect(dataExtentUrl(undefined)).toBe('/api/v1/extent');
    expect(dataExtentUrl('a'.repeat(32))).toBe(`/api/v1/extent?snapshot=${'a'.repeat(32)}`);
  });
});
