import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateIncident } from './incident-generator';
import { writeSampleFiles } from './write-sample-files';

describe('writeSampleFiles', () => {
  const directories: string[] = [];
  afterAll(async () => {
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  it('writes one JSON document a line per tier, the same documents the generator returns', async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'hopscope-sample-'));
    directories.push(outDir);
    const options = { traces: 3_000, seed: 4, scenario: 'incident' as const };
    const summary = await writeSampleFiles(path.join(outDir, 'nested'), options);

    const expected = generateIncident(options);
    const edgeText = await readFile(path.join(outDir, 'nested', 'edge.ndjson'), 'utf8');
    const ingressText = await readFile(path.join(outDir, 'nested', 'ingress.ndjson'), 'utf8');
    expect(edgeText).toBe(expected.edge.map((doc) => `${JSON.stringify(doc)}\n`).join(''));
    expect(ingressText).toBe(expected.ingress.map((doc) => `${JSON.stringify(doc)}\n`).join(''));
    expect(summary.lines).toEqual({ edge: expected.edge.length, ingress: expected.ingress.length });
    expect(await readdir(path.join(outDir, 'nested'))).toEqual(['edge.ndjson', 'ingress.ndjson']);

    const timestamps = [...expected.edge, ...expected.ingress].map((doc) => Date.parse(doc['@timestamp']));
    expect(summary.firstTimestamp).toBe(new Date(Math.min(...timestamps)).toISOString());
    expect(summary.lastTimestamp).toBe(new Date(Math.max(...timestamps)).toISOString());
  });

  it('spans the requested window', async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'hopscope-sample-'));
    directories.push(outDir);
    const startMs = Date.UTC(2021, 0, 1, 10);
    const summary = await writeSampleFiles(outDir, { traces: 1_000, startMs, hours: 1 });
    expect(Date.parse(summary.firstTimestamp!)).toBeGreaterThanOrEqual(startMs - 3);
    expect(Date.parse(summary.firstTimestamp!)).toBeLessThan(startMs + 60_000);
    expect(Date.parse(summary.lastTimestamp!)).toBeGreaterThan(startMs + 3_540_000);
    // Requests starting just before the end may finish a few seconds after it.
    expect(Date.parse(summary.lastTimestamp!)).toBeLessThan(startMs + 3_600_000 + 10_000);
  });
});
