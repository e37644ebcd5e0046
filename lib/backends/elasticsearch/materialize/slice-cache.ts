import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { Tier } from '@/lib/domain/tiers';
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

/** A settled slice's file name keeps its line count: `edge-<start>-<end>~<lines>.parquet`. */
const settledName = (key: string, lines: number) => `${key}~${lines}.parquet`;

/**
 * The materialized slices on disk, bounded by `budgetBytes` (least recently used evicted first,
 * never one a window is being built from). Settled slices outlive the process: a restarted server
 * finds them in `dir`. Concurrent requests for the same slice share one read.
 */
export class SliceCache {
  private readonly entries = new Map<string, Entry>();
  /** Reads under way, with the signal that stops each (its materialization's). */
  private readonly reading = new Map<string, { promise: Promise<Entry>; signal: AbortSignal | undefined }>();
  private sequence = 0;

  constructor(
    private readonly dir: string,
    private readonly budgetBytes: number,
    private readonly nowMs: () => number = Date.now,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      const match = /^(.+)~(\d+)\.parquet$/.exec(name);
      const parsed = match ? parseSliceKey(match[1] ?? '') : null;
      const file = path.join(dir, name);
      if (!match || !parsed) {
        // Unfinished or fresh reads of an earlier process: never reused.
        rmSync(file, { force: true, recursive: true });
        continue;
      }
      const stats = statSync(file);
      const key = sliceKey(parsed.tier, parsed.slice);
      const at = stats.mtimeMs;
      this.entries.set(key, { key, ...parsed, file, bytes: stats.size, lines: Number(match[2]), settled: true, readAtMs: at, notices: [], lastUsedMs: at, pins: 0, dropped: false });
    }
  }

  /** Bytes of all slice files held. */
  bytes(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.bytes;
    return total;
  }

  /** The lines of the slice if it is held and need not be read again now; null otherwise. */
  heldLines(tier: Tier, slice: TimeSlice): number | null {
    const entry = this.entries.get(sliceKey(tier, slice));
    return entry !== undefined && this.isCurrent(entry) ? entry.lines : null;
  }

  private isCurrent(entry: Entry): boolean {
    return !entry.dropped && (entry.settled || this.nowMs() - entry.readAtMs < FRESH_REUSE_MS);
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
        if (entry.pins === 0 && this.entries.get(entry.key) !== entry) rmSync(entry.file, { force: true });
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
    const held = this.entries.get(key);
    // A settled slice held fresh (read while it was recent) is read once more, now for good.
    if (held && this.isCurrent(held) && (held.settled || !settled)) return Promise.resolve(held);
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
      const file = path.join(this.dir, kept ? settledName(key, lines) : `fresh-${key}.${process.pid}.${this.sequence}.parquet`);
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
      if (previous.pins === 0) rmSync(previous.file, { force: true });
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
