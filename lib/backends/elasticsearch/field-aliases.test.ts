import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { buildFieldMappingRequest, describeSourceAliases, parseSourceAliases } from './field-aliases';
import { recorded } from './parse/testdata/recorded';

describe('field aliases', () => {
  it('asks for the mapping of every configured name, once each', () => {
    const request = buildFieldMappingRequest('nginx-*', { ...DEFAULT_FIELD_NAMES, upstreamHeaderTime: 'request_time' });
    expect(request.index).toBe('nginx-*');
    expect(request.fields).toContain('trace_id');
    expect(request.fields).toContain('@source');
    expect(new Set(request.fields).size).toBe((request.fields as string[]).length);
    expect(request).toMatchObject({ ignore_unavailable: true, allow_no_indices: true });
  });

  it('finds the names some index maps as aliases, with their paths; fields and other names are left alone', () => {
    // Recorded: an older index mapping request_time and trace_id as fields, a newer one as aliases.
    const aliases = parseSourceAliases(recorded<estypes.IndicesGetFieldMappingResponse>('field-mapping-aliases'), DEFAULT_FIELD_NAMES);
    expect(aliases).toEqual({ requestTime: ['nginx.rt'], traceId: ['nginx.trace.id'] });
    expect(describeSourceAliases(aliases, DEFAULT_FIELD_NAMES)).toEqual({ requestTime: 'request_time → nginx.rt', traceId: 'trace_id → nginx.trace.id' });
  });

  it('several paths of one name across indices, every logical field naming it; none at all', () => {
    const alias = (path: string) => ({ full_name: 'request_time', mapping: { request_time: { type: 'alias', path } } });
    const response = {
      b: { mappings: { request_time: alias('nginx.rt') } },
      a: { mappings: { request_time: alias('access.request_time') } },
      c: { mappings: { request_time: alias('nginx.rt') } },
      d: { mappings: {} },
    } as unknown as estypes.IndicesGetFieldMappingResponse;
    const fields = { ...DEFAULT_FIELD_NAMES, upstreamHeaderTime: 'request_time' };
    expect(parseSourceAliases(response, fields)).toEqual({ requestTime: ['access.request_time', 'nginx.rt'], upstreamHeaderTime: ['access.request_time', 'nginx.rt'] });
    expect(parseSourceAliases({}, DEFAULT_FIELD_NAMES)).toEqual({});
    expect(describeSourceAliases({}, DEFAULT_FIELD_NAMES)).toBeNull();
  });
});
