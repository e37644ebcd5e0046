import { describe, expect, it } from 'vitest';
import { parseReportArgs, ReportUsageError, toReportEnv } from './cli-options';

const BASE = ['--edge', 'e.ndjson', '--ingress', 'i.ndjson'];

describe('parseReportArgs', () => {
  it('resolves repeated and comma-separated files against the base directory', () => {
    const options = parseReportArgs(['--edge', 'a.ndjson,b.ndjson', '--edge', '/x/c.ndjson', '--ingress', 'node-2=i.log'], '/w');
    expect(options).toEqual({
      edgeFiles: ['/w/a.ndjson', '/w/b.ndjson', '/x/c.ndjson'],
      ingressFiles: ['node-2=/w/i.log'],
      edgeFormat: undefined,
      ingressFormat: undefined,
      query: {},
    });
  });

  it('takes formats and the query options as text', () => {
    const options = parseReportArgs([...BASE, '--edge-format', 'json', '--from', 'now-2h', '--to', 'now', '--app', 'checkout', '--bucket', '0.05'], '/w');
    expect(options?.edgeFormat).toBe('json');
    expect(options?.query).toEqual({ from: 'now-2h', to: 'now', app: 'checkout', bucket: '0.05' });
  });

  it('returns null for --help', () => {
    expect(parseReportArgs(['--help'], '/w')).toBeNull();
    expect(parseReportArgs(['-h'], '/w')).toBeNull();
  });

  it.each([
    [['--ingress', 'i.ndjson'], '--edge is required'],
    [['--edge', 'e.ndjson', '--ingress', ','], '--ingress is required'],
    [[...BASE, '--frm', 'x'], "Unknown option '--frm'"],
    [[...BASE, '--from', 'yesterday'], '--from: expected an ISO-8601 instant'],
    [[...BASE, '--bucket', 'fast'], '--bucket: bucket must be a non-negative number of seconds'],
    [[...BASE, '--edge-format', ' '], '--edge-format must not be empty'],
    [['--edge', 'e.ndjson', '--ingress', 'i.ndjson', 'extra'], "Unexpected argument 'extra'"],
  ])('refuses %j naming the option', (argv, message) => {
    expect(() => parseReportArgs(argv, '/w')).toThrow(ReportUsageError);
    expect(() => parseReportArgs(argv, '/w')).toThrow(message);
  });
});

describe('toReportEnv', () => {
  it('sets the embedded store on the files and formats given, keeping the rest of the environment', () => {
    const options = { edgeFiles: ['/w/a', '/w/b'], ingressFiles: ['/w/i'], edgeFormat: 'json', ingressFormat: undefined, query: {} };
    expect(toReportEnv(options, { NODE_ENV: 'test', HOPSCOPE_BACKEND: 'elasticsearch', HOPSCOPE_FIELDS: '{}', HOPSCOPE_INGRESS_FORMAT: 'combined' })).toEqual({
      NODE_ENV: 'test',
      HOPSCOPE_BACKEND: 'duckdb',
      HOPSCOPE_FIELDS: '{}',
      HOPSCOPE_EDGE_FILES: '/w/a,/w/b',
      HOPSCOPE_INGRESS_FILES: '/w/i',
      HOPSCOPE_EDGE_FORMAT: 'json',
      HOPSCOPE_INGRESS_FORMAT: 'combined',
    });
  });
});
