import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeSampleFiles } from '../sample/write-sample-files';
import type { DatasetInfo } from './results';

export type Dataset = { info: DatasetInfo; files: { edge: string; ingress: string } };

type Meta = Omit<DatasetInfo, 'generateMs'> & { generator: string | null };

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
 * the generator and seed are unchanged (1 M traces take minutes to write).
 */
export async function ensureDataset(repoRoot: string, dataDir: string, traces: number, seed: number): Promise<Dataset> {
  const dir = path.resolve(repoRoot, dataDir, `incident-${traces}-seed-${seed}`);
  const files = { edge: path.join(dir, 'edge.ndjson'), ingress: path.join(dir, 'ingress.ndjson') };
  const metaFile = path.join(dir, 'meta.json');
  const generator = generatorVersion(repoRoot);
  if (existsSync(metaFile) && existsSync(files.edge) && existsSync(files.ingress)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    if (meta.traces === traces && meta.seed === seed && meta.generator === generator) {
      const info: DatasetInfo = { traces: meta.traces, seed: meta.seed, lines: meta.lines, bytes: meta.bytes, window: meta.window, generateMs: null };
      return { info, files };
    }
  }
  const started = performance.now();
  const summary = await writeSampleFiles(dir, { traces, seed, scenario: 'incident' });
  const generateMs = performance.now() - started;
  if (!summary.firstTimestamp || !summary.lastTimestamp) throw new Error(`the generator wrote no documents into ${dir}`);
  const info: DatasetInfo = {
    traces,
    seed,
    lines: summary.lines,
    bytes: statSync(files.edge).size + statSync(files.ingress).size,
    // Both files' extent, the end made exclusive: a window holding every edge line.
    window: { from: summary.firstTimestamp, to: new Date(Date.parse(summary.lastTimestamp) + 1).toISOString() },
    generateMs,
  };
  const meta: Meta = { traces, seed, lines: info.lines, bytes: info.bytes, window: info.window, generator };
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  return { info, files };
}
