import { describe, expect, it } from 'vitest';
import { mergeNotices, type AnswerNotice } from './answer-notices';

const shards = (tier: 'edge' | 'ingress', failedShards: number): AnswerNotice => ({
  code: 'partial_shards', tier, indexPattern: `${tier}-*`, failedShards, totalShards: 5, message: `${failedShards} failed`,
});
const missing = (field: 'requestTime' | 'upstreamResponseTime'): AnswerNotice => ({ code: 'missing_field', tier: 'ingress', field, fix: 'x', message: field });

describe('mergeNotices', () => {
  it('tells each notice once, keeping the worst failed-shards count of a tier', () => {
    expect(mergeNotices([shards('edge', 1), shards('ingress', 2), shards('edge', 3), shards('edge', 2)])).toEqual([shards('edge', 3), shards('ingress', 2)]);
  });

  it('keeps the missing fields of one tier apart', () => {
    expect(mergeNotices([missing('requestTime'), missing('upstreamResponseTime'), missing('requestTime')])).toEqual([missing('requestTime'), missing('upstreamResponseTime')]);
  });
});
