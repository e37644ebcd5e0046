import { describe, expect, it } from 'vitest';
import { comparisonParamsSchema, correlationParamsSchema, slowParamsSchema } from './triage-query';

describe('triage parameters', () => {
  it('reads slow in seconds, as latencyMin', () => {
    expect(slowParamsSchema.parse({ slow: '1' })).toEqual({ slow: 1000 });
    expect(slowParamsSchema.parse({ slow: '0.25' })).toEqual({ slow: 250 });
    expect(slowParamsSchema.parse({})).toEqual({});
  });

  it.each([['0'], ['-1'], ['1.0001'], ['1s'], ['']])('refuses slow=%s', (slow) => {
    const parsed = slowParamsSchema.safeParse({ slow });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['slow']);
  });

  it('bounds the correlation limit', () => {
    expect(correlationParamsSchema.parse({ limit: '50' })).toEqual({ limit: 50 });
    expect(correlationParamsSchema.safeParse({ limit: '51' }).success).toBe(false);
    expect(correlationParamsSchema.safeParse({ limit: '0' }).success).toBe(false);
  });

  it('needs both compared instants, in the forms from/to accept', () => {
    expect(comparisonParamsSchema.parse({ compareFrom: 'now-2h', compareTo: '2020-11-19T03:00:00Z' })).toEqual({
      compareFrom: 'now-2h',
      compareTo: '2020-11-19T03:00:00Z',
    });
    expect(comparisonParamsSchema.safeParse({ compareFrom: 'now-2h' }).error?.issues[0]?.path).toEqual(['compareTo']);
    expect(comparisonParamsSchema.safeParse({ compareFrom: 'yesterday', compareTo: 'now' }).error?.issues[0]?.path).toEqual(['compareFrom']);
  });
});
