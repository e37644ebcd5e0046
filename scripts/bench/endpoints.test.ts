import { describe, expect, it } from 'vitest';
import { ENDPOINTS, investigationPath, learnFromTracesPage, slowTracesPagePath, type EndpointContext } from './endpoints';

const window = { from: '2020-11-19T02:00:00.075Z', to: '2020-11-19T05:59:59.919Z' };
const context = (): EndpointContext => ({ window, cursor: null, traceId: null });
const endpoint = (id: string) => {
  const found = ENDPOINTS.find((spec) => spec.id === id);
  if (!found) throw new Error(`no endpoint ${id}`);
  return found;
};

describe('ENDPOINTS', () => {
  it('have unique ids', () => {
    expect(new Set(ENDPOINTS.map((spec) => spec.id)).size).toBe(ENDPOINTS.length);
  });

  it('put the window on every windowed request', () => {
    expect(endpoint('histograms').path(context())).toBe(
      '/api/v1/histograms?from=2020-11-19T02%3A00%3A00.075Z&to=2020-11-19T05%3A59%3A59.919Z',
    );
    expect(endpoint('histograms-slow').path(context())).toMatch(/&latencyMin=1$/);
    expect(endpoint('timeline-ingress').path(context())).toMatch(/\/api\/v1\/connect-timeline\?from=.*&tier=ingress$/);
    expect(endpoint('triage-connection-reuse').path(context())).toMatch(/^\/api\/v1\/triage\/connection-reuse\?from=/);
  });

  it('ask for drill-down pages of the page size the UI uses', () => {
    expect(endpoint('traces-gap').path(context())).toMatch(/histogram=edgeMinusIngress&fromMs=1000&toMs=1100&limit=100$/);
  });

  it('skip the second page and the trace until an answer provided a cursor and a trace id', () => {
    expect(endpoint('traces-edge-page2').path(context())).toBeNull();
    expect(endpoint('trace').path(context())).toBeNull();
    const learned = { ...context(), cursor: 'eyJ0IjoxfQ', traceId: 'a:b:0:1' };
    expect(endpoint('traces-edge-page2').path(learned)).toMatch(/&limit=100&cursor=eyJ0IjoxfQ$/);
    expect(endpoint('trace').path(learned)).toBe('/api/v1/traces/a%3Ab%3A0%3A1');
  });

  it('measure the first page before the pages and the trace that depend on it', () => {
    const order = ENDPOINTS.map((spec) => spec.id);
    expect(order.indexOf('traces-edge')).toBeLessThan(order.indexOf('traces-edge-page2'));
    expect(order.indexOf('traces-edge')).toBeLessThan(order.indexOf('trace'));
  });
});

describe('learnFromTracesPage', () => {
  it('keeps the cursor and the first trace seen by both tiers', () => {
    const learned = context();
    learnFromTracesPage(
      { traces: [{ traceId: 'edge-only', ingress: null }, { traceId: 'joined', ingress: { requestTimeMs: 1 } }], nextCursor: 'c1' },
      learned,
    );
    expect(learned).toMatchObject({ cursor: 'c1', traceId: 'joined' });
  });

  it('leaves the context alone for an error body', () => {
    const learned = context();
    learnFromTracesPage({ error: { code: 'backend_error' } }, learned);
    expect(learned).toMatchObject({ cursor: null, traceId: null });
  });
});

describe('investigationPath and slowTracesPagePath', () => {
  it('open the page on the window', () => {
    expect(investigationPath(window)).toBe('/?from=2020-11-19T02%3A00%3A00.075Z&to=2020-11-19T05%3A59%3A59.919Z');
  });

  it('list the slow traces from 1000 ms up, with the cursor when given', () => {
    expect(slowTracesPagePath(window, 500, null)).toMatch(/histogram=edge&fromMs=1000&limit=500$/);
    expect(slowTracesPagePath(window, 500, 'abc')).toMatch(/&limit=500&cursor=abc$/);
  });
});
