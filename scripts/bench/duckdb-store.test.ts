import { describe, expect, it } from 'vitest';
import { storeFilesOf, storeOriginOf, storePathFor } from './duckdb-store';

describe('the embedded store file of a run', () => {
  it('lives in the data directory, one per size, with its log and spill folder beside it', () => {
    expect(storePathFor('/data', 20_000)).toBe('/data/store-20000.duckdb');
    expect(storeFilesOf('/data/store-20000.duckdb')).toEqual(['/data/store-20000.duckdb', '/data/store-20000.duckdb.wal', '/data/store-20000.duckdb.tmp']);
  });
});

describe('storeOriginOf', () => {
  it('reads how health says the store was opened', () => {
    expect(storeOriginOf({ details: { store: { kind: 'reused', path: '/x', loadedAt: '2026-01-02T03:04:05.000Z' } } })).toEqual({
      kind: 'reused',
      text: 'health: store reused (loaded at 2026-01-02T03:04:05.000Z)',
    });
    expect(storeOriginOf({ details: { store: { kind: 'loaded', path: '/x', reason: 'edge: /e.ndjson changed' } } })).toEqual({
      kind: 'loaded',
      text: 'health: store loaded (edge: /e.ndjson changed)',
    });
    expect(storeOriginOf({ details: { store: { kind: 'temporary' } } }).kind).toBe('temporary');
  });

  it('says so when the answer has no store', () => {
    expect(storeOriginOf({ ok: false, details: {} })).toEqual({ kind: null, text: 'health: no details.store in the answer' });
    expect(storeOriginOf(null).kind).toBeNull();
  });
});
