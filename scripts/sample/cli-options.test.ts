import { describe, expect, it } from 'vitest';
import { parseGenerateSampleArgs, UsageError } from './cli-options';

describe('parseGenerateSampleArgs', () => {
  it('fills in the defaults', () => {
    expect(parseGenerateSampleArgs(['--out', '.data/sample'])).toEqual({
      help: false,
      outDir: '.data/sample',
      options: { traces: 20_000, seed: 1, scenario: 'incident', startMs: Date.UTC(2020, 10, 19, 2), hours: 4 },
      text: false,
    });
  });

  it('reads every option', () => {
    const args = ['--out', '/tmp/x', '--traces', '500', '--seed', '7', '--scenario', 'slow-app', '--start', '2021-03-01T12:30:00Z', '--hours', '1.5', '--text'];
    expect(parseGenerateSampleArgs(args)).toEqual({
      help: false,
      outDir: '/tmp/x',
      options: { traces: 500, seed: 7, scenario: 'slow-app', startMs: Date.UTC(2021, 2, 1, 12, 30), hours: 1.5 },
      text: true,
    });
  });

  it('answers --help', () => {
    expect(parseGenerateSampleArgs(['--help'])).toEqual({ help: true });
  });

  it.each([
    [[], /--out/],
    [['--out', 'x', '--traces', 'many'], /--traces/],
    [['--out', 'x', '--traces', '0'], /--traces/],
    [['--out', 'x', '--seed', '-1'], /--seed|seed/],
    [['--out', 'x', '--scenario', 'chaos'], /--scenario/],
    [['--out', 'x', '--start', '2020-11-19T02:00:00'], /--start/],
    [['--out', 'x', '--start', '2020-13-45T02:00:00Z'], /--start/],
    [['--out', 'x', '--hours', '0'], /--hours/],
    [['--out', 'x', '--verbose'], /verbose/],
  ])('rejects %j naming the option', (argv, message) => {
    expect(() => parseGenerateSampleArgs(argv)).toThrow(UsageError);
    expect(() => parseGenerateSampleArgs(argv)).toThrow(message);
  });
});
