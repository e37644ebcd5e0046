import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { checkJsonFields } from './json-field-check';

const line = (doc: object) => JSON.stringify(doc);

describe('checkJsonFields', () => {
  it('finds nothing missing on ELK documents with the configured names', () => {
    expect(checkJsonFields([line({ '@timestamp': '2020-11-19T02:00:00Z', trace_id: 'a', request_time: 0.1 })], DEFAULT_FIELD_NAMES, 'edge')).toEqual({});
  });

  it("suggests the mapping for nginx JSON logs that use nginx variable names, in the tier's own variable", () => {
    const nginxJson = line({ time_local: '19/Nov/2020:02:00:00 +0000', request_id: 'a', request_time: '0.100', status: '200' });
    expect(checkJsonFields(['not json', nginxJson], DEFAULT_FIELD_NAMES, 'edge')).toEqual({
      timestamp: `the lines carry "time_local": set HOPSCOPE_EDGE_FIELDS='{"timestamp":"time_local"}'`,
      traceId: `the lines carry "request_id": set HOPSCOPE_EDGE_FIELDS='{"traceId":"request_id"}'`,
    });
    expect(checkJsonFields([nginxJson], DEFAULT_FIELD_NAMES, 'ingress').timestamp).toBe(`the lines carry "time_local": set HOPSCOPE_INGRESS_FIELDS='{"timestamp":"time_local"}'`);
  });

  it('says how to name a field it cannot guess, and checks nested names', () => {
    const ecs = line({ '@timestamp': '2020-11-19T02:00:00Z', http: { request: { id: 'a' } }, event: { duration: 1 } });
    expect(checkJsonFields([ecs], DEFAULT_FIELD_NAMES, 'edge')).toEqual({
      traceId: `the lines carry "http.request.id": set HOPSCOPE_EDGE_FIELDS='{"traceId":"http.request.id"}'`,
      requestTime: `name the field that holds it in HOPSCOPE_EDGE_FIELDS (e.g. '{"requestTime":"requestTime"}')`,
    });
    expect(checkJsonFields(['', 'garbage'], DEFAULT_FIELD_NAMES, 'edge')).toEqual({});
  });
});
