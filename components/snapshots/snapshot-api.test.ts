import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSnapshot, deleteSnapshot } from './snapshot-api';

const ID = '0123456789abcdef0123456789abcdef';
const BODY = { query: { from: '2020-11-19T01:00:00.000Z', to: '2020-11-19T02:00:00.000Z', filter: ['edge.host:a'] }, title: 'Incident', note: '' };

function answering(status: number, body: unknown) {
  const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('snapshot writes', () => {
  it('posts the body as JSON with the write header and hands back the answer', async () => {
    const fetchMock = answering(201, { id: ID, url: `/s/${ID}` });
    expect(await createSnapshot(BODY)).toEqual({ ok: true, data: { id: ID, url: `/s/${ID}` } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/snapshots');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ accept: 'application/json', 'x-requested-by': 'hopscope', 'content-type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual(BODY);
  });

  it('deletes with the write header and no body', async () => {
    const fetchMock = answering(200, { deleted: ID });
    expect(await deleteSnapshot(ID)).toEqual({ ok: true, data: { deleted: ID } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect([url, init.method, init.body]).toEqual([`/api/v1/snapshots/${ID}`, 'DELETE', undefined]);
    expect(init.headers).toEqual({ accept: 'application/json', 'x-requested-by': 'hopscope' });
  });

  it('gives the server\'s own error, or says the server did not answer', async () => {
    answering(403, { error: { code: 'forbidden', message: 'snapshots are switched off (HOPSCOPE_SNAPSHOTS=off)' } });
    expect(await createSnapshot(BODY)).toEqual({ ok: false, error: { code: 'forbidden', message: 'snapshots are switched off (HOPSCOPE_SNAPSHOTS=off)' } });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await deleteSnapshot(ID)).toEqual({ ok: false, error: { code: 'network', message: 'The hopscope server did not answer (Failed to fetch).' } });
  });
});
