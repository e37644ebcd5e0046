import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { FIELD_PRESETS } from '@/lib/domain/field-presets';
import { ConfigError, readServerConfig as readServer } from './config';

const readServerConfig = (env: Record<string, string>) => readServer(env as NodeJS.ProcessEnv);

describe('HOPSCOPE_FIELDS_PRESET', () => {
  it('starts from the preset: Elastic Agent ingress-nginx names', () => {
    const { fields } = readServerConfig({ HOPSCOPE_FIELDS_PRESET: 'elastic-agent-ingress-nginx' });
    expect(fields.ingress).toEqual(fields.edge);
    expect(fields.edge.requestTime).toBe('nginx_ingress_controller.access.http.request.time');
    expect(fields.edge.traceId).toBe('http.request.id');
    expect(fields.edge.status).toBe('http.response.status_code');
    expect(fields.edge.host).toBe('host.name');
  });

  it('lets HOPSCOPE_FIELDS override the preset, field by field', () => {
    const fields = readServerConfig({
      HOPSCOPE_FIELDS_PRESET: 'filebeat-ingress-nginx',
      HOPSCOPE_FIELDS: '{"traceId":"trace.id","appName":"labels.app"}',
    }).fields.ingress;
    expect(fields.traceId).toBe('trace.id');
    expect(fields.appName).toBe('labels.app');
    expect(fields.requestTime).toBe('nginx.ingress_controller.http.request.time');
  });

  it('keeps the defaults without a preset', () => {
    expect(readServerConfig({}).fields).toEqual({ edge: DEFAULT_FIELD_NAMES, ingress: DEFAULT_FIELD_NAMES });
  });

  it('refuses an unknown preset, naming the allowed values', () => {
    const read = () => readServerConfig({ HOPSCOPE_FIELDS_PRESET: 'filebeat' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      'HOPSCOPE_FIELDS_PRESET must be one of filebeat-nginx, filebeat-ingress-nginx, elastic-agent-nginx, elastic-agent-ingress-nginx (got "filebeat")',
    );
  });
});

describe("each tier's own field names", () => {
  it('gives each tier its preset: edge nginx and ingress-nginx shipped by different tools', () => {
    const { fields } = readServerConfig({ HOPSCOPE_EDGE_FIELDS_PRESET: 'elastic-agent-nginx', HOPSCOPE_INGRESS_FIELDS_PRESET: 'filebeat-ingress-nginx' });
    expect(fields).toEqual({ edge: FIELD_PRESETS['elastic-agent-nginx'].fields, ingress: FIELD_PRESETS['filebeat-ingress-nginx'].fields });
  });

  it("layers the names: a tier's preset over the shared one, HOPSCOPE_FIELDS over both, a tier's own names last", () => {
    const { fields } = readServerConfig({
      HOPSCOPE_FIELDS_PRESET: 'filebeat-nginx',
      HOPSCOPE_INGRESS_FIELDS_PRESET: 'filebeat-ingress-nginx',
      HOPSCOPE_FIELDS: '{"appName":"labels.app","traceId":"trace.id"}',
      HOPSCOPE_EDGE_FIELDS: '{"traceId":"request_id"}',
    });
    expect(fields.edge).toEqual({ ...FIELD_PRESETS['filebeat-nginx'].fields, appName: 'labels.app', traceId: 'request_id' });
    expect(fields.ingress).toEqual({ ...FIELD_PRESETS['filebeat-ingress-nginx'].fields, appName: 'labels.app', traceId: 'trace.id' });
  });

  it('leaves the other tier alone', () => {
    const { fields } = readServerConfig({ HOPSCOPE_INGRESS_FIELDS: '{"timestamp":"time_local"}' });
    expect(fields.edge).toEqual(DEFAULT_FIELD_NAMES);
    expect(fields.ingress).toEqual({ ...DEFAULT_FIELD_NAMES, timestamp: 'time_local' });
  });

  it('refuses what is not a JSON object of known field names, naming the variable', () => {
    const read = (env: Record<string, string>) => () => readServerConfig(env);
    expect(read({ HOPSCOPE_EDGE_FIELDS: 'trace_id' })).toThrow('HOPSCOPE_EDGE_FIELDS must be a JSON object of field names, e.g. {"traceId":"request_id"}');
    expect(read({ HOPSCOPE_INGRESS_FIELDS: '{"traceID":"x"}' })).toThrow(/^HOPSCOPE_INGRESS_FIELDS: Unrecognized key/);
    expect(read({ HOPSCOPE_INGRESS_FIELDS: '{"traceId":""}' })).toThrow(/^HOPSCOPE_INGRESS_FIELDS: .* \(traceId\)$/);
    expect(read({ HOPSCOPE_FIELDS: '["trace_id"]' })).toThrow(/^HOPSCOPE_FIELDS: /);
    expect(read({ HOPSCOPE_INGRESS_FIELDS_PRESET: 'filebeat' })).toThrow(
      'HOPSCOPE_INGRESS_FIELDS_PRESET must be one of filebeat-nginx, filebeat-ingress-nginx, elastic-agent-nginx, elastic-agent-ingress-nginx (got "filebeat")',
    );
    expect(read({ HOPSCOPE_EDGE_FIELDS: '{}' })).not.toThrow();
  });
});
