import { describe, expect, it } from 'vitest';
import type { DimensionField } from '@/lib/domain/dimension-filters';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { toTierDocument } from '@/lib/domain/tier-document';
import { RESOLVED_FIELDS, type TierFieldTypes } from './field-caps';
import { passesIngressFilters, toIngressFilters, withIngressFilterSources } from './ingress-filters';
import type { FieldPlan } from './query-plan';

const KEYWORDS = Object.fromEntries(RESOLVED_FIELDS.map((field) => [field, { name: DEFAULT_FIELD_NAMES[field], kind: 'keyword', types: ['keyword'] }])) as TierFieldTypes;
const PLAN: FieldPlan = { fields: DEFAULT_FIELD_NAMES, edge: KEYWORDS, ingress: { ...KEYWORDS, host: { name: '@source.keyword', kind: 'keyword', types: ['text'] } } };
const QUERY = { fromMs: 0, toMs: 1, app: null, path: null, latencyMinMs: null, latencyMaxMs: null };
const include = (field: DimensionField, value: string) => ({ field, value, exclude: false });
const exclude = (field: DimensionField, value: string) => ({ field, value, exclude: true });

const ingressLine = (fields: Record<string, unknown>) => {
  const result = toTierDocument({ trace_id: 't', '@timestamp': 0, request_time: '0.1', ...fields }, 'ingress', DEFAULT_FIELD_NAMES);
  if (!result.ok) throw new Error('the line should be valid');
  return result.document;
};

describe('ingress filters', () => {
  it('are none without ingress filters (edge filters go into the requests)', () => {
    expect(toIngressFilters(PLAN, QUERY)).toBeNull();
    expect(toIngressFilters(PLAN, { ...QUERY, filters: [include('edge.host', 'edge-1')] })).toBeNull();
    expect(passesIngressFilters(null, null)).toBe(true);
  });

  it('read each filtered field once, on the field the mappings resolved', () => {
    const filters = toIngressFilters(PLAN, {
      ...QUERY,
      filters: [include('ingress.host', 'ingress-node-1'), include('edge.method', 'GET'), include('ingress.host', 'ingress-node-2'), exclude('ingress.status', '504')],
    });
    expect(filters).toEqual({
      filters: [include('ingress.host', 'ingress-node-1'), include('ingress.host', 'ingress-node-2'), exclude('ingress.status', '504')],
      reads: [
        { logical: 'host', source: { name: 'dimension_host', field: '@source.keyword' } },
        { logical: 'status', source: { name: 'dimension_status', field: 'status' } },
      ],
    });
    // A reading that has the host already keeps its own source for it.
    const reading = { sources: [{ name: 'host', field: '@source.keyword' }], fields: { host: 'host' } };
    expect(withIngressFilterSources(reading, filters)).toEqual({
      sources: [{ name: 'host', field: '@source.keyword' }, { name: 'dimension_status', field: 'status' }],
      fields: { host: 'host', status: 'dimension_status' },
    });
  });

  it('judge the ingress representative; a trace without one fails includes and passes excludes', () => {
    const nodeTwo = toIngressFilters(PLAN, { ...QUERY, filters: [include('ingress.host', 'ingress-node-2')] });
    const notNodeTwo = toIngressFilters(PLAN, { ...QUERY, filters: [exclude('ingress.host', 'ingress-node-2')] });
    const line = ingressLine({ '@source': 'ingress-node-2' });
    expect([passesIngressFilters(nodeTwo, line), passesIngressFilters(nodeTwo, ingressLine({ '@source': 'ingress-node-1' })), passesIngressFilters(nodeTwo, null)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([passesIngressFilters(notNodeTwo, line), passesIngressFilters(notNodeTwo, null)]).toEqual([false, true]);
  });
});
