import { describe, expect, it } from 'vitest';
import { createLoadProgressLog } from './load-progress-log';

describe('createLoadProgressLog', () => {
  it('logs at most every few seconds while loading, and always when the trace table is built', () => {
    const lines: string[] = [];
    let now = 0;
    const log = createLoadProgressLog((line) => lines.push(line), () => now);
    log({ stage: 'plan', tier: 'edge', estimatedLines: 1_000_000 });
    log({ stage: 'plan', tier: 'ingress', estimatedLines: 1_000_000 });
    now = 1_000;
    log({ stage: 'store', tier: 'edge', share: 0.1, elapsedMs: 1_000 });
    now = 6_000;
    log({ stage: 'store', tier: 'edge', share: 0.6, elapsedMs: 6_000 });
    now = 7_000;
    log({ stage: 'build', tier: null, lines: 1_992_904 });
    expect(lines).toEqual([
      'hopscope: loading 0.1 M of ~2.0 M lines (edge 0.1 M, ingress 0; 100,000 lines/s), about 19 s left',
      'hopscope: loading 0.6 M of ~2.0 M lines (edge 0.6 M, ingress 0; 100,000 lines/s), about 14 s left',
      'hopscope: building the trace table from 2.0 M lines',
    ]);
  });
});
