import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { E2E_PORTS, serverUrl } from './servers';

/**
 * Issue 15's promise: a snapshot still opens, fully explorable, after the logs are gone. On each
 * store: a server of its own over its own copy of the sample, a snapshot taken in the browser,
 * the answers noted; then the server stopped, the data deleted (the NDJSON files, the indices),
 * the server started again; the snapshot must give the same four histograms, drill-down page,
 * trace detail and triage verdict, in the API and on the page.
 */

const root = path.resolve(__dirname, '..');
const sampleDir = path.join(root, '.data/sample');
const esUrl = process.env.ES_URL?.trim() || null;
const INDEX_PREFIX = { edge: 'hopscope-e2e-snapshot-edge-', ingress: 'hopscope-e2e-snapshot-ingress-' };

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: serverUrl('snapshotRestart') });

/**
 * Whether a server listens on the snapshot port: a request on a connection of its own, never a
 * kept-alive one (fetch keeps them): a stopping server still answers on those after it stopped
 * listening, and would pass for the next one starting.
 */
function listening(): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const request = get(`${serverUrl('snapshotRestart')}/api/v1/snapshots`, { agent: false }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? resolve(false) : reject(error)));
  });
}

/** `next start` of the suite's build on the snapshot port, ready once it answers; its output appended to `log`. */
async function startServer(env: Record<string, string>, log: string): Promise<ChildProcess> {
  const output = openSync(log, 'a');
  const child = spawn('npx', ['next', 'start', '-p', String(E2E_PORTS.snapshotRestart)], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', output, output],
    detached: true,
  });
  closeSync(output);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the snapshot test server exited with ${child.exitCode}`);
    if (await listening().catch(() => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stopServer(child);
  throw new Error('the snapshot test server did not start');
}

/**
 * Stops the server and waits until it is gone: npx exits once the next server it started has
 * exited, and the port then refuses connections (a new server could not bind it before).
 */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // The whole group: npx, and the next server it started.
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
  for (let i = 0; i < 100; i += 1) {
    if (!(await listening().catch(() => true))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the snapshot test server did not stop');
}

type Answers = { histograms: unknown; drillDown: unknown; trace: unknown; summary: unknown };

/** The answers a snapshot must give again; `snapshot` adds its id to every request. */
async function readAnswers(window: { from: string; to: string }, snapshot: string | null, traceId?: string): Promise<Answers & { firstTraceId: string }> {
  const base = serverUrl('snapshotRestart');
  const params = (extra: Record<string, string> = {}) => {
    const search = new URLSearchParams({ ...window, ...extra });
    if (snapshot) search.set('snapshot', snapshot);
    return search;
  };
  const get = async (url: string) => {
    const response = await fetch(url);
    const body = await response.json();
    expect(response.status, `${url}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
    return body;
  };
  const histograms = await get(`${base}/api/v1/histograms?${params()}`);
  const drillDown = await get(`${base}/api/v1/traces?${params({ histogram: 'ingress', fromMs: '1000', toMs: '1100', limit: '50' })}`);
  const firstTraceId: string = traceId ?? drillDown.traces[0].traceId;
  const traceParams = snapshot ? `?snapshot=${snapshot}` : '';
  const trace = await get(`${base}/api/v1/traces/${encodeURIComponent(firstTraceId)}${traceParams}`);
  const summary = await get(`${base}/api/v1/triage/summary?${params()}`);
  return { histograms, drillDown: drillDown.traces, trace, summary, firstTraceId };
}

/** Elasticsearch when the test command started a node (ES_URL), as the Elasticsearch projects. */
const stores = ['the embedded store', ...(esUrl ? ['Elasticsearch'] : [])] as const;

for (const store of stores) {
  test(`a snapshot of ${store} survives the deletion of its data and a restart`, async ({ page, investigation, snapshots, sampleWindow }) => {
    const work = mkdtempSync(path.join(tmpdir(), 'hopscope-e2e-snapshot-'));
    const snapshotEnv = { HOPSCOPE_SNAPSHOT_DIR: path.join(work, 'snapshots') };
    // Both servers' output, attached to the result: what a server that stopped answering said.
    const serverLog = path.join(work, 'servers.log');
    let env: Record<string, string>;
    let deleteData: () => Promise<void>;
    if (store === 'the embedded store') {
      const files = { edge: path.join(work, 'edge.ndjson'), ingress: path.join(work, 'ingress.ndjson') };
      copyFileSync(path.join(sampleDir, 'edge.ndjson'), files.edge);
      copyFileSync(path.join(sampleDir, 'ingress.ndjson'), files.ingress);
      env = { HOPSCOPE_BACKEND: 'duckdb', HOPSCOPE_EDGE_FILES: files.edge, HOPSCOPE_INGRESS_FILES: files.ingress, ...snapshotEnv };
      deleteData = async () => {
        rmSync(files.edge);
        rmSync(files.ingress);
      };
    } else {
      execFileSync(
        'npx',
        ['tsx', 'scripts/seed-elasticsearch.ts', '--es-url', esUrl!, '--recreate', '--edge-file', path.join(sampleDir, 'edge.ndjson'),
          '--ingress-file', path.join(sampleDir, 'ingress.ndjson'), '--edge-index-prefix', INDEX_PREFIX.edge, '--ingress-index-prefix', INDEX_PREFIX.ingress],
        { cwd: root, stdio: 'ignore' },
      );
      env = { HOPSCOPE_BACKEND: 'elasticsearch', ES_URL: esUrl!, HOPSCOPE_EDGE_INDEX: `${INDEX_PREFIX.edge}*`, HOPSCOPE_INGRESS_INDEX: `${INDEX_PREFIX.ingress}*`, ...snapshotEnv };
      deleteData = async () => {
        // By name: Elasticsearch refuses wildcard deletions by default.
        const listed = await fetch(`${esUrl}/_cat/indices/hopscope-e2e-snapshot-*?h=index&format=json`).then((response) => response.json());
        const names = (listed as { index: string }[]).map((each) => each.index);
        expect(names.length).toBeGreaterThan(0);
        const deleted = await fetch(`${esUrl}/${names.join(',')}`, { method: 'DELETE' });
        expect(deleted.status).toBe(200);
      };
    }

    let server = await startServer(env, serverLog);
    try {
      // Live: the answers, then the snapshot taken from the page.
      const live = await readAnswers(sampleWindow, null);
      await investigation.open(sampleWindow);
      const headlines = page.getByTestId('triage-headlines');
      await expect(headlines).toBeVisible({ timeout: 60_000 });
      const verdict = await headlines.textContent();
      expect(verdict).toContain('ingress-node-2');
      const link = await snapshots.take({ title: `survives ${store}` });
      const id = /\/s\/([0-9a-f]{32})$/.exec(link)?.[1];
      expect(id, link).toBeTruthy();

      // The data goes, the server restarts.
      await stopServer(server);
      await deleteData();
      server = await startServer(env, serverLog);

      // Live data is gone: the live view no longer has the window's traces.
      const gone = await fetch(`${serverUrl('snapshotRestart')}/api/v1/histograms?${new URLSearchParams(sampleWindow)}`);
      const goneBody = await gone.json();
      expect(gone.status !== 200 || goneBody.counts.edge === 0, JSON.stringify(goneBody).slice(0, 200)).toBe(true);

      // The snapshot answers as the live store did.
      const frozen = await readAnswers(sampleWindow, id!, live.firstTraceId);
      expect(frozen.histograms).toEqual(live.histograms);
      expect(frozen.drillDown).toEqual(live.drillDown);
      expect(frozen.trace).toEqual(live.trace);
      expect(frozen.summary).toEqual(live.summary);

      // And the page shows it: banner, the same numbers and verdict.
      await page.goto(link);
      await investigation.settled();
      await expect(snapshots.banner).toContainText(`survives ${store}`);
      await expect(page.getByTestId('triage-headlines')).toHaveText(verdict!, { timeout: 60_000 });
      await expect(page.getByTestId('count-edge')).toHaveText(String((live.histograms as { counts: { edge: number } }).counts.edge.toLocaleString('en-US')));
    } finally {
      await stopServer(server);
      await test.info().attach('servers.log', { path: serverLog, contentType: 'text/plain' });
      rmSync(work, { recursive: true, force: true });
    }
  });
}
