import { describe, expect, it } from 'vitest';
import { LoadTracker } from './load-tracker';

describe('LoadTracker', () => {
  it('adds both tiers: lines read from text, DuckDB\'s share of the estimate for JSON, then the build', () => {
    let now = 0;
    const tracker = new LoadTracker(() => now);
    tracker.record({ stage: 'plan', tier: 'edge', estimatedLines: 1_000_000 });
    expect(tracker.status()).toEqual({ stage: 'loading', linesLoaded: 0, tierLines: { edge: 0, ingress: 0 }, linesEstimated: null, elapsedMs: 0 });
    now = 10_000;
    tracker.record({ stage: 'store', tier: 'edge', share: 0.5, elapsedMs: 10_000 });
    tracker.record({ stage: 'plan', tier: 'ingress', estimatedLines: 1_000_000 });
    tracker.record({ stage: 'read', tier: 'ingress', linesRead: 200_000, bytesRead: 1, totalBytes: 5, elapsedMs: 2_000 });
    expect(tracker.status()).toEqual({ stage: 'loading', linesLoaded: 700_000, tierLines: { edge: 500_000, ingress: 200_000 }, linesEstimated: 2_000_000, elapsedMs: 10_000 });
    // DuckDB storing converted text reports its share of the same lines: never counted twice.
    tracker.record({ stage: 'store', tier: 'ingress', share: 0.1, elapsedMs: 1_000 });
    expect(tracker.status().linesLoaded).toBe(700_000);
    now = 30_000;
    tracker.record({ stage: 'build', tier: null, lines: 1_992_904 });
    expect(tracker.status()).toMatchObject({ stage: 'building', linesLoaded: 1_992_904, linesEstimated: 1_992_904, elapsedMs: 30_000 });
  });

  it('gives no estimate while a tier\'s files cannot be estimated', () => {
    const tracker = new LoadTracker(() => 0);
    tracker.record({ stage: 'plan', tier: 'edge', estimatedLines: 10 });
    tracker.record({ stage: 'plan', tier: 'ingress', estimatedLines: null });
    expect(tracker.status().linesEstimated).toBeNull();
  });
});
