import { describe, expect, it } from 'vitest';
import { ConfigError, readServerConfig as readServer } from './config';

const readServerConfig = (env: Record<string, string>) => readServer(env as NodeJS.ProcessEnv);
const ES = { ES_URL: 'http://127.0.0.1:9200' };

describe('HOPSCOPE_EDGE_FILTER and HOPSCOPE_INGRESS_FILTER', () => {
  it('reads each tier\'s filter as a JSON object; none by default', () => {
    const config = readServerConfig({ ...ES, HOPSCOPE_EDGE_FILTER: '{"event.dataset":"nginx.access"}', HOPSCOPE_INGRESS_FILTER: '{"event.dataset":["nginx.ingress_controller"],"edge":null}' });
    expect(config.elasticsearch?.tierFilters).toEqual({ edge: { 'event.dataset': 'nginx.access' }, ingress: { 'event.dataset': ['nginx.ingress_controller'], edge: null } });
    expect(readServerConfig(ES).elasticsearch?.tierFilters).toEqual({});
  });

  it('refuses what is not an object of field values, naming the variable', () => {
    for (const text of ['event.dataset:nginx.access', '{}', '{"tier":{"term":"x"}}', '[]', '{"tier":[]}']) {
      expect(() => readServerConfig({ ...ES, HOPSCOPE_INGRESS_FILTER: text })).toThrow(ConfigError);
      expect(() => readServerConfig({ ...ES, HOPSCOPE_INGRESS_FILTER: text })).toThrow(/^HOPSCOPE_INGRESS_FILTER must be a JSON object of field values/);
    }
  });
});
