/**
 * Raw text ingest (issue 16): `npm run bench:text [-- --traces 1000000] [--seed 1] [--data-dir bench/data]`.
 * Writes the incident sample as NDJSON and as raw nginx text (edge.log in the sample's custom
 * log_format, one ingress-nginx file per node), loads each into the embedded store in a process
 * of its own, and records the load time, peak memory and whether the four histograms and the
 * triage summary of the whole window are identical. Replaces the "Raw text ingest" section of
 * bench/RESULTS.md. Not part of `npm test`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SAMPLE_EDGE_LOG_FORMAT, SAMPLE_INGRESS_LOG_FORMAT } from '../sample/text-lines';
import { writeSampleFiles, writeSampleTextFiles } from '../sample/write-sample-files';
import { formatBytes, formatDuration } from './format';
import type { TextIngestChildInput, TextIngestChildResult } from './text-ingest-child';

const repoRoot = process.cwd();
const SECTION = '## Raw text ingest';
const ONE_GB = 1e9;

async function ensureData(dir: string, traces: number, seed: number): Promise<{ window: { from: string; to: string } }> {
  const marker = path.join(dir, 'window.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as { window: { from: string; to: string } };
  console.log(`bench:text generating ${traces.toLocaleString('en-US')} traces in both forms into ${dir}…`);
  const summary = await writeSampleFiles(dir, { traces, seed, scenario: 'incident' });
  await writeSampleTextFiles(dir, { traces, seed, scenario: 'incident' });
  const window = { from: summary.firstTimestamp!, to: new Date(Date.parse(summary.lastTimestamp!) + 1).toISOString() };
  writeFileSync(marker, `${JSON.stringify({ window })}\n`);
  return { window };
}

function runChild(input: TextIngestChildInput): Promise<TextIngestChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', '--conditions=react-server', 'scripts/bench/text-ingest-child.ts', JSON.stringify(input)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as TextIngestChildResult) : reject(new Error(`the load exited with ${code}`))));
  });
}

const sizeOf = (files: readonly string[]) => files.reduce((sum, file) => sum + statSync(file).size, 0);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { traces: { type: 'string' }, seed: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const traces = Number(values.traces ?? 1_000_000);
  const seed = Number(values.seed ?? 1);
  const dir = path.resolve(repoRoot, values['data-dir'] ?? 'bench/data', `text-${traces}-seed-${seed}`);
  const { window } = await ensureData(dir, traces, seed);
  const ingressTextFiles = readdirSync(dir).filter((name) => name.endsWith('.access.log')).sort();
  const forms = {
    ndjson: { edgeFiles: [path.join(dir, 'edge.ndjson')], ingressFiles: [path.join(dir, 'ingress.ndjson')], window },
    text: {
      edgeFiles: [path.join(dir, 'edge.log')],
      ingressFiles: ingressTextFiles.map((name) => `${name.replace(/\.access\.log$/, '')}=${path.join(dir, name)}`),
      edgeFormat: SAMPLE_EDGE_LOG_FORMAT,
      ingressFormat: SAMPLE_INGRESS_LOG_FORMAT,
      window,
    },
  };
  const results: Record<string, TextIngestChildResult> = {};
  for (const [form, input] of Object.entries(forms)) {
    console.log(`bench:text loading the ${form} form…`);
    results[form] = await runChild(input);
    console.log(`bench:text ${form}: ${formatDuration(results[form]!.loadMs)}, peak RSS ${formatBytes(results[form]!.peakRssBytes)}`);
  }
  const ndjson = results.ndjson!;
  const text = results.text!;
  const sameHistograms = JSON.stringify(ndjson.histograms) === JSON.stringify(text.histograms);
  const sameSummary = JSON.stringify(ndjson.summary) === JSON.stringify(text.summary);
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const row = (form: string, result: TextIngestChildResult, bytes: number) =>
    `| ${form} | ${formatBytes(bytes)} | ${(result.lines.edge + result.lines.ingress).toLocaleString('en-US')} | ${formatDuration(result.loadMs)} | ` +
    `${Math.round((result.lines.edge + result.lines.ingress) / (result.loadMs / 1000)).toLocaleString('en-US')} | ${formatBytes(result.peakRssBytes)} | ` +
    `${(result.unreadableLines.edge + result.unreadableLines.ingress).toLocaleString('en-US')} |`;
  const target = text.loadMs <= 60_000 ? 'met' : 'MISSED';
  const section = [
    SECTION,
    '',
    `\`npm run bench:text -- --traces ${traces}\` at ${commit} (${new Date().toISOString().slice(0, 10)}): the incident sample of ${traces.toLocaleString('en-US')} traces ` +
      `(seed ${seed}) as NDJSON and as raw nginx text (edge.log in the sample's custom log_format with $msec; one ingress-nginx file per node, named ` +
      `with its host, plus $upstream_connect_time), each loaded into the embedded store in a process of its own (load = start to first health answer, ` +
      `peak RSS of that process).`,
    '',
    '| form | files | lines | load | lines/s | peak RSS | unreadable |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('NDJSON', ndjson, sizeOf([...forms.ndjson.edgeFiles, ...forms.ndjson.ingressFiles])),
    row('raw text', text, sizeOf([forms.text.edgeFiles[0]!, ...ingressTextFiles.map((name) => path.join(dir, name))])),
    '',
    `- Target "load ≤ 60 s" for raw text: **${target}** (${formatDuration(text.loadMs)}).`,
    `- Four histograms of the whole window: ${sameHistograms ? 'identical' : '**different**'}; triage summary: ${sameSummary ? 'identical' : '**different**'}.`,
    `- Peak RSS while raw text loads: ${formatBytes(text.peakRssBytes)}, ${text.peakRssBytes <= ONE_GB ? 'within' : '**above**'} the 1 GB the server is held to ` +
      `(NDJSON: ${formatBytes(ndjson.peakRssBytes)}); these processes hold the store alone, without the Next.js server (about 200 MB more).`,
    '',
  ].join('\n');
  const resultsFile = path.join(repoRoot, 'bench', 'RESULTS.md');
  const current = readFileSync(resultsFile, 'utf8');
  const start = current.indexOf(SECTION);
  const next = start === -1 ? -1 : current.indexOf('\n## ', start + SECTION.length);
  const updated =
    start === -1 ? `${current.trimEnd()}\n\n${section}` : `${current.slice(0, start)}${section}${next === -1 ? '' : current.slice(next + 1)}`;
  writeFileSync(resultsFile, updated.endsWith('\n') ? updated : `${updated}\n`);
  console.log(section);
  if (!sameHistograms || !sameSummary) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`bench:text: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
