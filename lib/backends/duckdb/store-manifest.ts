import 'server-only';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TierFieldNames } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import type { TierFormat } from './load-tier';
import type { LogSource } from './log-sources';

/**
 * What a persistent store (HOPSCOPE_DUCKDB_PATH) was loaded from, written last in the load so a
 * load cut short leaves none: a restart whose inputs are the same (files by path, size and
 * modification time, the field names, the formats, this layout's version) reuses the tables.
 */

/** Bumped whenever the tables' layout or the normalization changes: an older store is then reloaded. */
export const STORE_LAYOUT_VERSION = 4;
const MANIFEST_TABLE = 'hopscope_store';

export type StoreInputs = {
  layoutVersion: number;
  fields: TierFieldNames;
  formats: Record<Tier, string | null>;
  files: Record<Tier, { path: string; host: string | null; bytes: number; modifiedMs: number }[]>;
};

/** What the load found, kept so a reuse answers health and counts as the load did. */
export type StoreSummary = {
  formats: Record<Tier, TierFormat>;
  lineCounts: Record<Tier, number>;
  unreadableLines: Record<Tier, number>;
  loadMs: number;
  loadedAt: string;
};

/** Why the store was loaded or reused, for the health endpoint. */
export type StoreOrigin =
  | { kind: 'temporary' }
  | { kind: 'reused'; path: string; loadedAt: string }
  | { kind: 'loaded'; path: string; reason: string }
  /** A snapshot's frozen window, read from its folder. */
  | { kind: 'snapshot'; path: string };

export function toStoreInputs(
  fields: TierFieldNames,
  formats: Record<Tier, string | undefined>,
  sources: Record<Tier, readonly LogSource[]>,
): StoreInputs {
  const files = (tier: Tier) =>
    sources[tier].map((source) => ({ path: source.path, host: source.host ?? null, bytes: source.bytes, modifiedMs: source.modifiedMs }));
  return {
    layoutVersion: STORE_LAYOUT_VERSION,
    fields,
    formats: { edge: formats.edge ?? null, ingress: formats.ingress ?? null },
    files: { edge: files('edge'), ingress: files('ingress') },
  };
}

/** The stored manifest, or null when the database has none (new, from an older hopscope, or a load cut short). */
export async function readManifest(connection: DuckDBConnection): Promise<{ inputs: StoreInputs; summary: StoreSummary } | null> {
  try {
    const reader = await connection.runAndReadAll(`SELECT inputs, summary FROM ${MANIFEST_TABLE}`);
    const row = reader.getRowObjects()[0];
    if (!row) return null;
    return { inputs: JSON.parse(String(row.inputs)) as StoreInputs, summary: JSON.parse(String(row.summary)) as StoreSummary };
  } catch {
    return null;
  }
}

export async function dropManifest(connection: DuckDBConnection): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS ${MANIFEST_TABLE}`);
}

export async function writeManifest(connection: DuckDBConnection, inputs: StoreInputs, summary: StoreSummary): Promise<void> {
  await connection.run(`CREATE OR REPLACE TABLE ${MANIFEST_TABLE} AS SELECT $inputs AS inputs, $summary AS summary`, {
    inputs: JSON.stringify(inputs),
    summary: JSON.stringify(summary),
  });
  await connection.run('CHECKPOINT');
}

/**
 * Why stored inputs differ from the current ones, in words for the health endpoint ("ingress:
 * /logs/n2.log changed"), or null when they are the same.
 */
export function describeInputChange(stored: StoreInputs, current: StoreInputs): string | null {
  if (stored.layoutVersion !== current.layoutVersion) return 'the store was written by another version of hopscope';
  if (JSON.stringify(stored.fields) !== JSON.stringify(current.fields)) return "the field names (HOPSCOPE_FIELDS, a preset or a tier's own) changed";
  const changes: string[] = [];
  for (const tier of ['edge', 'ingress'] as const) {
    if (stored.formats[tier] !== current.formats[tier]) changes.push(`${tier}: the format setting changed`);
    const before = new Map(stored.files[tier].map((file) => [file.path, file]));
    const after = new Map(current.files[tier].map((file) => [file.path, file]));
    for (const [file, now] of after) {
      const then = before.get(file);
      if (!then) changes.push(`${tier}: ${file} is new`);
      else if (then.bytes !== now.bytes || then.modifiedMs !== now.modifiedMs || then.host !== now.host) changes.push(`${tier}: ${file} changed`);
    }
    for (const file of before.keys()) if (!after.has(file)) changes.push(`${tier}: ${file} is no longer configured`);
  }
  return changes.length === 0 ? null : changes.join('; ');
}
