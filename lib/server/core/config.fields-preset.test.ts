import { describe, expect, it } from 'vitest';
import { ConfigError, readServerConfig as readServer } from './config';

const readServerConfig = (env: Record<string, string>) => readServer(env as NodeJS.ProcessEnv);

describe('HOPSCOPE_FIELDS_PRESET', () => {
  it('starts from the preset: Elastic Agent ingress-nginx names', () => {
    const fields = readServerConfig({ HOPSCOPE_FIELDS_PRESET: 'elastic-agent-ingress-nginx' }).fields;
    expect(fields.requestTime).toBe('nginx_ingress_controller.access.http.request.time');
    expect(fields.traceId).toBe('http.request.id');
    expect(fields.status).toBe('http.response.status_code');
    expect(fields.host).toBe('host.name');
  });

  it('lets HOPSCOPE_FIELDS override the preset, field by field', () => {
    const fields = readServerConfig({
      HOPSCOPE_FIELDS_PRESET: 'filebeat-ingress-nginx',
      HOPSCOPE_FIELDS: '{"traceId":"trace.id","appName":"labels.app"}',
    }).fields;
    expect(fields.traceId).toBe('trace.id');
    expect(fields.appName).toBe('labels.app');
    expect(fields.requestTime).toBe('nginx.ingress_controller.http.request.time');
  });

  it('keeps the defaults without a preset', () => {
    expect(readServerConfig({}).fields.requestTime).toBe('request_time');
  });

  it('refuses an unknown preset, naming the allowed values', () => {
    const read = () => readServerConfig({ HOPSCOPE_FIELDS_PRESET: 'filebeat' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      'HOPSCOPE_FIELDS_PRESET must be one of filebeat-nginx, filebeat-ingress-nginx, elastic-agent-nginx, elastic-agent-ingress-nginx (got "filebeat")',
    );
  });
});
