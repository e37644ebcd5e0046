import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup: every temporary folder of a run (test fixtures' files, stores, slice caches)
 * goes under one folder of its own, removed when the run ends. Test files make theirs with
 * mkdtemp in os.tmpdir(), which reads TMPDIR; the worker processes inherit it. Without this each
 * run left its fixtures in /tmp (a worker killed at the end of its file runs no exit handler).
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hopscope-vitest-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
