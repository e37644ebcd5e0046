import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * End to end: `scripts/report.ts` as a child process on a hand-made pair of NDJSON files. The
 * expected counts are worked out by hand from the lines below (request_time, upstream times in
 * seconds; edge − ingress and ingress − upstream in milliseconds).
 *
 *   trace  edge rt  ingress rt  ingress upstream  edge − ingress  ingress − upstream
 *   t1     0.050    0.040       0.030             10              10
 *   t2     0.120    0.100       0.095             20              5
 *   t3     1.250    1.200       0.150             50              1,050
 *   t4     0.080    (no ingress line)
 *   t5     4.000    0.900       0.850             3,100           50
 *   t6     "abc"    (skipped: request_time unparsable)
 *   t7     1.100    1.090       0.040             10              1,050
 *   plus one edge line that is not JSON.
 *
 * Slow (≥ 1 s) and split: t3, t5, t7. Their largest segments: t3 inside ingress-nginx
 * (1.200 − 0.150 = 1,050 ms), t5 edge→ingress (3.990 − 0.900 = 3,090 ms), t7 inside
 * ingress-nginx (1.090 − 0.040 = 1,050 ms): the slowest hop is inside ingress-nginx, 2 of 3.
 */

const REPO_ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

type Line = Record<string, string>;
const edge = (trace: string, second: number, rt: string, response?: string): Line => ({
  '@timestamp': `2020-11-19T10:00:0${second}.000Z`,
  trace_id: trace,
  request_time: rt,
  ...(response ? { upstream_response_time: response, upstream_connect_time: '0.001', upstream_addr: '10.0.0.2:80' } : {}),
  '@source': 'edge-1',
});
const ingress = (trace: string, second: number, rt: string, response: string, connect: string): Line => ({
  '@timestamp': `2020-11-19T10:00:0${second}.000Z`,
  trace_id: trace,
  request_time: rt,
  upstream_response_time: response,
  upstream_connect_time: connect,
  upstream_addr: '10.1.0.5:8080',
  '@source': 'ingress-node-1',
});

const EDGE_LINES = [
  edge('t1', 1, '0.050', '0.045'),
  edge('t2', 2, '0.120', '0.110'),
  edge('t3', 3, '1.250', '1.210'),
  edge('t4', 4, '0.080'),
  edge('t5', 5, '4.000', '3.990'),
  edge('t6', 6, 'abc'),
  edge('t7', 7, '1.100', '1.095'),
];
const INGRESS_LINES = [
  ingress('t1', 1, '0.040', '0.030', '0.001'),
  ingress('t2', 2, '0.100', '0.095', '0.001'),
  ingress('t3', 3, '1.200', '0.150', '0.002'),
  ingress('t5', 5, '0.900', '0.850', '0.001'),
  ingress('t7', 7, '1.090', '0.040', '0.001'),
];

const toNdjson = (lines: readonly unknown[]) => `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;

/** A histogram row: label, bar, count at the line's end. */
const row = (label: string, count: number) => new RegExp(`^ +${label} │[^0-9]* ${count}$`, 'm');

/** The part of the report from a histogram's title to the next blank line. */
function section(stdout: string, title: string): string {
  const start = stdout.indexOf(title);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = stdout.indexOf('\n\n', start);
  return stdout.slice(start, end === -1 ? undefined : end);
}

let dir: string;
const childEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of Object.keys(env)) if (name.startsWith('HOPSCOPE_') || name === 'PORT') delete env[name];
  return env;
};
const report = (args: string[]) =>
  run('npx', ['tsx', '--conditions=react-server', 'scripts/report.ts', ...args], { cwd: REPO_ROOT, env: childEnv(), timeout: 30_000 });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hopscope-report-test-'));
  writeFileSync(path.join(dir, 'edge.ndjson'), `${toNdjson(EDGE_LINES)}this line is not JSON\n`);
  writeFileSync(path.join(dir, 'ingress.ndjson'), toNdjson(INGRESS_LINES));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run report', () => {
  it('prints the hand-computed histograms, counts, slowest hop and demo command', async () => {
    const edgeFile = path.join(dir, 'edge.ndjson');
    const ingressFile = path.join(dir, 'ingress.ndjson');
    const { stdout, stderr } = await report(['--edge', edgeFile, '--ingress', ingressFile, '--edge-format', 'json', '--ingress-format', 'json']);

    expect(stderr).toContain('loaded 7 edge and 5 ingress lines');
    expect(stdout).toContain('6 traces at the edge · 5 joined with ingress · 1 edge only');

    const edgeSection = section(stdout, 'Edge request_time · 6 traces');
    expect(edgeSection).toContain('p50 120 ms · p90 4,000 ms · p99 4,000 ms');
    for (const [label, count] of [['0–100', 2], ['100–200', 1], ['200–1,100', 0], ['1,100–1,200', 1], ['1,200–1,300', 1], ['1,300–3,500', 0], ['≥ 3,500', 1]] as const) {
      expect(edgeSection).toMatch(row(label, count));
    }

    const ingressSection = section(stdout, 'Ingress request_time · 5 traces');
    expect(ingressSection).toContain('p50 900 ms · p90 1,200 ms · p99 1,200 ms');
    for (const [label, count] of [['0–100', 1], ['100–200', 1], ['200–900', 0], ['900–1,000', 1], ['1,000–1,100', 1], ['1,100–1,200', 0], ['1,200–1,300', 1], ['1,300–3,500', 0]] as const) {
      expect(ingressSection).toMatch(row(label, count));
    }

    const gapSection = section(stdout, 'Edge − ingress (between the tiers) · 5 traces');
    expect(gapSection).toContain('p50 20 ms · p90 3,100 ms · p99 3,100 ms');
    for (const [label, count] of [['0–100', 4], ['100–3,100', 0], ['3,100–3,200', 1], ['3,200–3,500', 0]] as const) expect(gapSection).toMatch(row(label, count));

    const insideSection = section(stdout, 'Ingress − upstream (inside ingress-nginx) · 5 traces');
    expect(insideSection).toContain('p50 50 ms · p90 1,050 ms · p99 1,050 ms');
    for (const [label, count] of [['0–100', 3], ['100–1,000', 0], ['1,000–1,100', 2], ['1,100–3,500', 0]] as const) expect(insideSection).toMatch(row(label, count));

    expect(stdout).toContain('Slowest hop: inside ingress-nginx');
    expect(stdout).toContain('largest in 67 % of the 3 requests ≥ 1 s that split into segments');
    expect(stdout).toContain('1 edge document skipped: request_time unparsable');
    expect(stdout).toMatch(/^ {2}1 edge line unreadable/m);
    expect(stdout).toContain(
      `HOPSCOPE_EDGE_FILES=${edgeFile} HOPSCOPE_INGRESS_FILES=${ingressFile} HOPSCOPE_EDGE_FORMAT=json HOPSCOPE_INGRESS_FORMAT=json npm run demo`,
    );
    expect(stdout).toContain('http://localhost:3000/?from=2020-11-19T10%3A00%3A01.000Z&to=2020-11-19T10%3A00%3A07.001Z');
    for (const line of stdout.split('\n').filter((text) => text.includes('│'))) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('exits non-zero naming a missing file, without a stack trace', async () => {
    const missing = path.join(dir, 'no-such-edge.ndjson');
    const failure = await report(['--edge', missing, '--ingress', path.join(dir, 'ingress.ndjson')]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe(`hopscope report: edge file not found: ${missing}`);
  });
});
