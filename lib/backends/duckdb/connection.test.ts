import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { openStore, runStatement } from './connection';

describe('openStore', () => {
  it('removes the temporary store folders of servers that died, not those of live ones', async () => {
    // Above the kernel's largest pid (2^22), so no process has it.
    const abandoned = path.join(os.tmpdir(), 'hopscope-store-9999999-abandoned');
    const live = path.join(os.tmpdir(), `hopscope-store-${process.ppid}-live`);
    mkdirSync(abandoned, { recursive: true });
    mkdirSync(live, { recursive: true });
    const { edgeFile, ingressFile } = writeTierFiles([{ '@timestamp': '2020-11-19T02:00:00Z', trace_id: 'a', request_time: 0.1 }], []);
    const store = await openStore({ edgeFiles: [edgeFile], ingressFiles: [ingressFile] }, sameInBothTiers(DEFAULT_FIELD_NAMES));
    try {
      expect(store.lineCounts).toEqual({ edge: 1, ingress: 0 });
      expect(existsSync(abandoned)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      store.close();
      rmSync(live, { recursive: true, force: true });
    }
  });
});

describe('openStore with a database file (HOPSCOPE_DUCKDB_PATH)', () => {
  const line = (traceId: string, requestTime: number) => ({ '@timestamp': '2020-11-19T02:00:00Z', trace_id: traceId, request_time: requestTime });

  it('reuses the loaded tables when the files are unchanged, and reloads when one changed, saying which', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hopscope-persist-'));
    const databasePath = path.join(dir, 'store.duckdb');
    const { edgeFile, ingressFile } = writeTierFiles([line('a', 0.1), line('b', 0.2)], [line('a', 0.05)]);
    const config = { edgeFiles: [edgeFile], ingressFiles: [ingressFile], databasePath };
    try {
      const first = await openStore(config, sameInBothTiers(DEFAULT_FIELD_NAMES));
      expect(first.origin).toEqual({ kind: 'loaded', path: databasePath, reason: 'no earlier load in this file' });
      first.close();

      const second = await openStore(config, sameInBothTiers(DEFAULT_FIELD_NAMES));
      expect(second.origin).toMatchObject({ kind: 'reused', path: databasePath });
      expect(second.lineCounts).toEqual({ edge: 2, ingress: 1 });
      const [row] = await runStatement(second.instance, { sql: 'SELECT count(*) AS n FROM traces', params: {} });
      expect(Number(row?.n)).toBe(2);
      second.close();

      appendFileSync(edgeFile, `${JSON.stringify(line('c', 0.3))}\n`);
      const third = await openStore(config, sameInBothTiers(DEFAULT_FIELD_NAMES));
      expect(third.origin).toEqual({ kind: 'loaded', path: databasePath, reason: `edge: ${edgeFile} changed` });
      expect(third.lineCounts).toEqual({ edge: 3, ingress: 1 });
      third.close();

      const renamed = await openStore(config, sameInBothTiers({ ...DEFAULT_FIELD_NAMES, requestTime: 'rt' }));
      expect(renamed.origin).toEqual({ kind: 'loaded', path: databasePath, reason: "the field names (HOPSCOPE_FIELDS, a preset or a tier's own) changed" });
      renamed.close();

      // One tier's own names changing reloads as well.
      const renamedIngress = await openStore(config, { edge: { ...DEFAULT_FIELD_NAMES, requestTime: 'rt' }, ingress: DEFAULT_FIELD_NAMES });
      expect(renamedIngress.origin).toEqual({ kind: 'loaded', path: databasePath, reason: "the field names (HOPSCOPE_FIELDS, a preset or a tier's own) changed" });
      renamedIngress.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
