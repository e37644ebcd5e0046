import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SliceCache, takeFolder, type SliceReader } from './slice-cache';
import type { TimeSlice } from './slice-plan';

const SLICE: TimeSlice = { startMs: 1_605_751_200_000, endMs: 1_605_752_100_000 };
const settled = () => true;

/** A reader writing `lines` bytes as the slice's file, counting its reads. */
function reader(lines = 1186) {
  const reads: string[] = [];
  const read: SliceReader = async (_tier, _slice, file) => {
    reads.push(file);
    writeFileSync(file, 'x'.repeat(lines));
    return { lines, notices: [] };
  };
  return { read, reads };
}

describe('SliceCache', () => {
  let root: string;
  const caches: SliceCache[] = [];
  const open = (folder: string) => {
    const cache = new SliceCache(folder, 1024 ** 3);
    caches.push(cache);
    return cache;
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'hopscope-test-slice-cache-'));
  });
  afterEach(() => {
    for (const cache of caches.splice(0)) cache.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('a slice read again (a refresh) while a window holds its earlier file: the new file outlives the earlier one\'s release', async () => {
    const cache = open(path.join(root, 'cache'));
    const { read, reads } = reader();
    const before = await cache.acquire('edge', [SLICE], settled, read);
    cache.drop('edge', [SLICE]);
    // The same lines again: a name made of the slice and its count alone would be the same file.
    const after = await cache.acquire('edge', [SLICE], settled, read);
    expect(reads).toHaveLength(2);
    const [earlier] = before.files;
    const [later] = after.files;
    expect(later?.file).not.toBe(earlier?.file);
    before.release();
    expect(existsSync(earlier!.file)).toBe(false);
    expect(existsSync(later!.file)).toBe(true);
    expect(cache.heldLines('edge', SLICE)).toBe(1186);
    after.release();
    expect(existsSync(later!.file)).toBe(true);
  });

  it('a file removed behind its back is read again rather than named to the engine', async () => {
    const cache = open(path.join(root, 'cache'));
    const { read, reads } = reader();
    const first = await cache.acquire('edge', [SLICE], settled, read);
    first.release();
    rmSync(first.files[0]!.file);
    expect(cache.heldLines('edge', SLICE)).toBeNull();
    const again = await cache.acquire('edge', [SLICE], settled, read);
    expect(reads).toHaveLength(2);
    expect(existsSync(again.files[0]!.file)).toBe(true);
    again.release();
  });

  it('a second cache on the same folder keeps its files apart; once the first lets go, a new one finds the settled slices', async () => {
    const folder = path.join(root, 'cache');
    const first = open(folder);
    expect(first.dir).toBe(folder);
    const { read } = reader();
    const held = await first.acquire('edge', [SLICE], settled, read);
    // A read of the first cache under way: the second one's start must not clear it.
    const partial = path.join(folder, `edge-${SLICE.startMs}-${SLICE.endMs}.${process.pid}.99.part`);
    writeFileSync(partial, 'x');

    const second = open(folder);
    expect(second.dir).not.toBe(folder);
    expect(existsSync(partial)).toBe(true);
    expect(second.heldLines('edge', SLICE)).toBeNull();
    const secondHeld = await second.acquire('edge', [SLICE], settled, read);
    second.drop('edge', [SLICE]);
    secondHeld.release();
    expect(existsSync(held.files[0]!.file)).toBe(true);
    second.close();
    expect(existsSync(second.dir)).toBe(false);

    held.release();
    first.close();
    rmSync(partial);
    const restarted = open(folder);
    expect(restarted.dir).toBe(folder);
    expect(restarted.heldLines('edge', SLICE)).toBe(1186);
  });

  it('takes over a folder whose owner process is gone, and keeps the later of two files of one slice', async () => {
    const folder = path.join(root, 'cache');
    const first = open(folder);
    const { read } = reader();
    (await first.acquire('edge', [SLICE], settled, read)).release();
    first.close();
    // An owner that exited without letting go (killed), and a file of an earlier read left behind.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(path.join(folder, 'owner.pid'), String(gone));
    const older = path.join(folder, `edge-${SLICE.startMs}-${SLICE.endMs}~7.parquet`);
    writeFileSync(older, 'x');
    const past = new Date(Date.now() - 60_000);
    utimesSync(older, past, past);

    const restarted = open(folder);
    expect(restarted.dir).toBe(folder);
    expect(restarted.heldLines('edge', SLICE)).toBe(1186);
    expect(existsSync(older)).toBe(false);
    expect(readdirSync(folder).filter((name) => name.endsWith('.parquet'))).toHaveLength(1);
    // The gone owner's file is replaced by the next generation, naming this process.
    expect(existsSync(path.join(folder, 'owner.pid'))).toBe(false);
    expect(readFileSync(path.join(folder, 'owner-1.pid'), 'utf8')).toBe(String(process.pid));
  });

  it('of two processes taking over a gone owner at once, one owns the folder: the later never removes the first one\'s owner file', () => {
    const folder = path.join(root, 'race');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'owner.pid'), String(spawnSync(process.execPath, ['-e', '']).pid));
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      // The other server saw the same gone owner and took the folder between this one's look and its link.
      const taken = takeFolder(folder, () => writeFileSync(path.join(folder, 'owner-1.pid'), String(other.pid)));
      expect(taken).toBe(false);
      expect(readFileSync(path.join(folder, 'owner-1.pid'), 'utf8')).toBe(String(other.pid));
      // A later look finds the live owner: still not taken.
      expect(takeFolder(folder)).toBe(false);
    } finally {
      other.kill();
    }
  });
});
