import { randomBytes } from 'node:crypto';
import { Client, type estypes } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFieldPresetContract, fieldNamesOf } from '@/lib/backends/contract/field-presets-contract';
import { presetDocuments } from '@/lib/backends/contract/field-presets-fixture';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers, type TierFieldNames } from '@/lib/domain/field-names';
import { FIELD_PRESETS, type FieldPresetName } from '@/lib/domain/field-presets';
import type { Tier } from '@/lib/domain/tiers';
import { requireElasticsearchUrl } from '@/test-support/elasticsearch-node';
import { createElasticsearchBackend } from './index';

/**
 * The shippers' documents on the real node, mapped as their index templates map them (fields.yml
 * of the Filebeat module and the integrations, ECS types for the rest; other strings keyword, as
 * both templates do): timings double, the module's own request id and upstream name text, the
 * upstream lists keyword arrays, `http.request.id` keyword. ECS maps `url.path` as wildcard and
 * `data_stream.dataset` as constant_keyword, types of the default distribution's x-pack that the
 * test node (OSS) lacks; both aggregate as keyword (field-caps.ts), so keyword stands in for them.
 */

const url = requireElasticsearchUrl();
const client = new Client({ node: url });
const run = `hs-test-${randomBytes(4).toString('hex')}-preset`;

const ECS_PROPERTIES: Record<string, estypes.MappingProperty> = {
  '@timestamp': { type: 'date' },
  host: { properties: { name: { type: 'keyword' } } },
  http: {
    properties: {
      request: { properties: { id: { type: 'keyword' }, method: { type: 'keyword' } } },
      response: { properties: { status_code: { type: 'long' } } },
    },
  },
  source: { properties: { ip: { type: 'ip' } } },
  url: { properties: { original: { type: 'keyword' }, path: { type: 'keyword' } } },
  user_agent: { properties: { original: { type: 'keyword' } } },
  data_stream: { properties: { dataset: { type: 'keyword' } } },
};

/** fields.yml of both ingress-nginx modules, under the module's namespace. */
const ingressControllerProperties = (): Record<string, estypes.MappingProperty> => ({
  http: { properties: { request: { properties: { id: { type: 'text' }, length: { type: 'long' }, time: { type: 'double' } } } } },
  upstream: {
    properties: {
      name: { type: 'text' },
      alternative_name: { type: 'text' },
      ip: { type: 'ip' },
      port: { type: 'long' },
      response: {
        properties: {
          time: { type: 'double' },
          length: { type: 'long' },
          status_code: { type: 'long' },
          time_list: { type: 'keyword' },
          length_list: { type: 'keyword' },
          status_code_list: { type: 'keyword' },
        },
      },
    },
  },
  upstream_address_list: { type: 'keyword' },
});

function mappingsOf(preset: FieldPresetName): estypes.MappingTypeMapping {
  const properties: Record<string, estypes.MappingProperty> = { ...ECS_PROPERTIES };
  if (preset === 'filebeat-ingress-nginx') properties.nginx = { properties: { ingress_controller: { properties: ingressControllerProperties() } } };
  if (preset === 'elastic-agent-ingress-nginx') properties.nginx_ingress_controller = { properties: { access: { properties: ingressControllerProperties() } } };
  if (!preset.startsWith('elastic-agent')) delete properties.data_stream;
  return {
    dynamic_templates: [{ strings_as_keyword: { match_mapping_type: 'string', mapping: { type: 'keyword', ignore_above: 1024 } } }],
    properties,
  };
}

const indexOf = (preset: FieldPresetName, tier: Tier) => `${run}-${preset}-${tier}`;

async function seed(preset: FieldPresetName): Promise<void> {
  const documents = presetDocuments(preset);
  for (const tier of ['edge', 'ingress'] as const) {
    const index = indexOf(preset, tier);
    await client.indices.create({ index, mappings: mappingsOf(preset), settings: { number_of_shards: 1, number_of_replicas: 0 } });
    const response = await client.bulk({ refresh: true, operations: documents[tier].flatMap((document) => [{ index: { _index: index } }, document]) });
    if (response.errors) throw new Error(`seeding ${index} failed: ${JSON.stringify(response.items.find((item) => item.index?.error))}`);
  }
}

const backendOn = (edgeIndex: string, ingressIndex: string, fields: TierFieldNames): LatencyBackend =>
  createElasticsearchBackend({ url, requestTimeoutMs: 30_000, edgeIndex, ingressIndex, fields });

const seeded = new Map<FieldPresetName, Promise<void>>();
const seedOnce = (preset: FieldPresetName) => {
  if (!seeded.has(preset)) seeded.set(preset, seed(preset));
  return seeded.get(preset)!;
};

afterAll(async () => {
  await client.indices.delete({ index: `${run}-*`, ignore_unavailable: true, allow_no_indices: true });
  await client.close();
});

describeFieldPresetContract('Elasticsearch', async (layouts) => {
  await Promise.all([seedOnce(layouts.edge), seedOnce(layouts.ingress)]);
  const backend = backendOn(indexOf(layouts.edge, 'edge'), indexOf(layouts.ingress, 'ingress'), fieldNamesOf(layouts));
  return { backend, cleanup: () => backend.close() };
});

describe('Elasticsearch: which layout the indices hold', () => {
  beforeAll(async () => {
    await Promise.all((['elastic-agent-nginx', 'elastic-agent-ingress-nginx', 'filebeat-nginx', 'filebeat-ingress-nginx'] as const).map(seedOnce));
  });

  it("proposes the preset when hopscope's default names are absent", async () => {
    const backend = backendOn(indexOf('elastic-agent-ingress-nginx', 'edge'), indexOf('elastic-agent-ingress-nginx', 'ingress'), sameInBothTiers(DEFAULT_FIELD_NAMES));
    try {
      const health = await backend.checkHealth();
      expect(health.ok).toBe(false);
      expect(health.details.fieldLayout).toEqual({ edge: 'elastic-agent-ingress-nginx', ingress: 'elastic-agent-ingress-nginx' });
      expect(health.message).toContain(
        "no edge index maps the field trace_id (traceId); the edge fields look like Elastic Agent's nginx_ingress_controller integration layout: " +
          'set HOPSCOPE_EDGE_FIELDS_PRESET=elastic-agent-ingress-nginx, or HOPSCOPE_FIELDS_PRESET=elastic-agent-ingress-nginx for both tiers (the ingress indices hold the same layout)',
      );
      await expect(backend.fetchDistributions({ fromMs: 0, toMs: 1, app: null, path: null, latencyMinMs: null, latencyMaxMs: null })).rejects.toThrow(
        'or HOPSCOPE_FIELDS_PRESET=elastic-agent-ingress-nginx for both tiers',
      );
    } finally {
      await backend.close();
    }
  });

  it('reports each tier apart, and proposes the tier its own preset when the other holds another layout', async () => {
    const backend = backendOn(indexOf('filebeat-nginx', 'edge'), indexOf('filebeat-ingress-nginx', 'ingress'), sameInBothTiers(DEFAULT_FIELD_NAMES));
    try {
      const health = await backend.checkHealth();
      expect(health.details.fieldLayout).toEqual({ edge: 'filebeat-nginx', ingress: 'filebeat-ingress-nginx' });
      expect(health.message).toBe(
        "no edge index maps the field trace_id (traceId); the edge fields look like Filebeat's nginx module (access fileset) layout: " +
          `set HOPSCOPE_EDGE_FIELDS_PRESET=filebeat-nginx (index pattern ${indexOf('filebeat-nginx', 'edge')})`,
      );
    } finally {
      await backend.close();
    }
  });

  it("is healthy with each tier's own preset, and maps each tier by its names", async () => {
    const layouts = { edge: 'filebeat-nginx', ingress: 'filebeat-ingress-nginx' } as const;
    const backend = backendOn(indexOf(layouts.edge, 'edge'), indexOf(layouts.ingress, 'ingress'), fieldNamesOf(layouts));
    try {
      const health = await backend.checkHealth();
      expect(health.ok).toBe(true);
      expect(health.details.fieldLayout).toEqual(layouts);
      const mappings = health.details.mappings as Record<Tier, Record<string, string>>;
      // The edge pipeline's strings (a dynamic keyword), the ingress module's double.
      expect(mappings.edge.requestTime).toBe('nginx.access.request_time: keyword');
      expect(mappings.ingress.requestTime).toBe('nginx.ingress_controller.http.request.time: number');
    } finally {
      await backend.close();
    }
  });

  it('is healthy with the matching preset, and names the layout', async () => {
    const backend = backendOn(
      indexOf('elastic-agent-ingress-nginx', 'edge'),
      indexOf('elastic-agent-ingress-nginx', 'ingress'),
      sameInBothTiers(FIELD_PRESETS['elastic-agent-ingress-nginx'].fields),
    );
    try {
      const health = await backend.checkHealth();
      expect(health.ok).toBe(true);
      expect(health.details.fieldLayout).toEqual({ edge: 'elastic-agent-ingress-nginx', ingress: 'elastic-agent-ingress-nginx' });
    } finally {
      await backend.close();
    }
  });
});
