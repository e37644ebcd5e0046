import { rmSync } from 'node:fs';
import path from 'node:path';
import { onCleanup } from './cleanup';

/**
 * The embedded store's database file (HOPSCOPE_DUCKDB_PATH) of one run: the first start loads the
 * files into it, the restart must reuse it. It can be as large as the dataset, so it is removed
 * once the run is measured, or on Ctrl-C, unless --keep-store asks to keep it.
 */

/** What DuckDB and hopscope write for a database file: the file, its write-ahead log, its spill folder. */
export function storeFilesOf(databasePath: string): string[] {
  return [databasePath, `${databasePath}.wal`, `${databasePath}.tmp`];
}

/** One size's database file under the data directory. */
export function storePathFor(dataDir: string, traces: number): string {
  return path.join(dataDir, `store-${traces}.duckdb`);
}

const removeAll = (databasePath: string) => {
  for (const file of storeFilesOf(databasePath)) rmSync(file, { recursive: true, force: true });
};

/**
 * A fresh database file for a run (an earlier run's is removed first, so the first start measures
 * a real load) and the step that removes it; with `keep`, the step only says where it is.
 */
export function freshStore(dataDir: string, traces: number, keep: boolean): { path: string; done: () => Promise<void> } {
  const databasePath = storePathFor(dataDir, traces);
  removeAll(databasePath);
  if (keep) return { path: databasePath, done: async () => console.log(`bench: kept the embedded store ${databasePath} (--keep-store)`) };
  const done = onCleanup({ name: `embedded store ${databasePath}`, run: async () => removeAll(databasePath), runSync: () => removeAll(databasePath) });
  return { path: databasePath, done };
}

type StoreOriginBody = { details?: { store?: { kind?: unknown; loadedAt?: unknown; reason?: unknown; path?: unknown } } };

/** How the health answer says the store was opened (details.store), as its kind and in words. */
export function storeOriginOf(healthBody: unknown): { kind: string | null; text: string } {
  const store = (healthBody as StoreOriginBody | null)?.details?.store;
  const kind = typeof store?.kind === 'string' ? store.kind : null;
  switch (kind) {
    case 'reused':
      return { kind, text: `health: store reused${typeof store?.loadedAt === 'string' ? ` (loaded at ${store.loadedAt})` : ''}` };
    case 'loaded':
      return { kind, text: `health: store loaded${typeof store?.reason === 'string' ? ` (${store.reason})` : ''}` };
    case 'temporary':
      return { kind, text: 'health: temporary store (HOPSCOPE_DUCKDB_PATH not seen by the server)' };
    default:
      return { kind, text: kind === null ? 'health: no details.store in the answer' : `health: store ${kind}` };
  }
}
