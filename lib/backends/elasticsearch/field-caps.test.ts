import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { buildFieldCapsRequest, parseFieldCaps, parseFieldLayout } from './field-caps';
import { recorded } from './parse/testdata/recorded';


describe('field caps', () => {
  it('asks for each field and its .keyword sub-field', () => {
    const request = buildFieldCapsRequest('nginx-*', DEFAULT_FIELD_NAMES);
    expect(request).toEqual({
      index: 'nginx-*',
      fields: [
        '@timestamp', '@timestamp.keyword', 'trace_id', 'trace_id.keyword', 'request_time', 'request_time.keyword',
        'upstream_connect_time', 'upstream_connect_time.keyword', 'upstream_response_time', 'upstream_response_time.keyword',
        'upstream_addr', 'upstream_addr.keyword', '@source', '@source.keyword', 'app_name', 'app_name.keyword', 'path', 'path.keyword',
        'request_method', 'request_method.keyword', 'status', 'status.keyword', 'proxy_upstream_name', 'proxy_upstream_name.keyword',
        // The layout markers (field-presets.ts); trace_id and request_time are already asked for.
        'nginx.access.remote_ip_list', 'fileset.name', 'nginx.ingress_controller.http.request.time', 'data_stream.dataset',
        'nginx_ingress_controller.access.http.request.time',
      ],
      ignore_unavailable: true,
      allow_no_indices: true,
    });
  });

  it('reads the seeded mappings: edge timings float, ingress timings keyword', () => {
    const edge = parseFieldCaps(recorded<estypes.FieldCapsResponse>('field-caps-edge-numbers'), DEFAULT_FIELD_NAMES);
    expect(edge.requestTime).toEqual({ name: 'request_time', kind: 'number', types: ['float'], aggregatable: true });
    expect(edge.traceId).toEqual({ name: 'trace_id', kind: 'keyword', types: ['keyword'], aggregatable: true });
    expect(edge.timestamp).toEqual({ name: '@timestamp', kind: 'date', types: ['date'], aggregatable: true });
    const ingress = parseFieldCaps(recorded<estypes.FieldCapsResponse>('field-caps-ingress'), DEFAULT_FIELD_NAMES);
    expect(ingress.requestTime).toEqual({ name: 'request_time', kind: 'keyword', types: ['keyword'], aggregatable: true });
    expect(ingress.appName).toEqual({ name: 'app_name', kind: 'unmapped', types: [], aggregatable: true });
  });

  it('text with a .keyword sub-field, integer types and conflicts', () => {
    const response = {
      indices: ['a', 'b'],
      fields: {
        trace_id: { text: { type: 'text', searchable: true, aggregatable: false } },
        'trace_id.keyword': { keyword: { type: 'keyword', searchable: true, aggregatable: true } },
        request_time: { long: { type: 'long', searchable: true, aggregatable: true } },
        upstream_response_time: {
          float: { type: 'float', searchable: true, aggregatable: true, indices: ['a'] },
          keyword: { type: 'keyword', searchable: true, aggregatable: true, indices: ['b'] },
        },
        upstream_connect_time: { float: { type: 'float', searchable: true, aggregatable: true }, double: { type: 'double', searchable: true, aggregatable: true } },
        path: { text: { type: 'text', searchable: true, aggregatable: false } },
      },
    } as unknown as estypes.FieldCapsResponse;
    const types = parseFieldCaps(response, DEFAULT_FIELD_NAMES);
    expect(types.traceId).toEqual({ name: 'trace_id.keyword', kind: 'keyword', types: ['text'], aggregatable: true });
    expect(types.requestTime.kind).toBe('integer');
    expect(types.upstreamResponseTime).toEqual({ name: 'upstream_response_time', kind: 'conflict', types: ['float', 'keyword'], aggregatable: true });
    expect(types.upstreamConnectTime).toEqual({ name: 'upstream_connect_time', kind: 'number', types: ['double', 'float'], aggregatable: true });
    expect(types.path).toEqual({ name: 'path', kind: 'text', types: ['text'], aggregatable: false });
  });

  it('keys of a flattened object: keywords where their object is flattened, aggregatable as it is', () => {
    const fields = { ...DEFAULT_FIELD_NAMES, traceId: 'nginx.trace_id', requestTime: 'nginx.request_time', path: 'req.url.path' };
    // The objects a dotted name may sit in are asked for too.
    expect(buildFieldCapsRequest('nginx-*', fields).fields).toEqual(expect.arrayContaining(['nginx.trace_id', 'nginx', 'req', 'req.url', 'req.url.path']));
    const response = {
      indices: ['a', 'b'],
      fields: {
        // Flattened in index a; a real float in index b (a mapping changed over time).
        nginx: { flattened: { type: 'flattened', searchable: true, aggregatable: true, indices: ['a'] }, object: { type: 'object', searchable: false, aggregatable: false, indices: ['b'] } },
        'nginx.request_time': { float: { type: 'float', searchable: true, aggregatable: true, indices: ['b'] } },
        // A flattened object without doc values: searched, never aggregated.
        'req.url': { flattened: { type: 'flattened', searchable: true, aggregatable: false } },
        req: { object: { type: 'object', searchable: false, aggregatable: false } },
      },
    } as unknown as estypes.FieldCapsResponse;
    const types = parseFieldCaps(response, fields);
    expect(types.traceId).toEqual({ name: 'nginx.trace_id', kind: 'keyword', types: ['flattened'], aggregatable: true });
    expect(types.requestTime).toEqual({ name: 'nginx.request_time', kind: 'conflict', types: ['flattened', 'float'], aggregatable: true });
    expect(types.path).toEqual({ name: 'req.url.path', kind: 'keyword', types: ['flattened'], aggregatable: false });
    // An object that is not flattened maps nothing by itself.
    const plainObject = { indices: ['b'], fields: { nginx: { object: { type: 'object', searchable: false, aggregatable: false } } } } as unknown as estypes.FieldCapsResponse;
    expect(parseFieldCaps(plainObject, fields).traceId.kind).toBe('unmapped');
  });

  it('reads the layout from the mapped markers; unmapped ones do not count', () => {
    const response = {
      indices: ['logs-nginx_ingress_controller.access-default'],
      fields: {
        'nginx_ingress_controller.access.http.request.time': { double: { type: 'double', searchable: true, aggregatable: true } },
        trace_id: { unmapped: { type: 'unmapped', searchable: false, aggregatable: false } },
        request_time: { unmapped: { type: 'unmapped', searchable: false, aggregatable: false } },
      },
    } as unknown as estypes.FieldCapsResponse;
    expect(parseFieldLayout(response)).toBe('elastic-agent-ingress-nginx');
    expect(parseFieldLayout(recorded<estypes.FieldCapsResponse>('field-caps-edge-numbers'))).toBe('hopscope-default');
  });
});
