import { z } from 'zod';
import type { Tier } from './tiers';

/**
 * Where each logical field lives in a log document. Defaults are the names real ELK pipelines
 * carry for nginx and ingress-nginx access logs. A dotted name (`nginx.request_time`) is looked
 * up both as a nested object path and as a flat key, since both shapes occur in real clusters.
 */
export const fieldNamesSchema = z.object({
  timestamp: z.string().min(1),
  traceId: z.string().min(1),
  requestTime: z.string().min(1),
  upstreamConnectTime: z.string().min(1),
  upstreamHeaderTime: z.string().min(1),
  upstreamResponseTime: z.string().min(1),
  upstreamAddr: z.string().min(1),
  upstreamStatus: z.string().min(1),
  status: z.string().min(1),
  path: z.string().min(1),
  method: z.string().min(1),
  appName: z.string().min(1),
  domain: z.string().min(1),
  proxyUpstreamName: z.string().min(1),
  host: z.string().min(1),
  clientIp: z.string().min(1),
  userAgent: z.string().min(1),
});
export type FieldNames = z.infer<typeof fieldNamesSchema>;
export type LogicalField = keyof FieldNames;

export const DEFAULT_FIELD_NAMES: FieldNames = {
  timestamp: '@timestamp',
  traceId: 'trace_id',
  requestTime: 'request_time',
  upstreamConnectTime: 'upstream_connect_time',
  upstreamHeaderTime: 'upstream_header_time',
  upstreamResponseTime: 'upstream_response_time',
  upstreamAddr: 'upstream_addr',
  upstreamStatus: 'upstream_status',
  status: 'status',
  path: 'path',
  method: 'request_method',
  appName: 'app_name',
  domain: 'domain',
  proxyUpstreamName: 'proxy_upstream_name',
  host: '@source',
  clientIp: 'client_ip',
  userAgent: 'user_agent',
};

/**
 * Each tier's field names. Edge nginx and ingress-nginx are different programs, often shipped by
 * different pipelines (a custom JSON format at the edge, Filebeat's ingress_controller module in the
 * cluster), so a logical field may have another name in each tier's documents.
 */
export type TierFieldNames = Readonly<Record<Tier, FieldNames>>;

/** The same names in both tiers. */
export const sameInBothTiers = (fields: FieldNames): TierFieldNames => ({ edge: fields, ingress: fields });

/** The variable naming a tier's own field names; `_PRESET` appended names its preset. */
export const tierFieldsVariable = (tier: Tier): string => `HOPSCOPE_${tier.toUpperCase()}_FIELDS`;

/** Whether both tiers name every field alike. */
export const namedAlike = (fields: TierFieldNames): boolean =>
  (Object.keys(fields.edge) as LogicalField[]).every((field) => fields.edge[field] === fields.ingress[field]);

/**
 * Where else a tier's documents keep a configured field: an Elasticsearch mapping may declare the
 * configured name an alias (`"type": "alias", "path": "nginx.request_time"`), which queries
 * resolve but `_source` never holds; the document has the value at the alias's path. Each list is
 * tried in order after the configured name (an index pattern may map the name as a field in older
 * indices and as an alias in newer ones).
 */
export type SourceAliases = Partial<Record<LogicalField, readonly string[]>>;

/**
 * Reads a field from a document by its configured name: a nested path first (`a.b` as
 * `{a:{b:…}}`), then the flat dotted key (`{"a.b": …}`); then, when the name is absent, each of
 * `alternates` (the alias paths of SourceAliases) the same way.
 */
export function readField(doc: Record<string, unknown>, name: string, alternates: readonly string[] = []): unknown {
  const value = readOneField(doc, name);
  if (value !== undefined) return value;
  for (const alternate of alternates) {
    const other = readOneField(doc, alternate);
    if (other !== undefined) return other;
  }
  return undefined;
}

function readOneField(doc: Record<string, unknown>, name: string): unknown {
  if (!name.includes('.')) return doc[name];
  let current: unknown = doc;
  for (const part of name.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) {
      current = undefined;
      break;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current !== undefined ? current : doc[name];
}
