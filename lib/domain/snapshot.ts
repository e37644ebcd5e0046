import { z } from 'zod';
import type { BackendKind } from './api-responses';

/**
 * Incident snapshots: a window's trace table frozen on the server (docs/API.md, "Snapshots").
 * Shapes shared by the API, the pages and the store.
 */

/** 128 random bits as 32 lowercase hex digits: the only form an id may take (no path can be spelt in it). */
export const SNAPSHOT_ID_PATTERN = /^[0-9a-f]{32}$/;

export const isSnapshotId = (text: string): boolean => SNAPSHOT_ID_PATTERN.test(text);

/** The header every write must carry: a cross-site form cannot set it, and a cross-site script cannot without a refused preflight. */
export const WRITE_HEADER = 'x-requested-by';
export const WRITE_HEADER_VALUE = 'hopscope';

/** The largest POST body accepted, in bytes: a query, a title and a note. */
export const MAX_SNAPSHOT_BODY_BYTES = 16_384;
export const MAX_SNAPSHOT_TITLE_LENGTH = 200;
export const MAX_SNAPSHOT_NOTE_LENGTH = 4_000;

/** The query as an object of the shared query parameters (strings; `filter` a list). */
const queryObject = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const createSnapshotBodySchema = z
  .object({
    query: queryObject,
    title: z.string().trim().min(1, 'title must not be empty').max(MAX_SNAPSHOT_TITLE_LENGTH, `title must be at most ${MAX_SNAPSHOT_TITLE_LENGTH} characters`),
    note: z.string().trim().max(MAX_SNAPSHOT_NOTE_LENGTH, `note must be at most ${MAX_SNAPSHOT_NOTE_LENGTH} characters`).default(''),
  })
  .strict();
export type CreateSnapshotBody = z.infer<typeof createSnapshotBodySchema>;

/** One snapshot as lists show it. Instants are ISO 8601 (UTC). */
export type SnapshotSummary = {
  id: string;
  /** The page that opens it: `/s/<id>`. */
  url: string;
  title: string;
  note: string;
  createdAt: string;
  /** The frozen window `[from, to)`. */
  window: { from: string; to: string };
  /** Where the data came from. */
  backend: BackendKind;
  /** Edge lines and traces frozen, and how many traces kept their raw lines. */
  traces: number;
  rawTraces: number;
  sizeBytes: number;
};

/** One snapshot in full: what the banner and the page need to reopen the view it was taken from. */
export type SnapshotDetail = SnapshotSummary & {
  /** The shared query parameters of the view it was taken from, the window pinned to absolute instants. */
  query: Record<string, string | string[]>;
  /** Where the lines were read: the index patterns (Elasticsearch) or the log files (embedded store). */
  sources: { edge: string; ingress: string };
  /** The hopscope version that wrote it. */
  hopscopeVersion: string;
  /** The snapshot format's version (newer hopscope versions open older ones). */
  formatVersion: number;
};

export type SnapshotListResponse = { snapshots: SnapshotSummary[] };
export type CreateSnapshotResponse = { id: string; url: string };
export type DeleteSnapshotResponse = { deleted: string };

export const snapshotUrl = (id: string): string => `/s/${id}`;
