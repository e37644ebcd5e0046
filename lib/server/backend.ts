import 'server-only';
import { createDuckdbBackend } from '@/lib/backends/duckdb';
import type { LatencyBackend } from '@/lib/backends/types';
import { withSharedCalls } from '@/lib/backends/with-shared-calls';
import { readServerConfig } from './core/config';
import { getSnapshotRegistry } from './snapshots/registry';
import { createLoadProgressLog } from './load-progress-log';

/**
 * The process's backend, chosen by HOPSCOPE_BACKEND and created on first use. Kept on globalThis
 * so Next.js's dev-mode module reloading does not load the embedded store twice.
 */
const holder = globalThis as typeof globalThis & { hopscopeBackend?: Promise<LatencyBackend> };

async function createStoreBackend(): Promise<LatencyBackend> {
  const config = readServerConfig();
  if (config.backend === 'elasticsearch' && config.elasticsearch) {
    const { createElasticsearchBackend } = await import('@/lib/backends/elasticsearch');
    return createElasticsearchBackend({ ...config.elasticsearch, fields: config.fields });
  }
  return createDuckdbBackend({ ...config.duckdb, fields: config.fields, onLoadProgress: createLoadProgressLog() });
}

/** Identical calls in flight at once (a reload, a shared permalink) ask the store once. */
async function createBackend(): Promise<LatencyBackend> {
  return withSharedCalls(await createStoreBackend());
}

export function getBackend(): Promise<LatencyBackend> {
  holder.hopscopeBackend ??= createBackend().catch((error: unknown) => {
    holder.hopscopeBackend = undefined;
    throw error;
  });
  return holder.hopscopeBackend;
}

/** The live backend when `snapshotId` is undefined, the snapshot's frozen window otherwise. */
export function getBackendFor(snapshotId: string | undefined): Promise<LatencyBackend> {
  // An empty id is a malformed one (refused by the registry), not a request for live data.
  return snapshotId === undefined ? getBackend() : getSnapshotRegistry().backend(snapshotId);
}
