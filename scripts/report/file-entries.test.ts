import { describe, expect, it } from 'vitest';
import { isGlob, resolveFileEntry, splitFileOptions, toFileEntry, toRootRelativeEntry } from './file-entries';

describe('splitFileOptions', () => {
  it('splits comma-separated values of repeated options and drops empty entries', () => {
    expect(splitFileOptions(['a.log, b.log', 'c.log,', ''])).toEqual(['a.log', 'b.log', 'c.log']);
  });
});

describe('toFileEntry', () => {
  it('reads a host prefix, and leaves paths whose part before = has a slash alone', () => {
    expect(toFileEntry('ingress-node-2=/logs/n2/access.log')).toEqual({ host: 'ingress-node-2', filePath: '/logs/n2/access.log' });
    expect(toFileEntry('/logs/a=b.log')).toEqual({ host: null, filePath: '/logs/a=b.log' });
    expect(toFileEntry('logs/x.log')).toEqual({ host: null, filePath: 'logs/x.log' });
  });
});

describe('resolveFileEntry', () => {
  it('makes the path absolute against the directory the command ran in, keeping host and glob', () => {
    expect(resolveFileEntry('logs/*.ndjson', '/home/me')).toBe('/home/me/logs/*.ndjson');
    expect(resolveFileEntry('node-1=../n1.log', '/home/me')).toBe('node-1=/home/n1.log');
    expect(resolveFileEntry('/var/log/edge.log', '/home/me')).toBe('/var/log/edge.log');
  });
});

describe('isGlob', () => {
  it('recognizes wildcard, class and brace patterns', () => {
    expect(isGlob('/logs/*.log')).toBe(true);
    expect(isGlob('/logs/n[12].log')).toBe(true);
    expect(isGlob('/logs/edge.log')).toBe(false);
  });
});

describe('toRootRelativeEntry', () => {
  it('shows paths inside the repository relative to it and others absolute', () => {
    expect(toRootRelativeEntry('/repo/.data/sample/edge.ndjson', '/repo')).toBe('.data/sample/edge.ndjson');
    expect(toRootRelativeEntry('node-1=/repo/logs/n1.log', '/repo')).toBe('node-1=logs/n1.log');
    expect(toRootRelativeEntry('/var/log/edge.log', '/repo')).toBe('/var/log/edge.log');
    expect(toRootRelativeEntry('/repository-two/edge.log', '/repo')).toBe('/repository-two/edge.log');
  });
});
