import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { MappingError } from './answer-errors';
import { RESOLVED_FIELDS, type FieldKind, type TierFieldTypes } from './field-caps';
import { groupFieldOrThrow, timingFieldOrThrow, toTraceSetFields, traceIdFieldOrThrow, type FieldPlan } from './query-plan';

const tierOf = (kinds: Partial<Record<(typeof RESOLVED_FIELDS)[number], FieldKind>>, defaultKind: FieldKind = 'keyword'): TierFieldTypes =>
  Object.fromEntries(
    RESOLVED_FIELDS.map((field) => {
      const kind = kinds[field] ?? (field === 'timestamp' ? 'date' : defaultKind);
      return [field, { name: DEFAULT_FIELD_NAMES[field], kind, types: [kind], aggregatable: true }];
    }),
  ) as TierFieldTypes;

const planOf = (edge: TierFieldTypes, ingress: TierFieldTypes = tierOf({})): FieldPlan => ({ fields: sameInBothTiers(DEFAULT_FIELD_NAMES), edge, ingress });

describe('query plan', () => {
  it('numeric or keyword request_time decides the trace set fields', () => {
    expect(toTraceSetFields(planOf(tierOf({ requestTime: 'number' }))).edgeRequestTime).toEqual({ kind: 'number', field: 'request_time' });
    expect(toTraceSetFields(planOf(tierOf({}))).edgeRequestTime).toEqual({ kind: 'keyword', field: 'request_time', values: [] });
    // A field no index maps holds no values: its queries match nothing.
    expect(toTraceSetFields(planOf(tierOf({ requestTime: 'unmapped' }))).edgeRequestTime.kind).toBe('number');
  });

  it('refuses timings it cannot read exactly, saying what to change', () => {
    expect(() => timingFieldOrThrow(planOf(tierOf({ requestTime: 'integer' })), 'edge', 'requestTime')).toThrow(/whole seconds only/);
    expect(() => timingFieldOrThrow(planOf(tierOf({ requestTime: 'conflict' })), 'edge', 'requestTime')).toThrow(/one type in all indices/);
    expect(() => timingFieldOrThrow(planOf(tierOf({ requestTime: 'text' })), 'edge', 'requestTime')).toThrow(MappingError);
    expect(() => groupFieldOrThrow(planOf(tierOf({ host: 'text' })), 'edge', 'host')).toThrow(/keyword/);
    expect(() => traceIdFieldOrThrow(planOf(tierOf({ traceId: 'date' })), 'edge')).toThrow(/trace ids must be keyword/);
  });

  it('keeps the aggregation of timings whose doc values miss the millisecond, or that have none, to the lines', () => {
    const edgeWith = (requestTime: Partial<TierFieldTypes['requestTime']>) => planOf({ ...tierOf({}), requestTime: { ...tierOf({}).requestTime, kind: 'number', ...requestTime } });
    expect(() => timingFieldOrThrow(edgeWith({ types: ['scaled_float'] }), 'edge', 'requestTime')).toThrow(/keeps scaled_float values coarser than the millisecond/);
    expect(() => timingFieldOrThrow(edgeWith({ types: ['float', 'half_float'] }), 'edge', 'requestTime')).toThrow(/keeps half_float values coarser/);
    expect(() => timingFieldOrThrow(edgeWith({ types: ['float'], aggregatable: false }), 'edge', 'requestTime')).toThrow(/without doc values in some index/);
    expect(timingFieldOrThrow(edgeWith({ types: ['double', 'float'] }), 'edge', 'requestTime')).toEqual({ name: 'request_time', kind: 'number' });
  });

  it('numeric trace ids are not strings', () => {
    expect(traceIdFieldOrThrow(planOf(tierOf({ traceId: 'integer' })), 'edge')).toEqual({ name: 'trace_id', isKeyword: false });
    expect(traceIdFieldOrThrow(planOf(tierOf({})), 'edge')).toEqual({ name: 'trace_id', isKeyword: true });
  });
});
