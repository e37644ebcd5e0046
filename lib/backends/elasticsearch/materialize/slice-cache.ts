import 'server-only';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { Tier } from '@/lib/domain/tiers';
import { cancelOnExit, isProcessAlive, onExit } from '@/lib/backends/process-exit';
import { parseSliceKey, sliceKey, type TimeSlice } from './slice-plan';

/**
 * A slice's lines as a file on disk (a line file: normalized columns and raw text), with what made
 * its read incomplete (shards that failed): such a slice is never kept as settled.
 */
export type SliceFile = {
  key: string;
  tier: Tier;
  slice: TimeSlice;
  file: string;
  bytes: number;
  lines: number;
  settled: boolean;
  readAtMs: number;
  notices: AnswerNotice[];
};

/** Writes a slice's lines into `file`: how many lines it holds, and what made the read incomplete. */
export type SliceReader = (tier: Tier, slice: TimeSlice, file: string) => Promise<{ lines: number; notices: AnswerNotice[] }>;

/**
 * A slice still receiving lines is read again by every request, except those that arrive while it
 * is being read or within this long after: the requests of one page (a dozen at once) share a read.
 */
export const FRESH_REUSE_MS = 5_000;

type Entry = SliceFile & { lastUsedMs: number; pins: number; dropped: boolean };

/**
 * A settled slice's file name keeps its line count, and the read it came from:
 * `edge-<start>-<end>~<lines>~<read>.parquet`. Every read writes a new name: a slice read again
 * (a refresh) while a window still holds its earlier file must not land on that file's path, which
 * is removed once the window lets it go.
 */
const settledName = (key: string, lines: number, readId: string) => `${key}~${lines}~${readId}.parquet`;
/** The settled names of this process and of earlier ones (`~<lines>` alone). */
const SETTLED_NAME = /^(.+?)~(\d+)(?:~r[0-9a-z]+)?\.parquet$/;

/**
 * Owner files name the process that owns a cache folder (its pid): `owner-<generation>.pid`, the
 * highest generation the owner (`owner.pid`, generation 0, as earlier versions wrote it).
 */
const OWNER_PREFIX = 'owner';
const ownerName = (generation: number) => (generation === 0 ? 'owner.pid' : `owner-${generation}.pid`);
const OWNER_NAME = /^owner(?:-([1-9]\d*))?\.pid$/;

/** Cache folders owned by a SliceCache of this process, with their owner file's generation: another one on the same folder does not share it. */
const ownedFolders = new Map<string, number>();

/** The owner files of a folder, newest generation first. */
function ownerGenerations(dir: string): number[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const match = OWNER_NAME.exec(name);
      return match ? [Number(match[1] ?? 0)] : [];
    })
    .sort((a, b) => b - a);
}

/**
 * Takes `dir` for this cache: true when no live process (and no other cache of this one) holds it.
 * An owner file appears whole or not at all (a hard link of a file already holding the pid), and
 * none is ever replaced: a folder whose owner is gone (killed, crashed) is taken by linking the
 * next generation, which of two servers starting at once only one can create. A taker whose
 * generation is not the newest once linked (another read a later owner meanwhile) lets go, so no
 * two processes ever own a folder; removing the gone owner's file instead could remove the file
 * another taker had just linked. `beforeLink` is for tests: another process acting at that moment.
 */
export function takeFolder(dir: string, beforeLink?: () => void): boolean {
  const mine = path.join(dir, `${OWNER_PREFIX}-taking-${process.pid}`);
  writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const newest = ownerGenerations(dir)[0];
      if (newest !== undefined) {
        let owner = 0;
        try {
          owner = Number(readFileSync(path.join(dir, ownerName(newest)), 'utf8').trim());
        } catch {
          // Let go meanwhile: looked at again.
          continue;
        }
        const held = owner === process.pid ? ownedFolders.has(dir) : Number.isSafeInteger(owner) && owner > 0 && isProcessAlive(owner);
        if (held) return false;
      }
      const generation = (newest ?? 0) + 1;
      beforeLink?.();
      try {
        linkSync(mine, path.join(dir, ownerName(generation)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        continue;
      }
      if (ownerGenerations(dir)[0] !== generation) {
        rmSync(path.join(dir, ownerName(generation)), { force: true });
        return false;
      }
      for (const older of ownerGenerations(dir)) if (older < generation) rmSync(path.join(dir, ownerName(older)), { force: true });
      ownedFolders.set(dir, generation);
      return true;
    }
    return false;
  } finally {
    rmSync(mine, { force: true });
  }
}

/** Lets go of an owned folder: its owner file goes if it still names this process. */
function releaseFolder(dir: string): void {
  const generation = ownedFolders.get(dir);
  ownedFolders.delete(dir);
  if (generation === undefined) return;
  const ownerFile = path.join(dir, ownerName(generation));
  try {
    if (Number(readFileSync(ownerFile, 'utf8').trim()) === process.pid) unlinkSync(ownerFile);
  } catch {
    // Already gone.
  }
}

/** Private folders (`<dir>-<pid>-<n>`) of processes that are gone: removed. */
function removeAbandonedPrivateFolders(dir: string): void {
  const parent = path.dirname(dir);
  const prefix = `${path.basename(dir)}-`;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-\d+$/.exec(name.slice(prefix.length))?.[1]);
    if (!pid || pid === process.pid || isProcessAlive(pid)) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

let privateFolders = 0;

/**
 * The materialized slices on disk, bounded by `budgetBytes` (least recently used evicted first,
 * never one a window is being built from). Settled slices outlive the process: a restarted server
 * finds them in the folder. Concurrent requests for the same slice share one read.
 *
 * A folder has one owner: a second server on the same cluster, index patterns and field names
 * (or a second cache in this process) would otherwise remove files the first one's entries name
 * (an eviction, a refresh, its leftovers cleared at start). It keeps its slices in a private
 * folder beside it instead (`<folder>-<pid>-<n>`), removed when it closes or exits.
 */
export class SliceCache {
  private readonly entries = new Map<string, Entry>();
  /** Reads under way, with the signal that stops each (its materialization's). */
  private readonly reading = new Map<string, { promise: Promise<Entry>; signal: AbortSignal | undefined }>();
  private sequence = 0;
  /** Where the files are: the folder asked for when this cache owns it, a private one otherwise. */
  readonly dir: string;
  private readonly owned: boolean;

  constructor(
    cacheFolder: string,
    private readonly budgetBytes: number,
    private readonly nowMs: () => number = Date.now,
  ) {
    const folder = path.resolve(cacheFolder);
    mkdirSync(folder, { recursive: true });
    removeAbandonedPrivateFolders(folder);
    this.owned = takeFolder(folder);
    if (this.owned) {
      this.dir = folder;
      onExit(folder, () => releaseFolder(folder));
      this.findSettled();
    } else {
      privateFolders += 1;
      const own = `${folder}-${process.pid}-${privateFolders}`;
      this.dir = own;
      rmSync(own, { recursive: true, force: true });
      mkdirSync(own, { recursive: true });
      onExit(own, () => rmSync(own, { recursive: true, force: true }));
    }
  }

  /** The settled slices an earlier process kept; anything else it left (unfinished or fresh reads) is removed. */
  private findSettled(): void {
    for (const name of readdirSync(this.dir)) {
      if (name.startsWith(OWNER_PREFIX)) continue;
      const match = SETTLED_NAME.exec(name);
      const parsed = match ? parseSliceKey(match[1] ?? '') : null;
      const file = path.join(this.dir, name);
      if (!match || !parsed) {
        rmSync(file, { force: true, recursive: true });
        continue;
      }
      const stats = statSync(file);
      const key = sliceKey(parsed.tier, parsed.slice);
      const at = stats.mtimeMs;
      const other = this.entries.get(key);
      // Two files of one slice (a process stopped between a read and the removal of the file it
      // replaced): the later read stays.
      if (other && other.readAtMs >= at) {
        rmSync(file, { force: true });
        continue;
      }
      if (other) rmSync(other.file, { force: true });
      this.entries.set(key, { key, ...parsed, file, bytes: stats.size, lines: Number(match[2]), settled: true, readAtMs: at, notices: [], lastUsedMs: at, pins: 0, dropped: false });
    }
  }

  /** Lets the folder go (another process may own it now); a private folder is removed. */
  close(): void {
    cancelOnExit(this.dir);
    if (this.owned) releaseFolder(this.dir);
    else rmSync(this.dir, { recursive: true, force: true });
  }

  /** Bytes of all slice files held. */
  bytes(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.bytes;
    return total;
  }

  /** The lines of the slice if it is held and need not be read again now; null otherwise. */
  heldLines(tier: Tier, slice: TimeSlice): number | null {
    return this.current(sliceKey(tier, slice))?.lines ?? null;
  }

  /**
   * The slice's entry if it need not be read again now. One whose file is gone (removed by hand,
   * by a cleaner of the temporary folder) is forgotten: the slice is read again, rather than every
   * window over it failing to build.
   */
  private current(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry || entry.dropped || !(entry.settled || this.nowMs() - entry.readAtMs < FRESH_REUSE_MS)) return null;
    if (existsSync(entry.file)) return entry;
    this.replace(key, null);
    return null;
  }

  /**
   * The files of `slices`, read now where missing (or fresh and older than FRESH_REUSE_MS), and
   * pinned until `release`: eviction never removes a file a window is being built from.
   */
  async acquire(
    tier: Tier,
    slices: readonly TimeSlice[],
    settled: (slice: TimeSlice) => boolean,
    read: SliceReader,
    signal?: AbortSignal,
  ): Promise<{ files: SliceFile[]; release: () => void }> {
    const pinned: Entry[] = [];
    const release = () => {
      for (const entry of pinned.splice(0)) {
        entry.pins -= 1;
        // Gone unless the slice's current entry names the same file (this entry itself).
        if (entry.pins === 0 && this.entries.get(entry.key)?.file !== entry.file) rmSync(entry.file, { force: true });
      }
      this.evict();
    };
    try {
      const entries = await Promise.all(slices.map((slice) => this.entry(tier, slice, settled(slice), read, signal)));
      for (const entry of entries) {
        entry.pins += 1;
        entry.lastUsedMs = this.nowMs();
        pinned.push(entry);
      }
      return { files: entries.map(({ lastUsedMs: _used, pins: _pins, dropped: _dropped, ...file }) => file), release };
    } catch (error) {
      release();
      throw error;
    }
  }

  private entry(tier: Tier, slice: TimeSlice, settled: boolean, read: SliceReader, signal: AbortSignal | undefined): Promise<Entry> {
    const key = sliceKey(tier, slice);
    const held = this.current(key);
    // A settled slice held fresh (read while it was recent) is read once more, now for good.
    if (held && (held.settled || !settled)) return Promise.resolve(held);
    const inFlight = this.reading.get(key);
    if (inFlight) {
      // Joined a read another materialization started: if that one is stopped (its requests all
      // gone), this one reads the slice itself.
      return inFlight.promise.catch((error: unknown) => {
        if (inFlight.signal?.aborted && !signal?.aborted) return this.entry(tier, slice, settled, read, signal);
        throw error;
      });
    }
    const promise = this.readSlice(key, tier, slice, settled, read).finally(() => {
      if (this.reading.get(key)?.promise === promise) this.reading.delete(key);
    });
    this.reading.set(key, { promise, signal });
    return promise;
  }

  private async readSlice(key: string, tier: Tier, slice: TimeSlice, settled: boolean, read: SliceReader): Promise<Entry> {
    this.sequence += 1;
    const partial = path.join(this.dir, `${key}.${process.pid}.${this.sequence}.part`);
    const readAtMs = this.nowMs();
    try {
      const { lines, notices } = await read(tier, slice, partial);
      const kept = settled && notices.length === 0;
      const readId = `r${Date.now().toString(36)}${this.sequence.toString(36)}`;
      const file = path.join(this.dir, kept ? settledName(key, lines, readId) : `fresh-${key}.${readId}.parquet`);
      renameSync(partial, file);
      const entry: Entry = { key, tier, slice, file, bytes: statSync(file).size, lines, settled: kept, readAtMs, notices, lastUsedMs: readAtMs, pins: 0, dropped: false };
      this.replace(key, entry);
      return entry;
    } catch (error) {
      rmSync(partial, { force: true, recursive: true });
      throw error;
    }
  }

  private replace(key: string, entry: Entry | null): void {
    const previous = this.entries.get(key);
    if (previous && previous !== entry) {
      previous.dropped = true;
      if (previous.pins === 0 && previous.file !== entry?.file) rmSync(previous.file, { force: true });
    }
    if (entry) this.entries.set(key, entry);
    else this.entries.delete(key);
  }

  /** Forgets the slices (a refresh): the next request reads them again. Files in use go when released. */
  drop(tier: Tier, slices: readonly TimeSlice[]): void {
    for (const slice of slices) this.replace(sliceKey(tier, slice), null);
  }

  /** Removes the least recently used unpinned files until the cache fits its budget. */
  private evict(): void {
    let total = this.bytes();
    if (total <= this.budgetBytes) return;
    const candidates = [...this.entries.values()].filter((entry) => entry.pins === 0).sort((a, b) => a.lastUsedMs - b.lastUsedMs);
    for (const entry of candidates) {
      if (total <= this.budgetBytes) break;
      this.replace(entry.key, null);
      total -= entry.bytes;
    }
  }
}
