import 'server-only';
import { accessSync, constants, statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Tier } from '@/lib/domain/tiers';
import { AppError } from '@/lib/server/core/errors';

/** One file of a tier, and the host that wrote it when the configuration names one. */
export type LogSource = { path: string; host?: string; bytes: number; modifiedMs: number };

/** `ingress-node-2=/logs/n2/access.log`: a host name, then the path. A bare path has no host. */
const HOST_PREFIX = /^([A-Za-z0-9][A-Za-z0-9._-]*)=(.+)$/;

export function splitHostPrefix(entry: string): { pattern: string; host?: string } {
  const match = HOST_PREFIX.exec(entry);
  return match ? { host: match[1]!, pattern: match[2]! } : { pattern: entry };
}

const variableOf = (tier: Tier) => (tier === 'edge' ? 'HOPSCOPE_EDGE_FILES' : 'HOPSCOPE_INGRESS_FILES');

/**
 * The files of a tier's configured entries, globs expanded by DuckDB (the same expansion its
 * readers use), each checked to be readable now. A missing or unreadable file is a 503 naming it:
 * the store is unavailable until the file is there, and the next request tries again.
 */
export async function resolveLogSources(connection: DuckDBConnection, tier: Tier, entries: readonly string[]): Promise<LogSource[]> {
  const sources: LogSource[] = [];
  for (const entry of entries) {
    const { pattern, host } = splitHostPrefix(entry);
    const reader = await connection.runAndReadAll('SELECT file FROM glob($1) ORDER BY file', [pattern]);
    const files = reader.getRowObjects().map((row) => String(row.file));
    if (files.length === 0) {
      throw new AppError('backend_unavailable', `the ${tier} log file ${pattern} does not exist (${variableOf(tier)})`);
    }
    for (const file of files) {
      try {
        accessSync(file, constants.R_OK);
        const stats = statSync(file);
        sources.push({ path: file, bytes: stats.size, modifiedMs: Math.trunc(stats.mtimeMs), ...(host === undefined ? {} : { host }) });
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'is not readable by the server' : 'cannot be read';
        throw new AppError('backend_unavailable', `the ${tier} log file ${file} ${reason} (${variableOf(tier)})`, undefined, { cause: error });
      }
    }
  }
  return sources;
}
