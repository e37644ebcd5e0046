import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FreezePlan, FrozenWindow, LatencyBackend } from '@/lib/backends/types';
import type { BackendKind } from '@/lib/domain/api-responses';
import { isSnapshotId, snapshotUrl, type SnapshotDetail, type SnapshotSummary } from '@/lib/domain/snapshot';
import { AppError } from '@/lib/server/core/errors';

/**
 * Snapshots on disk (docs/ARCHITECTURE.md, "Snapshots"): one folder per snapshot, named by its id,
 * holding the frozen tables as Parquet files and `manifest.json`. A snapshot is written in a
 * temporary folder and renamed into place once complete, so a crash mid-write leaves no half
 * snapshot (only a temporary folder, removed by the next store that opens the directory).
 */

/**
 * Bumped when the files' layout changes; a snapshot of an older version must still open. 2: each
 * tier's field names (format 1 kept one set for both tiers).
 */
export const SNAPSHOT_FORMAT_VERSION = 2;
const MANIFEST = 'manifest.json';
const TEMPORARY_PREFIX = '.tmp-';

const tierRecord = <T extends z.ZodType>(value: T) => z.object({ edge: value, ingress: value });

const manifestSchema = z.object({
  formatVersion: z.number().int().min(1),
  id: z.string(),
  title: z.string(),
  note: z.string(),
  createdAt: z.string(),
  hopscopeVersion: z.string(),
  backend: z.enum(['duckdb', 'elasticsearch']),
  window: z.object({ fromMs: z.number(), toMs: z.number() }),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  frozen: z.object({
    traces: z.number(),
    rawTraces: z.number(),
    fields: z.union([
      tierRecord(z.record(z.string(), z.string())),
      z.record(z.string(), z.string()).transform((fields) => ({ edge: fields, ingress: fields })),
    ]),
    sourceAliases: tierRecord(z.record(z.string(), z.array(z.string()))).optional(),
    formats: tierRecord(z.object({ format: z.string(), envelope: z.string().optional(), repairedJson: z.literal(true).optional(), missing: z.record(z.string(), z.string()), unreadable: z.string() })),
    lineCounts: tierRecord(z.number()),
    unreadableLines: tierRecord(z.number()),
    sources: tierRecord(z.string()),
  }),
});
export type SnapshotManifest = Omit<z.infer<typeof manifestSchema>, 'frozen'> & { frozen: FrozenWindow };

export type NewSnapshot = {
  title: string;
  note: string;
  hopscopeVersion: string;
  window: { fromMs: number; toMs: number };
  query: Record<string, string | string[]>;
  rawTraces: number;
  slowMs: number;
};

export type Retention = { maxAgeMs: number | null; maxBytes: number | null };

const iso = (ms: number) => new Date(ms).toISOString();

/** 128 random bits: unguessable, and nothing but hex digits, so no id can name another path. */
export const newSnapshotId = (): string => randomBytes(16).toString('hex');

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return total;
}

export function toSummary(manifest: SnapshotManifest, sizeBytes: number): SnapshotSummary {
  return {
    id: manifest.id,
    url: snapshotUrl(manifest.id),
    title: manifest.title,
    note: manifest.note,
    createdAt: manifest.createdAt,
    window: { from: iso(manifest.window.fromMs), to: iso(manifest.window.toMs) },
    backend: manifest.backend,
    traces: manifest.frozen.traces,
    rawTraces: manifest.frozen.rawTraces,
    sizeBytes,
  };
}

export class SnapshotStore {
  constructor(readonly dir: string) {}

  /** The folder of an id, after checking its form: a malformed id is refused before any path is built. */
  folderOf(id: string): string {
    if (!isSnapshotId(id)) throw new AppError('invalid_parameter', 'snapshot: an id is 32 lowercase hex digits', 'snapshot');
    return path.join(this.dir, id);
  }

  /** Removes the temporary folders of writes that never finished (a crash, a killed server). */
  removeUnfinished(olderThanMs: number, nowMs = Date.now()): void {
    for (const name of this.names(true)) {
      if (!name.startsWith(TEMPORARY_PREFIX)) continue;
      const full = path.join(this.dir, name);
      if (nowMs - statSync(full).mtimeMs > olderThanMs) rmSync(full, { recursive: true, force: true });
    }
  }

  private names(withTemporary = false): string[] {
    try {
      return readdirSync(this.dir).filter((name) => isSnapshotId(name) || (withTemporary && name.startsWith(TEMPORARY_PREFIX)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** The manifest of a snapshot; 404 when there is none, 500 when it is unreadable or too new. */
  manifest(id: string): SnapshotManifest {
    const folder = this.folderOf(id);
    let text: string;
    try {
      text = readFileSync(path.join(folder, MANIFEST), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `no snapshot ${id}`);
      throw error;
    }
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new AppError('internal', `snapshot ${id} has an unreadable manifest`);
    if (parsed.data.formatVersion > SNAPSHOT_FORMAT_VERSION) {
      throw new AppError('config_error', `snapshot ${id} was written by a newer hopscope (format ${parsed.data.formatVersion}; this one reads up to ${SNAPSHOT_FORMAT_VERSION})`);
    }
    return parsed.data as SnapshotManifest;
  }

  detail(id: string): SnapshotDetail {
    const manifest = this.manifest(id);
    return {
      ...toSummary(manifest, folderBytes(this.folderOf(id))),
      query: manifest.query,
      sources: manifest.frozen.sources,
      hopscopeVersion: manifest.hopscopeVersion,
      formatVersion: manifest.formatVersion,
    };
  }

  /** Every readable snapshot, newest first; one that cannot be read is left out of the list, not fatal to it. */
  list(): SnapshotSummary[] {
    const summaries: SnapshotSummary[] = [];
    for (const id of this.names()) {
      try {
        summaries.push(toSummary(this.manifest(id), folderBytes(this.folderOf(id))));
      } catch {
        // A snapshot being deleted meanwhile, or written by a newer version: not listable here.
      }
    }
    return summaries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * Freezes a window of `live` into a new snapshot and returns its manifest. The files are written
   * in a temporary folder, the manifest last, and the folder renamed into place.
   */
  async create(live: LatencyBackend, snapshot: NewSnapshot, signal?: AbortSignal): Promise<SnapshotManifest> {
    mkdirSync(this.dir, { recursive: true });
    const id = newSnapshotId();
    const temporary = path.join(this.dir, `${TEMPORARY_PREFIX}${id}`);
    mkdirSync(temporary);
    try {
      const plan: FreezePlan = { ...snapshot.window, dir: temporary, rawTraces: snapshot.rawTraces, slowMs: snapshot.slowMs };
      const frozen = await live.freezeWindow(plan, { signal });
      const manifest: SnapshotManifest = {
        formatVersion: SNAPSHOT_FORMAT_VERSION,
        id,
        title: snapshot.title,
        note: snapshot.note,
        createdAt: new Date().toISOString(),
        hopscopeVersion: snapshot.hopscopeVersion,
        backend: live.kind as BackendKind,
        window: snapshot.window,
        query: snapshot.query,
        frozen,
      };
      writeFileSync(path.join(temporary, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
      renameSync(temporary, path.join(this.dir, id));
      return manifest;
    } catch (error) {
      rmSync(temporary, { recursive: true, force: true });
      throw error;
    }
  }

  /** Deletes a snapshot; 404 when there is none. The folder is renamed away first, so no reader sees it half removed. */
  remove(id: string): void {
    const folder = this.folderOf(id);
    const doomed = path.join(this.dir, `${TEMPORARY_PREFIX}deleted-${id}`);
    try {
      renameSync(folder, doomed);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `no snapshot ${id}`);
      throw error;
    }
    rmSync(doomed, { recursive: true, force: true });
  }

  /**
   * Applies the retention: snapshots older than the maximum age, then the oldest until the total
   * fits. `keep` (the snapshot just taken) is never removed. Returns the ids removed.
   */
  enforce(retention: Retention, nowMs = Date.now(), keep?: string): string[] {
    if (retention.maxAgeMs === null && retention.maxBytes === null) return [];
    const oldestFirst = this.list().reverse().filter((each) => each.id !== keep);
    const removed: string[] = [];
    let total = this.list().reduce((sum, each) => sum + each.sizeBytes, 0);
    for (const each of oldestFirst) {
      const tooOld = retention.maxAgeMs !== null && nowMs - Date.parse(each.createdAt) > retention.maxAgeMs;
      const tooBig = retention.maxBytes !== null && total > retention.maxBytes;
      if (!tooOld && !tooBig) continue;
      this.remove(each.id);
      removed.push(each.id);
      total -= each.sizeBytes;
    }
    return removed;
  }
}
