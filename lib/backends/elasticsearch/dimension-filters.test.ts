import { describe, expect, it } from 'vitest';
import type { DimensionField } from '@/lib/domain/dimension-filters';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { toTierDocument } from '@/lib/domain/tier-document';
import { MappingError } from './answer-errors';
import { dimensionValue, edgeDimensionFilters } from './dimension-filters';
import { RESOLVED_FIELDS, type TierFieldTypes } from './field-caps';

/** As dynamic mapping leaves the contract fixture's edge lines: @source text with a .keyword, status long. */
const MAPPINGS = {
  ...Object.fromEntries(RESOLVED_FIELDS.map((field) => [field, { name: DEFAULT_FIELD_NAMES[field], kind: 'keyword', types: ['keyword'], aggregatable: true }])),
  host: { name: '@source.keyword', kind: 'keyword', types: ['text'], aggregatable: true },
  status: { name: 'status', kind: 'integer', types: ['long'], aggregatable: true },
} as TierFieldTypes;

const include = (field: DimensionField, value: string) => ({ field, value, exclude: false });
const exclude = (field: DimensionField, value: string) => ({ field, value, exclude: true });
const NONE = { bool: { must_not: [{ match_all: {} }] } };

describe('edge dimension filters', () => {
  it('includes of a field as alternatives, fields and excludes all holding, on the resolved fields', () => {
    const filters = [
      include('edge.host', 'edge-1'),
      exclude('edge.status', '499'),
      include('edge.host', 'edge-2'),
      include('edge.upstreamAddr', '10.0.0.1:80, 10.0.0.2:80'),
      exclude('edge.method', 'HEAD'),
      exclude('edge.method', 'OPTIONS'),
      include('ingress.host', 'ingress-node-2'),
    ];
    expect(edgeDimensionFilters(filters, MAPPINGS)).toEqual([
      { terms: { '@source.keyword': ['edge-1', 'edge-2'] } },
      { terms: { upstream_addr: ['10.0.0.1:80, 10.0.0.2:80'] } },
      { bool: { must_not: [{ terms: { status: ['499'] } }] } },
      { bool: { must_not: [{ terms: { request_method: ['HEAD', 'OPTIONS'] } }] } },
    ]);
  });

  it('values the domain never reads as such: an include matches nothing, an exclude everything', () => {
    // "-" is no host; a status is three digits; "-" is an address list's missing attempt.
    expect(edgeDimensionFilters([include('edge.host', '-'), exclude('edge.status', 'abc')], MAPPINGS)).toEqual([NONE]);
    expect(edgeDimensionFilters([include('edge.status', '2000'), include('edge.status', '200')], MAPPINGS)).toEqual([{ terms: { status: ['200'] } }]);
    expect(edgeDimensionFilters([include('edge.upstreamAddr', '-')], MAPPINGS)).toEqual([{ terms: { upstream_addr: ['-'] } }]);
    // Text on a number field would be refused by a term query: host mapped as a number holds no "edge-1".
    expect(edgeDimensionFilters([include('edge.host', 'edge-1')], { ...MAPPINGS, host: { name: 'h', kind: 'number', types: ['float'], aggregatable: true } })).toEqual([NONE]);
  });

  it('needs the mappings only for edge filters, and refuses analyzed text', () => {
    expect(edgeDimensionFilters(undefined, undefined)).toEqual([]);
    expect(edgeDimensionFilters([include('ingress.status', '504')], undefined)).toEqual([]);
    expect(() => edgeDimensionFilters([include('edge.method', 'GET')], undefined)).toThrow(/mappings/);
    const text = { ...MAPPINGS, method: { name: 'request_method', kind: 'text', types: ['text'], aggregatable: true } } as TierFieldTypes;
    expect(() => edgeDimensionFilters([include('edge.method', 'GET')], text)).toThrow(MappingError);
  });
});

describe('dimension values', () => {
  it('reads a representative as the domain normalizes it', () => {
    const raw = {
      trace_id: 't',
      '@timestamp': '2020-11-19T02:00:00Z',
      request_time: '0.1',
      '@source': ' ingress-node-2 ',
      upstream_addr: ['10.0.0.1:80', '-'],
      status: '042',
      proxy_upstream_name: '-',
    };
    const result = toTierDocument(raw, 'ingress', DEFAULT_FIELD_NAMES);
    if (!result.ok) throw new Error('the document should be valid');
    expect(dimensionValue(result.document, 'ingress.host')).toBe('ingress-node-2');
    expect(dimensionValue(result.document, 'ingress.upstreamAddr')).toBe('10.0.0.1:80, -');
    expect(dimensionValue(result.document, 'ingress.status')).toBe('042');
    expect(dimensionValue(result.document, 'ingress.upstreamName')).toBeNull();
    expect(dimensionValue(result.document, 'edge.method')).toBeNull();
  });
});
