import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { buildTierTemplate, toDailyIndex } from './seed-elasticsearch';

describe('seed-elasticsearch', () => {
  it('names daily indices by the UTC day of @timestamp', () => {
    expect(toDailyIndex('nginx-access-', Date.UTC(2020, 10, 19, 23, 59, 59, 999))).toBe('nginx-access-2020.11.19');
    expect(toDailyIndex('ingress-', Date.UTC(2020, 10, 20))).toBe('ingress-2020.11.20');
  });

  it('edge template: dynamic timings as float (also when the first value is an integer), strings as keyword', () => {
    const timing = (name: string) => ({ [`integer_${name}_as_float`]: { path_match: name, match_mapping_type: 'long', mapping: { type: 'float' } } });
    expect(buildTierTemplate('edge', 'nginx-access-', 2, DEFAULT_FIELD_NAMES)).toEqual({
      name: 'hopscope-nginx-access-template',
      index_patterns: ['nginx-access-*'],
      priority: 500,
      template: {
        settings: { number_of_shards: 2, number_of_replicas: 0 },
        mappings: {
          dynamic_templates: [
            timing('request_time'),
            timing('upstream_connect_time'),
            timing('upstream_header_time'),
            timing('upstream_response_time'),
            { strings_as_keyword: { match_mapping_type: 'string', mapping: { type: 'keyword', ignore_above: 2048 } } },
          ],
          properties: { '@timestamp': { type: 'date' } },
        },
      },
    });
  });

  it('ingress template: timings mapped as keyword strings', () => {
    const template = buildTierTemplate('ingress', 'ingress-', 1, DEFAULT_FIELD_NAMES).template!;
    expect(template.mappings).toEqual({
      dynamic_templates: [{ strings_as_keyword: { match_mapping_type: 'string', mapping: { type: 'keyword', ignore_above: 2048 } } }],
      properties: {
        '@timestamp': { type: 'date' },
        request_time: { type: 'keyword' },
        upstream_connect_time: { type: 'keyword' },
        upstream_header_time: { type: 'keyword' },
        upstream_response_time: { type: 'keyword' },
      },
    });
  });
});
