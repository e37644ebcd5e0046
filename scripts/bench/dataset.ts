import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeSampleFiles } from '../sample/write-sample-files';
import type { DatasetInfo } from './results';
import { findSlowWindow } from './slow-window';

export type Dataset = { info: DatasetInfo; files: { edge: string; ingress: string } };

type Meta = Omit<DatasetInfo, 'generateMs' | 'slowWindow'> & { generator: string | null; slowWindows?: Record<string, DatasetInfo['slowWindow']> };

/** The generator's version: the git tree of scripts/sample, so a changed generator regenerates. */
function generatorVersion(repoRoot: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD:scripts/sample'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * The incident-shaped dataset of `traces` traces under `dataDir`, generated once and reused while
 * the generator and seed are unchanged (1 M traces take minutes to write), with the window of its
 * `slowTraces` newest slow traces (the baseline's).
 */
export async function ensureDataset(repoRoot: string, dataDir: string, traces: number, seed: number, slowTraces: number): Promise<Dataset> {
  const dir = path.resolve(repoRoot, dataDir, `incident-${traces}-seed-${seed}`);
  const files = { edge: path.join(dir, 'edge.ndjson'), ingress: path.join(dir, 'ingress.ndjson') };
  const metaFile = path.join(dir, 'meta.json');
  const generator = generatorVersion(repoRoot);
  if (existsSync(metaFile) && existsSync(files.edge) && existsSync(files.ingress)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    if (meta.traces === traces && meta.seed === seed && meta.generator === generator) {
      let slowWindow = meta.slowWindows?.[slowTraces];
      if (slowWindow === undefined) {
        slowWindow = await findSlowWindow(files.edge, slowTraces, meta.window);
        writeFileSync(metaFile, `${JSON.stringify({ ...meta, slowWindows: { ...meta.slowWindows, [slowTraces]: slowWindow } }, null, 2)}\n`);
      }
      const info: DatasetInfo = { traces: meta.traces, seed: meta.seed, lines: meta.lines, bytes: meta.bytes, window: meta.window, slowWindow, generateMs: null };
      return { info, files };
    }
  }
  const started = performance.now();
  const summary = await writeSampleFiles(dir, { traces, seed, scenario: 'incident' });
  const generateMs = performance.now() - started;
  if (!summary.firstTimestamp || !summary.lastTimestamp) throw new Error(`the generator wrote no documents into ${dir}`);
  // Both files' extent, the end made exclusive: a window holding every edge line.
  const window = { from: summary.firstTimestamp, to: new Date(Date.parse(summary.lastTimestamp) + 1).toISOString() };
  const info: DatasetInfo = {
    traces,
    seed,
    lines: summary.lines,
    bytes: statSync(files.edge).size + statSync(files.ingress).size,
    window,
    slowWindow: await findSlowWindow(files.edge, slowTraces, window),
    generateMs,
  };
  const meta: Meta = { traces, seed, lines: info.lines, bytes: info.bytes, window: info.window, generator, slowWindows: { [slowTraces]: info.slowWindow } };
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  return { info, files };
}
