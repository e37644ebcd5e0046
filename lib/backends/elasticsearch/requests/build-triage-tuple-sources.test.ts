import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES, type FieldNames } from '@/lib/domain/field-names';
import { MappingError } from '../answer-errors';
import { RESOLVED_FIELDS, type FieldKind, type TierFieldTypes } from '../field-caps';
import type { FieldPlan } from '../query-plan';
import { buildTriageTupleSources } from './build-triage-tuple-sources';

const FIELDS: FieldNames = { ...DEFAULT_FIELD_NAMES, host: 'agent.hostname', method: 'http.method', proxyUpstreamName: 'k8s.upstream' };

const tierOf = (kinds: Partial<Record<(typeof RESOLVED_FIELDS)[number], FieldKind>>): TierFieldTypes =>
  Object.fromEntries(
    RESOLVED_FIELDS.map((field) => {
      const kind = kinds[field] ?? 'keyword';
      return [field, { name: kind === 'text' ? FIELDS[field] : `${FIELDS[field]}${field === 'path' ? '.keyword' : ''}`, kind, types: [kind] }];
    }),
  ) as TierFieldTypes;

const plan: FieldPlan = { fields: FIELDS, edge: tierOf({ requestTime: 'number', status: 'integer' }), ingress: tierOf({}) };

describe('buildTriageTupleSources', () => {
  it('edge: the choice fields, the timings and the request attributes, on the resolved (configured) names', () => {
    expect(buildTriageTupleSources(plan, 'edge', '@timestamp')).toEqual({
      sources: [
        { name: 'timestamp', field: '@timestamp' },
        { name: 'requestTime', field: 'request_time' },
        { name: 'upstreamResponseTime', field: 'upstream_response_time' },
        { name: 'upstreamConnectTime', field: 'upstream_connect_time' },
        { name: 'host', field: 'agent.hostname' },
        { name: 'upstreamAddr', field: 'upstream_addr' },
        { name: 'appName', field: 'app_name' },
        { name: 'path', field: 'path.keyword' },
        { name: 'method', field: 'http.method' },
        { name: 'status', field: 'status' },
      ],
      fields: {
        timestamp: 'timestamp',
        requestTime: 'requestTime',
        upstreamResponseTime: 'upstreamResponseTime',
        upstreamConnectTime: 'upstreamConnectTime',
        host: 'host',
        upstreamAddr: 'upstreamAddr',
        appName: 'appName',
        path: 'path',
        method: 'method',
        status: 'status',
      },
    });
  });

  it('ingress: the node, the pod addresses and the upstream name', () => {
    expect(buildTriageTupleSources(plan, 'ingress', 'ts').sources.map(({ name, field }) => `${name}=${field}`)).toEqual([
      'timestamp=ts',
      'requestTime=request_time',
      'upstreamResponseTime=upstream_response_time',
      'upstreamConnectTime=upstream_connect_time',
      'host=agent.hostname',
      'upstreamAddr=upstream_addr',
      'proxyUpstreamName=k8s.upstream',
    ]);
  });

  it('refuses a compared field that cannot be aggregated, naming it', () => {
    const textMethod: FieldPlan = { ...plan, edge: tierOf({ requestTime: 'number', method: 'text' }) };
    expect(() => buildTriageTupleSources(textMethod, 'edge', '@timestamp')).toThrow(MappingError);
    expect(() => buildTriageTupleSources(textMethod, 'edge', '@timestamp')).toThrow(/edge field http\.method is mapped as text/);
  });
});
