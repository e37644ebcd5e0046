import { afterEach, describe, expect, it } from 'vitest';
import { EDGE_DOCS, INGRESS_DOCS } from '@/lib/backends/contract/fixture';
import type { TierFormat } from '@/lib/backends/types';
import { writeTierLineFiles } from '@/test-support/line-files';
import { openLineFilesStore, runStatement, type LoadedStore } from './connection';
import type { TraceIdHash } from './sql/build-lines-store';

/**
 * How a store of line files keys its lines (its answers are the backend contract's:
 * line-files.contract.test.ts runs it on both keyings).
 */
const FORMAT: TierFormat = { format: 'json', missing: {}, unreadable: 'not a JSON object' };
const TWO_KEYS: TraceIdHash = (traceId) => `hash(${traceId}) % 2`;

describe('a store of line files', () => {
  let store: LoadedStore | null = null;
  afterEach(() => {
    store?.close();
    store = null;
  });

  const open = async (traceIdHash?: TraceIdHash) => {
    const files = await writeTierLineFiles({ edge: EDGE_DOCS, ingress: INGRESS_DOCS });
    store = await openLineFilesStore(files, traceIdHash ? { traceIdHash } : {}, { formats: { edge: FORMAT, ingress: FORMAT } });
    return store;
  };
  const relations = async (opened: LoadedStore) =>
    Object.fromEntries(
      (await runStatement(opened.instance, { sql: "SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN ('edge_docs', 'ingress_docs', 'trace_keys')", params: {} })).map(
        (row) => [row.table_name, row.table_type],
      ),
    );
  const keys = async (opened: LoadedStore) =>
    runStatement(opened.instance, { sql: 'SELECT count(DISTINCT trace_id) AS ids, count(DISTINCT trace_key) AS keys FROM trace_keys', params: {} });

  it('keys lines by their hashed trace ids, with no table of ids', async () => {
    const opened = await open();
    expect(await relations(opened)).toEqual({ edge_docs: 'BASE TABLE', ingress_docs: 'BASE TABLE', trace_keys: 'VIEW' });
    const [counted] = await keys(opened);
    expect(counted?.ids).toBeGreaterThan(2);
    expect(counted?.keys).toBe(counted?.ids);
  });

  it('numbers the ids in a table instead when two of them share a hash', async () => {
    const opened = await open(TWO_KEYS);
    expect(await relations(opened)).toEqual({ edge_docs: 'BASE TABLE', ingress_docs: 'BASE TABLE', trace_keys: 'BASE TABLE' });
    const [counted] = await keys(opened);
    expect(counted?.keys).toBe(counted?.ids);
  });
});
