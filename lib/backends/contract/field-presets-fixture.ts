import type { FieldPresetName } from '@/lib/domain/field-presets';
import type { Tier } from '@/lib/domain/tiers';

/**
 * Three traces written the way each shipper writes them, for the field-preset tests of both
 * stores. Shapes follow the shippers' published pipeline output (test `*-expected.json` and
 * `sample_event.json` of elastic/beats `filebeat/module/nginx` and elastic/integrations
 * `packages/nginx`, `packages/nginx_ingress_controller`): nested objects for Elastic Agent, flat
 * dotted keys for Filebeat's nginx access (as its expected files print them; both shapes are
 * valid `_source`).
 *
 * Each tier's documents carry the preset's names even on the tier it is not made for (both tiers
 * read with one preset), as a pipeline would have to write them (README, "Field presets"). Plain nginx writes no
 * request time, request id or upstream fields: the edge presets' documents carry them where the
 * preset reads them (nginx.access.<variable>, http.request.id), as strings a grok would keep.
 *
 *   trace  edge @timestamp   edge rt   ingress rt  upstream attempts (s)   upstream addresses
 *   t1     T0 + 10 s         0.250     0.200       0.180                    10.244.0.5:8080
 *   t2     T0 + 20 s         1.500     1.290       0.004, 1.002 (retried)   10.244.0.9:8080, 10.244.0.5:8080
 *   t3     T0 + 30 s         0.040     —           (edge only)
 *
 * Worked out by hand, for every preset:
 *   edge             40, 250, 1500 ms                        (3 traces)
 *   ingress          200, 1290 ms                            (t1, t2 joined; t3 edge only)
 *   edge − ingress   t1 250 − 200 = 50; t2 1500 − 1290 = 210
 *   ingress − upstr. t1 200 − 180 = 20; t2 1290 − (4 + 1002) = 284
 * The ingress-nginx pipelines sum the attempts themselves (`upstream.response.time`, a float:
 * 0.004 + 1.002 = 1.006, stored as 1.006 to the millisecond) and keep the strings in `time_list`.
 */

export const PRESET_T0 = Date.UTC(2024, 2, 5, 9, 0, 0);

type Trace = {
  id: string;
  offsetS: number;
  edgeRt: string;
  ingressRt?: string;
  upstreamTimes?: string[];
  upstreamAddrs?: string[];
  path: string;
};

const TRACES: readonly Trace[] = [
  { id: 't1', offsetS: 10, edgeRt: '0.250', ingressRt: '0.200', upstreamTimes: ['0.180'], upstreamAddrs: ['10.244.0.5:8080'], path: '/checkout' },
  {
    id: 't2', offsetS: 20, edgeRt: '1.500', ingressRt: '1.290', upstreamTimes: ['0.004', '1.002'],
    upstreamAddrs: ['10.244.0.9:8080', '10.244.0.5:8080'], path: '/cart',
  },
  { id: 't3', offsetS: 30, edgeRt: '0.040', path: '/health' },
];

/** nginx's $time_local has whole seconds, and the pipelines' date processor keeps them. */
const timestampOf = (offsetS: number) => new Date(PRESET_T0 + offsetS * 1000).toISOString();

type Line = { trace: Trace; tier: Tier; rt: string };
type Shape = (line: Line) => Record<string, unknown>;

/** The sum the ingress-nginx pipelines compute in painless, as float: 1.006 for t2. */
const summedSeconds = (times: readonly string[]) => Number(times.reduce((sum, time) => sum + Number(time), 0).toFixed(3));

const hostOf = (tier: Tier) => (tier === 'edge' ? 'edge-1' : 'ingress-node-1');

/** The ECS part every pipeline writes: request line, status, url (uri_parts), source, user agent. */
const ecsNested = ({ trace, tier }: Line) => ({
  '@timestamp': timestampOf(trace.offsetS),
  host: { name: hostOf(tier) },
  http: { request: { id: trace.id, method: 'GET' }, response: { status_code: 200, body: { bytes: 612 } }, version: '1.1' },
  source: { address: '203.0.113.7', ip: '203.0.113.7' },
  url: { original: `${trace.path}?ref=mail`, path: trace.path, query: 'ref=mail' },
  user_agent: { original: 'curl/8.5.0', name: 'curl' },
  event: { category: ['web'], kind: 'event', outcome: 'success' },
});

/** Plain nginx through Elastic Agent, extended by the user's pipeline (the timings as grok keeps them: strings). */
const elasticAgentNginx: Shape = (line) => {
  const { trace, tier, rt } = line;
  const upstream = tier === 'ingress' ? { upstream_response_time: trace.upstreamTimes!.join(', '), upstream_addr: trace.upstreamAddrs!.join(', ') } : {};
  return {
    ...ecsNested(line),
    data_stream: { dataset: 'nginx.access', namespace: 'default', type: 'logs' },
    nginx: { access: { remote_ip_list: ['203.0.113.7'], request_time: rt, ...upstream } },
  };
};

/** Plain nginx through Filebeat's module: flat dotted keys, as the module's expected output prints them. */
const filebeatNginx: Shape = ({ trace, tier, rt }) => ({
  '@timestamp': timestampOf(trace.offsetS),
  'event.dataset': 'nginx.access',
  'event.module': 'nginx',
  'fileset.name': 'access',
  'host.name': hostOf(tier),
  'http.request.id': trace.id,
  'http.request.method': 'GET',
  'http.response.body.bytes': 612,
  'http.response.status_code': 200,
  'nginx.access.remote_ip_list': ['203.0.113.7'],
  'nginx.access.request_time': rt,
  ...(tier === 'ingress'
    ? { 'nginx.access.upstream_response_time': trace.upstreamTimes!.join(', '), 'nginx.access.upstream_addr': trace.upstreamAddrs!.join(', ') }
    : {}),
  'source.ip': '203.0.113.7',
  'url.original': `${trace.path}?ref=mail`,
  'url.path': trace.path,
  'user_agent.original': 'curl/8.5.0',
});

/**
 * ingress-nginx's default format through either pipeline: request time a double, the request id
 * twice, the upstream lists split into arrays of strings, their last values and the summed time.
 */
const ingressController =
  (namespace: 'nginx.ingress_controller' | 'nginx_ingress_controller.access', extra: Record<string, unknown>): Shape =>
  (line) => {
    const { trace, tier, rt } = line;
    const upstream =
      tier === 'ingress'
        ? {
            upstream_address_list: trace.upstreamAddrs,
            upstream: {
              alternative_name: '',
              name: 'shop-checkout-8080',
              ip: trace.upstreamAddrs!.at(-1)!.split(':')[0],
              port: 8080,
              response: {
                length: 59,
                length_list: trace.upstreamTimes!.map(() => '59'),
                status_code: 200,
                status_code_list: trace.upstreamTimes!.map((_, index, all) => (index < all.length - 1 ? '502' : '200')),
                time: summedSeconds(trace.upstreamTimes!),
                time_list: trace.upstreamTimes,
              },
            },
          }
        : {};
    const fields = { http: { request: { id: trace.id, length: 89, time: Number(rt) } }, remote_ip_list: ['203.0.113.7'], ...upstream };
    const nested = namespace === 'nginx.ingress_controller' ? { nginx: { ingress_controller: fields } } : { nginx_ingress_controller: { access: fields } };
    return { ...ecsNested(line), ...nested, ...extra };
  };

const SHAPES: Record<FieldPresetName, Shape> = {
  'filebeat-nginx': filebeatNginx,
  'elastic-agent-nginx': elasticAgentNginx,
  'filebeat-ingress-nginx': ingressController('nginx.ingress_controller', { event: { dataset: 'nginx.ingress_controller', module: 'nginx' }, fileset: { name: 'ingress_controller' } }),
  'elastic-agent-ingress-nginx': ingressController('nginx_ingress_controller.access', {
    data_stream: { dataset: 'nginx_ingress_controller.access', namespace: 'default', type: 'logs' },
  }),
};

/** Both tiers' documents of the three traces, in one preset's layout. */
export function presetDocuments(preset: FieldPresetName): Record<Tier, Record<string, unknown>[]> {
  const shape = SHAPES[preset];
  return {
    edge: TRACES.map((trace) => shape({ trace, tier: 'edge', rt: trace.edgeRt })),
    ingress: TRACES.filter((trace) => trace.ingressRt).map((trace) => shape({ trace, tier: 'ingress', rt: trace.ingressRt! })),
  };
}

/** The query window: one minute from T0. */
export const PRESET_QUERY = { fromMs: PRESET_T0, toMs: PRESET_T0 + 60_000, app: null, path: null, latencyMinMs: null, latencyMaxMs: null };

/** The per-millisecond counts worked out by hand above; the same for every preset. */
export const PRESET_EXPECTED_DISTRIBUTIONS = {
  edge: [{ valueMs: 40, count: 1 }, { valueMs: 250, count: 1 }, { valueMs: 1500, count: 1 }],
  ingress: [{ valueMs: 200, count: 1 }, { valueMs: 1290, count: 1 }],
  edgeMinusIngress: [{ valueMs: 50, count: 1 }, { valueMs: 210, count: 1 }],
  ingressMinusUpstream: [{ valueMs: 20, count: 1 }, { valueMs: 284, count: 1 }],
};
