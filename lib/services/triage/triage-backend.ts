import 'server-only';
import { openStore, runStatement, type LoadedStore } from '@/lib/backends/duckdb/connection';
import { createDuckdbTriage } from '@/lib/backends/duckdb/triage';
import type { TriageBackend } from '@/lib/backends/triage-types';
import type { LatencyBackend } from '@/lib/backends/types';
import { readServerConfig } from '@/lib/server/config';
import { AppError } from '@/lib/server/errors';

/** A process backend that carries its triage verbs, once they are wired into it. */
type WithTriage = LatencyBackend & { triage?: TriageBackend };

type InterimStore = { key: string; store: Promise<LoadedStore>; triage: TriageBackend };
const holder = globalThis as typeof globalThis & { hopscopeTriageStore?: InterimStore };

/**
 * The triage verbs of the process backend. When the backend carries `triage` (the intended
 * wiring: createDuckdbBackend passing its own `run` to createDuckdbTriage), that is used.
 *
 * Until then, for the embedded store only, an interim DuckDB store of the same files is opened
 * once per process: it doubles the memory of the loaded logs, which is acceptable for sample-sized
 * data and is removed as soon as the backend carries `triage` (see docs/TRIAGE.md).
 */
export async function getTriageBackend(backend: LatencyBackend): Promise<TriageBackend> {
  const wired = (backend as WithTriage).triage;
  if (wired) return wired;
  if (backend.kind !== 'duckdb') {
    throw new AppError('backend_error', `triage is not implemented for the ${backend.kind} backend yet`);
  }
  const config = readServerConfig();
  const key = JSON.stringify([config.duckdb, config.fields]);
  const current = holder.hopscopeTriageStore;
  if (current?.key === key) return current.triage;
  if (current) void current.store.then((loaded) => loaded.instance.closeSync()).catch(() => undefined);
  const store = openStore(config.duckdb, config.fields);
  store.catch(() => {
    if (holder.hopscopeTriageStore?.store === store) holder.hopscopeTriageStore = undefined;
  });
  const triage = createDuckdbTriage({
    run: async (statement, signal) => runStatement((await store).instance, statement, signal),
  });
  holder.hopscopeTriageStore = { key, store, triage };
  return triage;
}
