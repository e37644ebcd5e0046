import { describe, expect, it } from 'vitest';
import { createSnapshotBodySchema } from '@/lib/domain/snapshot';
import { DEFAULT_STATE, withDrill, withQuery } from '@/lib/url-state';
import {
  defaultSnapshotTitle,
  formatMegabytes,
  frozenSourceText,
  rawTracesText,
  toAbsoluteSnapshotUrl,
  toCreateSnapshotBody,
  toLiveHref,
} from './snapshot-model';

const ID = '0123456789abcdef0123456789abcdef';
const RESOLVED = { from: '2026-12-06T09:12:00.000Z', to: '2026-12-06T10:12:00.000Z' };

describe('defaultSnapshotTitle', () => {
  it('names the window in UTC minutes, the date once when the window stays in one day', () => {
    expect(defaultSnapshotTitle(RESOLVED)).toBe('Incident 2026-12-06 09:12–10:12 UTC');
    expect(defaultSnapshotTitle({ from: '2026-12-06T23:30:00+08:00', to: '2026-12-07T01:00:00+08:00' })).toBe('Incident 2026-12-06 15:30–17:00 UTC');
    expect(defaultSnapshotTitle({ from: '2026-12-06T23:30:00Z', to: '2026-12-07T00:30:00Z' })).toBe('Incident 2026-12-06 23:30–2026-12-07 00:30 UTC');
  });
});

describe('toCreateSnapshotBody', () => {
  it('pins a relative window, keeps the filters as a list and leaves view state out', () => {
    const state = withDrill(withQuery(DEFAULT_STATE, { from: 'now-1h', app: 'shop', filter: ['ingress.host:n2', '-edge.status:499'] }), {
      histogram: 'ingress',
      fromMs: 1000,
      toMs: 1100,
    });
    const body = toCreateSnapshotBody({ ...state, timeZone: 'utc' }, RESOLVED, '  Incident  ', ' slow node ');
    expect(body).toEqual({
      query: { from: RESOLVED.from, to: RESOLVED.to, app: 'shop', filter: ['ingress.host:n2', '-edge.status:499'] },
      title: 'Incident',
      note: 'slow node',
    });
    // What the server validates it with.
    expect(createSnapshotBodySchema.parse(body)).toEqual(body);
  });

  it('keeps an absolute window as written and never sends a snapshot id', () => {
    const state = withQuery(DEFAULT_STATE, { snapshot: ID, from: '2026-12-06T17:12:00+08:00', to: '2026-12-06T18:12:00+08:00' });
    expect(toCreateSnapshotBody(state, RESOLVED, 't', '').query).toEqual({ from: '2026-12-06T17:12:00+08:00', to: '2026-12-06T18:12:00+08:00' });
  });
});

describe('links', () => {
  it('makes the shared link absolute on the page\'s origin', () => {
    expect(toAbsoluteSnapshotUrl('http://hopscope.internal:3000', `/s/${ID}`)).toBe(`http://hopscope.internal:3000/s/${ID}`);
  });

  it('opens the live view: the same page and parameters without the snapshot', () => {
    expect(toLiveHref('/', `?snapshot=${ID}&from=a&filter=x&filter=y&tz=utc`)).toBe('/?from=a&filter=x&filter=y&tz=utc');
    expect(toLiveHref('/traces/t%3A1', `?snapshot=${ID}`)).toBe('/traces/t%3A1');
    expect(toLiveHref('/triage', 'slow=2')).toBe('/triage?slow=2');
  });
});

describe('banner and list texts', () => {
  it('says where the lines were read', () => {
    expect(frozenSourceText({ backend: 'elasticsearch', sources: { edge: 'edge-*', ingress: 'ingress-*' } })).toBe('Elasticsearch (edge-*, ingress-*)');
    expect(frozenSourceText({ backend: 'duckdb', sources: { edge: '/logs/edge.ndjson', ingress: '/logs/ingress.ndjson' } })).toBe(
      'the embedded store (/logs/edge.ndjson, /logs/ingress.ndjson)',
    );
  });

  it('says how many traces keep their raw lines', () => {
    expect(rawTracesText({ traces: 412_000, rawTraces: 20_000 })).toBe(
      '20,000 of 412,000 traces keep their raw lines; the others show their normalized fields only',
    );
    expect(rawTracesText({ traces: 412, rawTraces: 412 })).toBe('All 412 traces keep their raw lines');
    expect(rawTracesText({ traces: 1, rawTraces: 0 })).toBe('The one trace keeps only its normalized fields');
    expect(rawTracesText({ traces: 0, rawTraces: 0 })).toBe('No traces in this window');
  });

  it('gives sizes in decimal megabytes', () => {
    expect(formatMegabytes(12_345_678)).toBe('12.3 MB');
    expect(formatMegabytes(100_000)).toBe('0.1 MB');
    expect(formatMegabytes(99_999)).toBe('< 0.1 MB');
  });
});
