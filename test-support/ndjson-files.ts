import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type TierFiles = { edgeFile: string; ingressFile: string };

/** Writes both tiers' documents as NDJSON into a fresh temporary folder, as the embedded store reads them. */
export function writeTierFiles(edge: readonly object[], ingress: readonly object[]): TierFiles {
  const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-test-'));
  const toNdjson = (docs: readonly object[]) => docs.map((doc) => JSON.stringify(doc)).join('\n') + '\n';
  const files = { edgeFile: path.join(dir, 'edge.ndjson'), ingressFile: path.join(dir, 'ingress.ndjson') };
  writeFileSync(files.edgeFile, toNdjson(edge));
  writeFileSync(files.ingressFile, toNdjson(ingress));
  return files;
}

/** Points the process backend (lib/server/backend.ts) at these files on the embedded store. */
export function useTierFilesAsProcessBackend(files: TierFiles): void {
  process.env.HOPSCOPE_BACKEND = 'duckdb';
  process.env.HOPSCOPE_EDGE_FILES = files.edgeFile;
  process.env.HOPSCOPE_INGRESS_FILES = files.ingressFile;
  delete (globalThis as { hopscopeBackend?: unknown }).hopscopeBackend;
}
