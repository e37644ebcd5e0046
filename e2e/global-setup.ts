import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { FullConfig } from '@playwright/test';
import { RAW_SAMPLE_DIR } from './raw-logs-sample';
import { SAMPLE_WINDOW_ENV } from './sample-window';

const root = path.resolve(__dirname, '..');
const sampleDir = path.join(root, '.data/sample');
const edgeFile = path.join(sampleDir, 'edge.ndjson');
const ingressFile = path.join(sampleDir, 'ingress.ndjson');

/** Projects whose servers are broken on purpose: they only need to answer. */
const UNHEALTHY_BY_DESIGN = new Set(['backend-unreachable', 'elasticsearch-failures']);

const nonEmpty = (file: string) => existsSync(file) && statSync(file).size > 0;

/** First and last edge @timestamp of the sample, read from the file itself, not through hopscope. */
async function readEdgeExtent(file: string): Promise<{ fromMs: number; toMs: number }> {
  let fromMs = Infinity;
  let lastMs = -Infinity;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const ms = Date.parse(String((JSON.parse(line) as Record<string, unknown>)['@timestamp']));
    if (Number.isFinite(ms)) {
      fromMs = Math.min(fromMs, ms);
      lastMs = Math.max(lastMs, ms);
    }
  }
  return { fromMs, toMs: lastMs + 1 };
}

/** Waits until a server answers its health endpoint (the embedded store loads the sample on first use). */
async function waitForHealth(baseURL: string, expectOk: boolean): Promise<void> {
  const deadline = Date.now() + 180_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseURL}/api/v1/health`);
      if (!expectOk || response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`${baseURL} did not become healthy: ${last}`);
}

/**
 * Seeds what the specs read: the sample incident on disk (generated when missing), in the
 * Elasticsearch node when ES_URL is set, and the sample's time window for the specs' URLs.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  if (!nonEmpty(edgeFile) || !nonEmpty(ingressFile)) {
    console.log('e2e: generating the sample incident into .data/sample');
    execFileSync('npx', ['tsx', 'scripts/generate-sample.ts', '--out', sampleDir], { cwd: root, stdio: 'inherit' });
  }
  if (!nonEmpty(path.join(RAW_SAMPLE_DIR, 'edge.log'))) {
    console.log(`e2e: writing the sample incident as raw nginx logs into ${RAW_SAMPLE_DIR}`);
    execFileSync('npx', ['tsx', 'scripts/generate-sample.ts', '--out', RAW_SAMPLE_DIR, '--text'], { cwd: root, stdio: 'inherit' });
  }
  const extent = await readEdgeExtent(edgeFile);
  process.env[SAMPLE_WINDOW_ENV.from] = new Date(extent.fromMs).toISOString();
  process.env[SAMPLE_WINDOW_ENV.to] = new Date(extent.toMs).toISOString();

  if (process.env.ES_URL) {
    console.log(`e2e: seeding the sample into Elasticsearch at ${process.env.ES_URL}`);
    execFileSync(
      'npx',
      ['tsx', 'scripts/seed-elasticsearch.ts', '--es-url', process.env.ES_URL, '--recreate', '--edge-file', edgeFile, '--ingress-file', ingressFile],
      { cwd: root, stdio: 'inherit' },
    );
  }

  for (const project of config.projects) {
    const baseURL = project.use.baseURL;
    // The access-control server refuses the health check without credentials; its spec waits itself.
    if (baseURL && project.name !== 'access-control') await waitForHealth(baseURL, !UNHEALTHY_BY_DESIGN.has(project.name));
  }
}
