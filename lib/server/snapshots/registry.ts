import 'server-only';
import path from 'node:path';
import { createSnapshotBackend } from '@/lib/backends/duckdb';
import { SnapshotStore } from '@/lib/backends/snapshots/snapshot-store';
import type { LatencyBackend } from '@/lib/backends/types';
import { KeptAnswers } from '@/lib/backends/kept-answers';
import { withSharedCalls } from '@/lib/backends/with-shared-calls';
import { DEFAULT_SLOW_MS, publicQuerySchema, resolveQuery } from '@/lib/domain/query';
import type { CreateSnapshotBody, CreateSnapshotResponse, SnapshotDetail, SnapshotSummary } from '@/lib/domain/snapshot';
import { readHopscopeVersion, readServerConfig, type SnapshotConfig } from '@/lib/server/core/config';
import { AppError } from '@/lib/server/core/errors';

/** Beside a snapshot's files: the answers of its own view, computed when it was taken (KeptAnswers). */
const ANSWERS_FILE = 'answers.json';
/** Snapshots open at once; the least recently used one is closed beyond this (each holds a DuckDB database). */
const OPEN_SNAPSHOTS = 3;
/** A temporary folder this old is a write that never finished (a snapshot takes seconds to minutes). */
const UNFINISHED_AFTER_MS = 6 * 3_600_000;

export type SnapshotRegistry = {
  readonly enabled: boolean;
  list(): Promise<SnapshotSummary[]>;
  /** Throws AppError invalid_parameter for a malformed id, not_found for an unknown one. */
  detail(id: string): Promise<SnapshotDetail>;
  create(live: LatencyBackend, body: CreateSnapshotBody, signal?: AbortSignal): Promise<CreateSnapshotResponse>;
  remove(id: string): Promise<void>;
  /** The frozen window as a backend (the embedded engine over the snapshot's tables). */
  backend(id: string): Promise<LatencyBackend>;
  /** Saves the answers a snapshot has computed so far beside its files (after it is taken and warmed). */
  saveAnswers(id: string): Promise<void>;
};

/**
 * A snapshot's window and the query it was taken with, the window pinned to absolute instants:
 * the body's query is validated like any request's, and must name its window.
 */
function toWindow(query: CreateSnapshotBody['query'], nowMs: number) {
  const parsed = publicQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid_parameter', `query.${String(issue?.path[0] ?? '')}: ${issue?.message}`, 'query');
  }
  if (parsed.data.from === undefined || parsed.data.to === undefined) throw new AppError('invalid_parameter', 'query: a snapshot needs its window: from and to', 'query');
  const resolved = resolveQuery(parsed.data, nowMs, { fromMs: nowMs, toMs: nowMs });
  if (!resolved.ok) throw new AppError('invalid_parameter', `query.${resolved.issue.parameter}: ${resolved.issue.message}`, 'query');
  const { fromMs, toMs, latencyMinMs } = resolved.query;
  const pinned = { ...query, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  return { window: { fromMs, toMs }, query: pinned, latencyMinMs };
}

export function createSnapshotRegistry(config: SnapshotConfig, settings: { memoryLimit?: string; threads?: number } = {}): SnapshotRegistry {
  const store = new SnapshotStore(config.dir);
  store.removeUnfinished(UNFINISHED_AFTER_MS);
  /** Open snapshots in least-recently-used order (a Map keeps insertion order). */
  const open = new Map<string, Promise<LatencyBackend>>();

  /** The answers each open snapshot has computed (its view's, saved when it was taken, and later ones). */
  const keptAnswers = new Map<string, KeptAnswers>();

  const close = (id: string) => {
    const backend = open.get(id);
    open.delete(id);
    keptAnswers.delete(id);
    void backend?.then((each) => each.close(), () => undefined);
  };

  /**
   * Snapshots are taken one at a time: each holds a window's tables in DuckDB (and, from
   * Elasticsearch, a temporary store of its own), and two at once would double the memory.
   */
  let freezing: Promise<unknown> = Promise.resolve();

  return {
    enabled: config.enabled,
    list: async () => store.list(),
    detail: async (id) => store.detail(id),

    async create(live, body, signal) {
      if (!config.enabled) throw new AppError('forbidden', 'snapshots are switched off on this server (HOPSCOPE_SNAPSHOTS=off)');
      const { window, query, latencyMinMs } = toWindow(body.query, Date.now());
      const slowMs = latencyMinMs !== null ? Math.min(latencyMinMs, DEFAULT_SLOW_MS) : DEFAULT_SLOW_MS;
      const take = () =>
        store.create(live, { title: body.title, note: body.note, hopscopeVersion: readHopscopeVersion(), window, query, rawTraces: config.rawTraces, slowMs }, signal);
      const turn = freezing.then(take, take);
      freezing = turn.catch(() => undefined);
      const manifest = await turn;
      for (const id of store.enforce({ maxAgeMs: config.maxAgeMs, maxBytes: config.maxBytes }, Date.now(), manifest.id)) close(id);
      return { id: manifest.id, url: `/s/${manifest.id}` };
    },

    async remove(id) {
      store.folderOf(id);
      close(id);
      store.remove(id);
    },

    async saveAnswers(id) {
      await this.backend(id);
      keptAnswers.get(id)?.save();
    },

    backend(id) {
      const cached = open.get(id);
      if (cached) {
        open.delete(id);
        open.set(id, cached);
        return cached;
      }
      const created = (async () => {
        const manifest = store.manifest(id);
        const folder = store.folderOf(id);
        const kept = new KeptAnswers(path.join(folder, ANSWERS_FILE));
        keptAnswers.set(id, kept);
        return withSharedCalls(createSnapshotBackend(folder, { kind: manifest.backend, window: manifest.window }, manifest.frozen, settings), kept);
      })();
      created.catch(() => open.delete(id));
      open.set(id, created);
      while (open.size > OPEN_SNAPSHOTS) close(open.keys().next().value as string);
      return created;
    },
  };
}

const holder = globalThis as typeof globalThis & { hopscopeSnapshots?: SnapshotRegistry };

/** The process's snapshots, configured by HOPSCOPE_SNAPSHOT_* (kept on globalThis for dev-mode reloads). */
export function getSnapshotRegistry(): SnapshotRegistry {
  if (!holder.hopscopeSnapshots) {
    const config = readServerConfig();
    holder.hopscopeSnapshots = createSnapshotRegistry(config.snapshots, { memoryLimit: config.duckdb.memoryLimit, threads: config.duckdb.threads });
  }
  return holder.hopscopeSnapshots;
}

