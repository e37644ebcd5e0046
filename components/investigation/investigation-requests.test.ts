import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, withDrill, withQuery } from '@/lib/url-state';
import { traceExportUrl, tracesRequest } from './investigation-requests';

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
