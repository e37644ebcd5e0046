import { DEFAULT_FIELD_NAMES, tierFieldsVariable, type FieldNames, type LogicalField } from './field-names';
import type { Tier } from './tiers';

/**
 * Field names as Filebeat's nginx module and Elastic Agent's nginx / nginx_ingress_controller
 * integrations write them, derived from their published ingest pipelines and fields.yml
 * (elastic/beats `filebeat/module/nginx/{access,ingress_controller}`, elastic/integrations
 * `packages/nginx/data_stream/access`, `packages/nginx_ingress_controller/data_stream/access`).
 *
 * What every preset shares is what all four pipelines write under ECS names: the time
 * (`@timestamp`, whole seconds: nginx's `$time_local`), method, status, path (`url.path`, from the
 * pipelines' uri_parts), `url.domain` (when the line starts with the host), the client
 * (`source.ip`), the user agent, and the machine (`host.name`, from the shipper's host metadata).
 *
 * What a shipper does not write is listed in `lacks` and read from the name given here, which the
 * user's own pipeline must then fill (nginx's default log formats do not carry the value):
 * `http.request.id` (ECS) for the trace id, and `<module namespace>.<nginx variable>` for timings
 * and upstream fields, in seconds as nginx prints them. `app_name` is hopscope's own field and
 * stays as it is.
 */

export const FIELD_PRESET_NAMES = ['filebeat-nginx', 'filebeat-ingress-nginx', 'elastic-agent-nginx', 'elastic-agent-ingress-nginx'] as const;
export type FieldPresetName = (typeof FIELD_PRESET_NAMES)[number];

/** Which layout a tier's indices hold: a preset, hopscope's defaults, or none of them. */
export type FieldLayout = FieldPresetName | 'hopscope-default' | 'unknown';

export type FieldPreset = {
  /** The shipper and module, as people say it ("Elastic Agent's nginx_ingress_controller"). */
  shipper: string;
  /** The tier the shipper's module is made for: plain nginx at the edge, ingress-nginx in the cluster. */
  tier: Tier;
  fields: FieldNames;
  /** Logical fields the shipper's pipeline does not write; `fields` names where hopscope reads them if you add them. */
  lacks: readonly LogicalField[];
  /** Fields the shipper always writes and no other layout has: all present means this layout. */
  markers: readonly string[];
};

/** Written by all four pipelines (or the shippers themselves) under the same ECS names. */
const ECS_FIELDS = {
  timestamp: '@timestamp',
  traceId: 'http.request.id',
  status: 'http.response.status_code',
  path: 'url.path',
  method: 'http.request.method',
  domain: 'url.domain',
  host: 'host.name',
  clientIp: 'source.ip',
  userAgent: 'user_agent.original',
  appName: DEFAULT_FIELD_NAMES.appName,
  proxyUpstreamName: DEFAULT_FIELD_NAMES.proxyUpstreamName,
} satisfies Partial<FieldNames>;

/**
 * Plain nginx, combined log format: no request time, no upstream fields, no request id. The
 * Filebeat and Elastic Agent pipelines parse nothing beyond it (Elastic Agent's at most an
 * optional number after the body bytes, `nginx.access.response_time`, which it stores as whole
 * milliseconds: unusable as seconds, and truncated).
 */
const nginxAccessFields = (namespace: string): FieldNames => ({
  ...ECS_FIELDS,
  requestTime: `${namespace}.request_time`,
  upstreamConnectTime: `${namespace}.upstream_connect_time`,
  upstreamHeaderTime: `${namespace}.upstream_header_time`,
  upstreamResponseTime: `${namespace}.upstream_response_time`,
  upstreamAddr: `${namespace}.upstream_addr`,
  upstreamStatus: `${namespace}.upstream_status`,
});

const NGINX_ACCESS_LACKS: readonly LogicalField[] = [
  'traceId', 'requestTime', 'upstreamConnectTime', 'upstreamHeaderTime', 'upstreamResponseTime', 'upstreamAddr', 'upstreamStatus', 'appName',
];

/**
 * ingress-nginx's default log format, parsed: `$request_time` (double), `$req_id` (copied to
 * `http.request.id`; the module's own copy is mapped as text, which Elasticsearch cannot
 * aggregate), `$proxy_upstream_name`, and the upstream lists split into arrays. Upstream response
 * time is the pipeline's sum over all attempts (one double, exact to the millisecond), not the
 * list: on Elasticsearch a keyword array's doc values drop repeated strings. Upstream address is
 * the list of every attempt's `ip:port` (the pipeline's `upstream.ip` and `upstream.port` keep the
 * last attempt only, in two fields). The default format has no upstream connect or header time.
 */
const ingressControllerFields = (namespace: string): FieldNames => ({
  ...ECS_FIELDS,
  requestTime: `${namespace}.http.request.time`,
  upstreamConnectTime: `${namespace}.upstream_connect_time`,
  upstreamHeaderTime: `${namespace}.upstream_header_time`,
  upstreamResponseTime: `${namespace}.upstream.response.time`,
  upstreamAddr: `${namespace}.upstream_address_list`,
  upstreamStatus: `${namespace}.upstream.response.status_code_list`,
  proxyUpstreamName: `${namespace}.upstream.name`,
});

const INGRESS_CONTROLLER_LACKS: readonly LogicalField[] = ['upstreamConnectTime', 'upstreamHeaderTime', 'appName'];

export const FIELD_PRESETS: Record<FieldPresetName, FieldPreset> = {
  'filebeat-nginx': {
    shipper: "Filebeat's nginx module (access fileset)",
    tier: 'edge',
    fields: nginxAccessFields('nginx.access'),
    lacks: NGINX_ACCESS_LACKS,
    markers: ['nginx.access.remote_ip_list', 'fileset.name'],
  },
  'filebeat-ingress-nginx': {
    shipper: "Filebeat's nginx module (ingress_controller fileset)",
    tier: 'ingress',
    fields: ingressControllerFields('nginx.ingress_controller'),
    lacks: INGRESS_CONTROLLER_LACKS,
    markers: ['nginx.ingress_controller.http.request.time'],
  },
  'elastic-agent-nginx': {
    shipper: "Elastic Agent's nginx integration (nginx.access)",
    tier: 'edge',
    fields: nginxAccessFields('nginx.access'),
    lacks: NGINX_ACCESS_LACKS,
    markers: ['nginx.access.remote_ip_list', 'data_stream.dataset'],
  },
  'elastic-agent-ingress-nginx': {
    shipper: "Elastic Agent's nginx_ingress_controller integration",
    tier: 'ingress',
    fields: ingressControllerFields('nginx_ingress_controller.access'),
    lacks: INGRESS_CONTROLLER_LACKS,
    markers: ['nginx_ingress_controller.access.http.request.time'],
  },
};

/** What hopscope's own defaults look like in an index: the edge needs both, the ingress the trace id. */
const DEFAULT_MARKERS: readonly string[] = [DEFAULT_FIELD_NAMES.traceId, DEFAULT_FIELD_NAMES.requestTime];

export function isFieldPresetName(name: string): name is FieldPresetName {
  return (FIELD_PRESET_NAMES as readonly string[]).includes(name);
}

/** Every field name detection asks about (for `_field_caps`). */
export const LAYOUT_MARKER_FIELDS: readonly string[] = [...new Set([...DEFAULT_MARKERS, ...FIELD_PRESET_NAMES.flatMap((name) => FIELD_PRESETS[name].markers)])];

/**
 * The layout a tier's indices hold, from the field names they map. hopscope's defaults win when
 * present (they are what it reads without a preset); then the first preset, in table order, all of
 * whose markers are present. An index pattern holding several layouts answers the first.
 */
export function detectFieldLayout(present: ReadonlySet<string>): FieldLayout {
  if (DEFAULT_MARKERS.every((name) => present.has(name))) return 'hopscope-default';
  return FIELD_PRESET_NAMES.find((name) => FIELD_PRESETS[name].markers.every((marker) => present.has(marker))) ?? 'unknown';
}

/** The field names a layout implies, or null when unknown. */
export function fieldNamesOfLayout(layout: FieldLayout): FieldNames | null {
  if (layout === 'unknown') return null;
  return layout === 'hopscope-default' ? DEFAULT_FIELD_NAMES : FIELD_PRESETS[layout].fields;
}

/** Logical fields in the order FieldNames declares them, so messages list them the same way every time. */
const LOGICAL_FIELDS = Object.keys(DEFAULT_FIELD_NAMES) as LogicalField[];

const shipperOf = (layout: FieldPresetName | 'hopscope-default'): string =>
  layout === 'hopscope-default' ? "hopscope's default" : FIELD_PRESETS[layout].shipper;

/**
 * How to give a tier the names of a layout: the tier's own preset variable, which wins over the
 * shared one; the shared one is offered too when the other tier holds the same layout.
 */
function settingFor(tier: Tier, layouts: Record<Tier, FieldLayout>): string {
  const layout = layouts[tier];
  const other: Tier = tier === 'edge' ? 'ingress' : 'edge';
  const own = `${tierFieldsVariable(tier)}_PRESET`;
  const otherLayout = layouts[other];
  if (layout === 'hopscope-default') {
    const otherPreset = isFieldPresetName(otherLayout) ? ` (the ${other} tier's preset goes in ${tierFieldsVariable(other)}_PRESET=${otherLayout})` : '';
    return `leave ${own} and HOPSCOPE_FIELDS_PRESET unset${otherPreset}`;
  }
  return otherLayout === layout
    ? `set ${own}=${layout}, or HOPSCOPE_FIELDS_PRESET=${layout} for both tiers (the ${other} indices hold the same layout)`
    : `set ${own}=${layout}`;
}

/**
 * Advice for a tier whose configured fields (`configured`, the tier's own) are missing from its
 * indices: which preset its fields look like and how to set it; null when there is nothing to propose.
 */
export function proposeFieldPreset(tier: Tier, layouts: Record<Tier, FieldLayout>, configured: FieldNames): string | null {
  const layout = layouts[tier];
  const proposed = fieldNamesOfLayout(layout);
  if (layout === 'unknown' || proposed === null) return null;
  if (LOGICAL_FIELDS.every((field) => proposed[field] === configured[field])) return null;
  return `the ${tier} fields look like ${shipperOf(layout)} layout: ${settingFor(tier, layouts)}`;
}
