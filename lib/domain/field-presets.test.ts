import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from './field-names';
import { detectFieldLayout, FIELD_PRESETS, LAYOUT_MARKER_FIELDS, proposeFieldPreset } from './field-presets';

/** The names each shipper's published pipeline writes, as read in its ingest pipeline and expected test output. */
describe('FIELD_PRESETS', () => {
  it('Elastic Agent nginx_ingress_controller: the integration pipeline names', () => {
    expect(FIELD_PRESETS['elastic-agent-ingress-nginx'].fields).toEqual({
      timestamp: '@timestamp',
      traceId: 'http.request.id',
      requestTime: 'nginx_ingress_controller.access.http.request.time',
      upstreamConnectTime: 'nginx_ingress_controller.access.upstream_connect_time',
      upstreamHeaderTime: 'nginx_ingress_controller.access.upstream_header_time',
      upstreamResponseTime: 'nginx_ingress_controller.access.upstream.response.time',
      upstreamAddr: 'nginx_ingress_controller.access.upstream_address_list',
      upstreamStatus: 'nginx_ingress_controller.access.upstream.response.status_code_list',
      status: 'http.response.status_code',
      path: 'url.path',
      method: 'http.request.method',
      appName: 'app_name',
      domain: 'url.domain',
      proxyUpstreamName: 'nginx_ingress_controller.access.upstream.name',
      host: 'host.name',
      clientIp: 'source.ip',
      userAgent: 'user_agent.original',
    });
    expect(FIELD_PRESETS['elastic-agent-ingress-nginx'].lacks).toEqual(['upstreamConnectTime', 'upstreamHeaderTime', 'appName']);
  });

  it('Filebeat ingress_controller: the same fields under nginx.ingress_controller', () => {
    const fields = FIELD_PRESETS['filebeat-ingress-nginx'].fields;
    expect(fields.requestTime).toBe('nginx.ingress_controller.http.request.time');
    expect(fields.upstreamResponseTime).toBe('nginx.ingress_controller.upstream.response.time');
    expect(fields.upstreamAddr).toBe('nginx.ingress_controller.upstream_address_list');
    expect(fields.proxyUpstreamName).toBe('nginx.ingress_controller.upstream.name');
    expect(fields.traceId).toBe('http.request.id');
  });

  it('plain nginx (both shippers): ECS names, and what the combined format lacks', () => {
    for (const name of ['filebeat-nginx', 'elastic-agent-nginx'] as const) {
      const preset = FIELD_PRESETS[name];
      expect(preset.fields.requestTime).toBe('nginx.access.request_time');
      expect(preset.fields.upstreamResponseTime).toBe('nginx.access.upstream_response_time');
      expect(preset.fields.path).toBe('url.path');
      expect(preset.lacks).toEqual(
        expect.arrayContaining(['traceId', 'requestTime', 'upstreamConnectTime', 'upstreamHeaderTime', 'upstreamResponseTime', 'upstreamAddr']),
      );
    }
  });
});

describe('detectFieldLayout', () => {
  const layoutOf = (...names: string[]) => detectFieldLayout(new Set(names));

  it('tells each shipper apart by the fields only it writes', () => {
    expect(layoutOf('@timestamp', 'http.request.id', 'nginx_ingress_controller.access.http.request.time', 'data_stream.dataset')).toBe(
      'elastic-agent-ingress-nginx',
    );
    expect(layoutOf('@timestamp', 'nginx.ingress_controller.http.request.time', 'fileset.name')).toBe('filebeat-ingress-nginx');
    expect(layoutOf('@timestamp', 'nginx.access.remote_ip_list', 'fileset.name')).toBe('filebeat-nginx');
    expect(layoutOf('@timestamp', 'nginx.access.remote_ip_list', 'data_stream.dataset')).toBe('elastic-agent-nginx');
  });

  it("prefers hopscope's defaults, and says unknown otherwise", () => {
    expect(layoutOf('@timestamp', 'trace_id', 'request_time', 'nginx.access.remote_ip_list', 'fileset.name')).toBe('hopscope-default');
    expect(layoutOf('@timestamp', 'trace_id')).toBe('unknown');
    expect(layoutOf('nginx.access.remote_ip_list')).toBe('unknown');
    expect(layoutOf()).toBe('unknown');
  });

  it('asks _field_caps about every marker', () => {
    expect([...LAYOUT_MARKER_FIELDS].sort()).toEqual(
      [
        'trace_id', 'request_time', 'nginx.access.remote_ip_list', 'fileset.name', 'data_stream.dataset',
        'nginx.ingress_controller.http.request.time', 'nginx_ingress_controller.access.http.request.time',
      ].sort(),
    );
  });
});

describe('proposeFieldPreset', () => {
  it("proposes the preset the tier looks like, in the tier's own variable", () => {
    const layouts = { edge: 'unknown', ingress: 'elastic-agent-ingress-nginx' } as const;
    expect(proposeFieldPreset('ingress', layouts, DEFAULT_FIELD_NAMES)).toBe(
      "the ingress fields look like Elastic Agent's nginx_ingress_controller integration layout: set HOPSCOPE_INGRESS_FIELDS_PRESET=elastic-agent-ingress-nginx",
    );
  });

  it('offers the shared preset too when both tiers hold the layout', () => {
    const layouts = { edge: 'filebeat-ingress-nginx', ingress: 'filebeat-ingress-nginx' } as const;
    expect(proposeFieldPreset('edge', layouts, DEFAULT_FIELD_NAMES)).toBe(
      "the edge fields look like Filebeat's nginx module (ingress_controller fileset) layout: set HOPSCOPE_EDGE_FIELDS_PRESET=filebeat-ingress-nginx, " +
        'or HOPSCOPE_FIELDS_PRESET=filebeat-ingress-nginx for both tiers (the ingress indices hold the same layout)',
    );
  });

  it("proposes hopscope's own names by leaving the presets unset, the other tier's going in its own variable", () => {
    const layouts = { edge: 'hopscope-default', ingress: 'filebeat-ingress-nginx' } as const;
    expect(proposeFieldPreset('edge', layouts, FIELD_PRESETS['filebeat-ingress-nginx'].fields)).toBe(
      "the edge fields look like hopscope's default layout: leave HOPSCOPE_EDGE_FIELDS_PRESET and HOPSCOPE_FIELDS_PRESET unset " +
        "(the ingress tier's preset goes in HOPSCOPE_INGRESS_FIELDS_PRESET=filebeat-ingress-nginx)",
    );
  });

  it('proposes nothing when the configured names already are that layout, or the layout is unknown', () => {
    const layouts = { edge: 'filebeat-nginx', ingress: 'unknown' } as const;
    expect(proposeFieldPreset('edge', layouts, FIELD_PRESETS['filebeat-nginx'].fields)).toBeNull();
    expect(proposeFieldPreset('ingress', layouts, DEFAULT_FIELD_NAMES)).toBeNull();
  });
});
