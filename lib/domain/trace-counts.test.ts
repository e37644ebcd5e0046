import { describe, expect, it } from 'vitest';
import { describeSkipped, describeUnreadable, sortSkipped, type SkippedCount } from './trace-counts';

describe('sortSkipped', () => {
  it('orders by tier (edge first), then field, then reason, and drops zero counts', () => {
    const skipped: SkippedCount[] = [
      { tier: 'ingress', field: 'requestTime', reason: 'unparsable', count: 3 },
      { tier: 'edge', field: 'traceId', reason: 'missing', count: 5 },
      { tier: 'edge', field: 'requestTime', reason: 'unparsable', count: 2 },
      { tier: 'edge', field: 'requestTime', reason: 'missing', count: 0 },
      { tier: 'edge', field: 'requestTime', reason: 'negative', count: 1 },
      { tier: 'ingress', field: 'requestTime', reason: 'missing', count: 4 },
      { tier: 'edge', field: 'timestamp', reason: 'unparsable', count: 7 },
      { tier: 'edge', field: 'requestTime', reason: 'out-of-range', count: 6 },
    ];
    expect(sortSkipped(skipped)).toEqual([
      { tier: 'edge', field: 'requestTime', reason: 'negative', count: 1 },
      { tier: 'edge', field: 'requestTime', reason: 'out-of-range', count: 6 },
      { tier: 'edge', field: 'requestTime', reason: 'unparsable', count: 2 },
      { tier: 'edge', field: 'timestamp', reason: 'unparsable', count: 7 },
      { tier: 'edge', field: 'traceId', reason: 'missing', count: 5 },
      { tier: 'ingress', field: 'requestTime', reason: 'missing', count: 4 },
      { tier: 'ingress', field: 'requestTime', reason: 'unparsable', count: 3 },
    ]);
  });

  it('does not change its input', () => {
    const skipped: SkippedCount[] = [
      { tier: 'ingress', field: 'traceId', reason: 'missing', count: 1 },
      { tier: 'edge', field: 'traceId', reason: 'missing', count: 1 },
    ];
    const copy = structuredClone(skipped);
    sortSkipped(skipped);
    expect(skipped).toEqual(copy);
  });

  it('returns an empty list when everything is zero', () => {
    expect(sortSkipped([{ tier: 'edge', field: 'traceId', reason: 'missing', count: 0 }])).toEqual([]);
  });
});

describe('describeSkipped', () => {
  it('uses the singular for one document', () => {
    expect(describeSkipped({ tier: 'edge', field: 'requestTime', reason: 'missing', count: 1 }, 'request_time')).toBe(
      '1 edge document skipped: request_time missing',
    );
  });

  it('uses the plural and thousands separators for more', () => {
    expect(describeSkipped({ tier: 'ingress', field: 'requestTime', reason: 'unparsable', count: 1234 }, 'request_time')).toBe(
      '1,234 ingress documents skipped: request_time unparsable',
    );
    expect(describeSkipped({ tier: 'edge', field: 'traceId', reason: 'missing', count: 2 }, 'trace_id')).toBe(
      '2 edge documents skipped: trace_id missing',
    );
  });

  it('names each reason and the configured field name', () => {
    expect(describeSkipped({ tier: 'edge', field: 'requestTime', reason: 'negative', count: 3 }, 'nginx.request_time')).toBe(
      '3 edge documents skipped: nginx.request_time negative',
    );
    expect(describeSkipped({ tier: 'ingress', field: 'requestTime', reason: 'out-of-range', count: 1_000_000 }, 'request_time')).toBe(
      '1,000,000 ingress documents skipped: request_time out-of-range',
    );
  });
});

describe('describeUnreadable', () => {
  it('says nothing when every line was readable', () => {
    expect(describeUnreadable(undefined)).toEqual([]);
    expect(describeUnreadable({ edge: 0, ingress: 0 })).toEqual([]);
  });

  it('says each tier’s own reason when the answer carries it', () => {
    expect(describeUnreadable({ edge: 0, ingress: 3 }, { ingress: 'not in the ingress-nginx format, or not in the cri envelope' })).toEqual([
      '3 ingress lines unreadable (not in the ingress-nginx format, or not in the cri envelope)',
    ]);
  });

  it('gives one sentence per tier with unreadable lines', () => {
    expect(describeUnreadable({ edge: 1, ingress: 0 })).toEqual(['1 edge line unreadable (not JSON, not UTF-8, or not in the log_format)']);
    expect(describeUnreadable({ edge: 2, ingress: 1_500 })).toEqual([
      '2 edge lines unreadable (not JSON, not UTF-8, or not in the log_format)',
      '1,500 ingress lines unreadable (not JSON, not UTF-8, or not in the log_format)',
    ]);
  });
});
