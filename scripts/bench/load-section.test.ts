import { describe, expect, it } from 'vitest';
import { extractLoadSection, LOAD_END, LOAD_START, renderLoadSection, replaceLoadSection, type LoadResults } from './load-section';

const results: LoadResults = {
  date: '2026-11-27',
  commit: 'abc1234',
  connections: 50,
  durationSeconds: 60,
  path: '/api/v1/histograms?from=a&to=b',
  cores: 2,
  loadBefore: 1.5,
  notes: ['a note'],
  runs: [
    { backend: 'embedded store (DuckDB)', requests: 12_345, non2xx: 0, errors: 0, timeouts: 0, p50Ms: 230.4, p90Ms: 300, p99Ms: 410.6, maxMs: 900, requestsPerSecond: 205.75, load: { samples: 12, min: 2, median: 2.5, max: 3.25 } },
  ],
};

describe('load section', () => {
  it('renders the table between its markers', () => {
    const section = renderLoadSection(results);
    expect(section.startsWith(LOAD_START)).toBe(true);
    expect(section.endsWith(LOAD_END)).toBe(true);
    expect(section).toContain('| embedded store (DuckDB) | 12,345 | 0 / 0 / 0 | 230 ms | 300 ms | 411 ms | 900 ms | 205.8 | 2.0–3.3 (median 2.5) |');
    expect(section).toContain('load average (1 min) 1.5 before the run');
    expect(section).toContain('- a note');
  });

  it('replaces an earlier section in place and leaves the rest alone', () => {
    const before = `# Results\n\ntext\n\n${LOAD_START}\nold\n${LOAD_END}\n\ntail $& $1\n`;
    const after = replaceLoadSection(before, `${LOAD_START}\nnew\n${LOAD_END}`);
    expect(after).toBe(`# Results\n\ntext\n\n${LOAD_START}\nnew\n${LOAD_END}\n\ntail $& $1\n`);
  });

  it('appends the section when there is none', () => {
    expect(replaceLoadSection('# Results\n', `${LOAD_START}\nx\n${LOAD_END}`)).toBe(`# Results\n\n${LOAD_START}\nx\n${LOAD_END}\n`);
  });

  it('extracts nothing from a file without both markers', () => {
    expect(extractLoadSection(null)).toBeNull();
    expect(extractLoadSection(`${LOAD_START} but no end`)).toBeNull();
  });
});
