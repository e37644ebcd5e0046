import { storeOriginOf } from './duckdb-store';
import { ENDPOINTS, type DatasetWindow } from './endpoints';
import { formatBytes, formatDuration } from './format';
import { timedGet } from './http-timing';
import { startNextServer } from './next-server';
import type { PeakMemory } from './process-memory';
import type { RestartResult } from './results';

/** The request the restart waits for: the four histograms of the whole window, as the page asks first. */
const histogramsSpec = ENDPOINTS.find((spec) => spec.id === 'histograms')!;

/**
 * Issue 12's restart: the embedded store's server started again with the same environment
 * (HOPSCOPE_DUCKDB_PATH and unchanged files), timed from the spawn until the first histograms
 * answer is complete, since the store opens on the first request. Health is asked afterwards,
 * not before, so it cannot open the store ahead of the timed request; it says whether the
 * tables were reused. Throws when the histograms do not answer 200.
 */
export async function measureRestart(
  repoRoot: string,
  env: Record<string, string>,
  window: DatasetWindow,
  logFile: string,
  tag: string,
): Promise<{ restart: RestartResult; memory: PeakMemory }> {
  console.log(`${tag} restart on unchanged files: next start again, timed until the first histograms answer…`);
  const server = await startNextServer(repoRoot, env, logFile);
  let memory: PeakMemory | null = null;
  try {
    const histograms = await timedGet(server.baseUrl, histogramsSpec.path({ window, cursor: null, traceId: null })!);
    const ms = performance.now() - server.spawnedAt;
    if (histograms.status !== 200) throw new Error(`the histograms after the restart answered ${histograms.status}`);
    const health = await timedGet(server.baseUrl, '/api/v1/health');
    const origin = storeOriginOf(health.body);
    memory = await server.stop();
    const restart: RestartResult = {
      ms,
      readyMs: server.readyMs,
      histogramsMs: histograms.ms,
      storeKind: origin.kind,
      storeText: origin.text,
      peakBytes: Math.max(memory.peakTreeRssBytes, memory.peakProcessHwmBytes),
    };
    console.log(`${tag} restart: ${formatDuration(ms)} (port after ${formatDuration(server.readyMs)}, histograms ${formatDuration(histograms.ms)}); ${origin.text}; peak ${formatBytes(restart.peakBytes)}`);
    return { restart, memory };
  } finally {
    if (memory === null) await server.stop();
  }
}
