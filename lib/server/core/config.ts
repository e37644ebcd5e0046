import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_FIELD_NAMES, fieldNamesSchema, type FieldNames, type TierFieldNames } from '@/lib/domain/field-names';
import { FIELD_PRESET_NAMES, FIELD_PRESETS, isFieldPresetName } from '@/lib/domain/field-presets';
import { DEFAULT_SAMPLE_TARGET_LINES, DEFAULT_SAMPLE_THRESHOLD_LINES } from '@/lib/domain/trace-id-sample';
import { tierFilterSchema, type TierFilter } from '@/lib/domain/tier-filter';
import type { Tier } from '@/lib/domain/tiers';

/**
 * Server configuration from the environment, validated once. Credentials live here and in the
 * backends only; nothing in this module is sent to the browser.
 */

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const envSchema = z.object({
  HOPSCOPE_BACKEND: z.enum(['duckdb', 'elasticsearch']).default('duckdb'),
  HOPSCOPE_EDGE_FILES: optionalText,
  HOPSCOPE_INGRESS_FILES: optionalText,
  HOPSCOPE_EDGE_FORMAT: optionalText,
  HOPSCOPE_INGRESS_FORMAT: optionalText,
  HOPSCOPE_DUCKDB_PATH: optionalText,
  HOPSCOPE_DUCKDB_MEMORY_LIMIT: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, 'HOPSCOPE_DUCKDB_MEMORY_LIMIT must be a size such as 512MB or 1GiB')
    .optional(),
  HOPSCOPE_DUCKDB_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  HOPSCOPE_FIELDS: optionalText,
  HOPSCOPE_FIELDS_PRESET: optionalText,
  HOPSCOPE_EDGE_FIELDS: optionalText,
  HOPSCOPE_EDGE_FIELDS_PRESET: optionalText,
  HOPSCOPE_INGRESS_FIELDS: optionalText,
  HOPSCOPE_INGRESS_FIELDS_PRESET: optionalText,
  HOPSCOPE_EDGE_INDEX: z.string().trim().min(1).default('nginx-*'),
  HOPSCOPE_INGRESS_INDEX: z.string().trim().min(1).default('ingress-*'),
  HOPSCOPE_EDGE_FILTER: optionalText,
  HOPSCOPE_INGRESS_FILTER: optionalText,
  HOPSCOPE_ES_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  HOPSCOPE_ES_LATE_MARGIN: z
    .string()
    .trim()
    .regex(/^\d+\s*[smh]$/, 'HOPSCOPE_ES_LATE_MARGIN must be a number of seconds, minutes or hours such as 600s, 10m or 1h')
    .default('10m'),
  HOPSCOPE_ES_CACHE_DIR: optionalText,
  HOPSCOPE_ES_CACHE_MB: z.coerce.number().int().min(1).default(4096),
  HOPSCOPE_ES_SAMPLE_THRESHOLD: z
    .string()
    .trim()
    .regex(/^(off|\d+)$/, 'HOPSCOPE_ES_SAMPLE_THRESHOLD must be a number of lines such as 400000, or off')
    .default(String(DEFAULT_SAMPLE_THRESHOLD_LINES)),
  HOPSCOPE_ES_SAMPLE_LINES: z.coerce.number().int().min(100).default(DEFAULT_SAMPLE_TARGET_LINES),
  ES_URL: optionalText,
  ES_API_KEY: optionalText,
  ES_USERNAME: optionalText,
  ES_PASSWORD: optionalText,
  ES_CA_CERT: optionalText,
  HOPSCOPE_SNAPSHOTS: z.enum(['on', 'off']).default('on'),
  HOPSCOPE_SNAPSHOT_DIR: optionalText,
  HOPSCOPE_SNAPSHOT_RAW_TRACES: z.coerce.number().int().min(0).max(10_000_000).default(20_000),
  HOPSCOPE_SNAPSHOT_MAX_AGE: z
    .string()
    .trim()
    .regex(/^\d+\s*[dh]$/, 'HOPSCOPE_SNAPSHOT_MAX_AGE must be a number of days or hours such as 90d or 12h')
    .optional(),
  HOPSCOPE_SNAPSHOT_MAX_MB: z.coerce.number().int().min(1).optional(),
});

/** RFC 7230 token: what a header name may be. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Headers a browser or the framework sets itself: trusting one of them would let anyone in. */
const UNTRUSTABLE_HEADERS = new Set(['authorization', 'cookie', 'host', 'origin', 'referer', 'user-agent', 'content-type']);
/** Long enough that guessing it over HTTP is hopeless; basic auth offers no rate limit of its own. */
export const MIN_BASIC_AUTH_PASSWORD_LENGTH = 12;

const accessEnvSchema = z
  .object({
    HOPSCOPE_BASIC_AUTH_USER: optionalText,
    HOPSCOPE_BASIC_AUTH_PASSWORD: z
      .string()
      .optional()
      .transform((value) => (value ? value : undefined)),
    HOPSCOPE_TRUSTED_AUTH_HEADER: optionalText,
  })
  .superRefine((vars, context) => {
    const fail = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    const user = vars.HOPSCOPE_BASIC_AUTH_USER;
    const password = vars.HOPSCOPE_BASIC_AUTH_PASSWORD;
    if (user !== undefined && password === undefined) fail('HOPSCOPE_BASIC_AUTH_PASSWORD', 'is required when HOPSCOPE_BASIC_AUTH_USER is set');
    if (password !== undefined && user === undefined) fail('HOPSCOPE_BASIC_AUTH_USER', 'is required when HOPSCOPE_BASIC_AUTH_PASSWORD is set');
    // RFC 7617: the user-id ends at the first colon.
    if (user?.includes(':')) fail('HOPSCOPE_BASIC_AUTH_USER', 'must not contain a colon');
    if (password !== undefined && password.length < MIN_BASIC_AUTH_PASSWORD_LENGTH) {
      fail('HOPSCOPE_BASIC_AUTH_PASSWORD', `must be at least ${MIN_BASIC_AUTH_PASSWORD_LENGTH} characters`);
    }
    const header = vars.HOPSCOPE_TRUSTED_AUTH_HEADER;
    if (header !== undefined && !HEADER_NAME.test(header)) fail('HOPSCOPE_TRUSTED_AUTH_HEADER', 'must be an HTTP header name');
    if (header !== undefined && UNTRUSTABLE_HEADERS.has(header.toLowerCase())) {
      fail('HOPSCOPE_TRUSTED_AUTH_HEADER', `must be a header only your proxy sets, not ${header.toLowerCase()}`);
    }
    if (header !== undefined && (user !== undefined || password !== undefined)) {
      fail('HOPSCOPE_TRUSTED_AUTH_HEADER', 'choose one access control: basic auth or a trusted proxy header, not both');
    }
  });

/**
 * Optional access control for shared deployments; off unless configured. `basic`: HTTP basic auth
 * with one user. `trusted-header`: an authenticating reverse proxy sets `header` on every request
 * it lets through (and must drop any copy a client sends); requests without it are refused.
 */
export type AccessControl =
  | { mode: 'off' }
  | { mode: 'basic'; user: string; password: string }
  | { mode: 'trusted-header'; header: string };

export type ElasticsearchConfig = {
  url: string;
  apiKey?: string;
  username?: string;
  password?: string;
  caCertPath?: string;
  edgeIndex: string;
  ingressIndex: string;
  /** Which documents of each tier's pattern are its lines, when it holds others too (HOPSCOPE_EDGE_FILTER, HOPSCOPE_INGRESS_FILTER). */
  tierFilters: Partial<Record<Tier, TierFilter>>;
  requestTimeoutMs: number;
  /** A slice of lines that ended longer ago than this is read once and reused (docs/ARCHITECTURE.md, "Materialized windows"). */
  lateMarginMs: number;
  /** Where the materialized slices are kept (across restarts), and how many bytes they may take. */
  cacheDir: string;
  cacheBytes: number;
  /** Lines left to read above which the pages get a sampled first answer; absent: never (docs/ARCHITECTURE.md, "Sampled first answers"). */
  sampleThresholdLines?: number;
  /** Edge lines a sample aims at. */
  sampleTargetLines: number;
  memoryLimit?: string;
  threads?: number;
};

export type DuckdbConfig = {
  /**
   * File paths or globs (plain or .gz), each optionally prefixed by the host that wrote it
   * (`ingress-node-2=/logs/n2/access.log`) for formats whose lines carry no `$hostname`.
   */
  edgeFiles: string[];
  ingressFiles: string[];
  /**
   * Each tier's line format: `json` (one ELK _source object a line), a preset (`combined`,
   * `ingress-nginx`) or an nginx `log_format` string; detected from the first lines when absent.
   */
  edgeFormat?: string;
  ingressFormat?: string;
  /**
   * The store's database file, kept across restarts: reused when the input files (paths, sizes,
   * modification times), field names and formats are unchanged, reloaded otherwise. A file in a
   * fresh temporary folder, removed at exit, when absent.
   */
  databasePath?: string;
  /** DuckDB's memory_limit (e.g. "512MB"); beyond it the store spills to disk. */
  memoryLimit?: string;
  /** DuckDB's worker threads. */
  threads?: number;
};

export type SnapshotConfig = {
  /** HOPSCOPE_SNAPSHOTS=off refuses new snapshots; existing ones still open. */
  enabled: boolean;
  /** Where snapshots live (a shared volume for several instances). */
  dir: string;
  /** Traces whose raw lines a snapshot keeps (the slow tail first, then a uniform sample). */
  rawTraces: number;
  /** Snapshots older than this are removed (oldest first); null keeps them. */
  maxAgeMs: number | null;
  /** Above this total size the oldest snapshots are removed; null sets no bound. */
  maxBytes: number | null;
};

export type ServerConfig = {
  backend: 'duckdb' | 'elasticsearch';
  snapshots: SnapshotConfig;
  fields: TierFieldNames;
  duckdb: DuckdbConfig;
  elasticsearch: ElasticsearchConfig | null;
  accessControl: AccessControl;
};

/** hopscope's version (package.json of the running build), recorded in what it writes; "unknown" when unreadable. */
export function readHopscopeVersion(): string {
  try {
    const version: unknown = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Where the bundled sample incident is generated on first run (scripts/ensure-sample.ts). */
export const SAMPLE_DIR = path.join(process.cwd(), '.data', 'sample');

const splitList = (text: string | undefined, fallback: string): string[] =>
  (text ?? fallback)
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

export class ConfigError extends Error {}

/** Reads and validates the access-control variables alone (the middleware needs nothing else). */
export function readAccessControlConfig(env: NodeJS.ProcessEnv = process.env): AccessControl {
  const parsed = accessEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid environment variable ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const vars = parsed.data;
  if (vars.HOPSCOPE_BASIC_AUTH_USER !== undefined && vars.HOPSCOPE_BASIC_AUTH_PASSWORD !== undefined) {
    return { mode: 'basic', user: vars.HOPSCOPE_BASIC_AUTH_USER, password: vars.HOPSCOPE_BASIC_AUTH_PASSWORD };
  }
  if (vars.HOPSCOPE_TRUSTED_AUTH_HEADER !== undefined) return { mode: 'trusted-header', header: vars.HOPSCOPE_TRUSTED_AUTH_HEADER.toLowerCase() };
  return { mode: 'off' };
}

/** The field names a preset starts from (lib/domain/field-presets.ts), or undefined without one. */
function presetFieldNames(variable: string, preset: string | undefined): FieldNames | undefined {
  if (preset === undefined) return undefined;
  if (!isFieldPresetName(preset)) {
    throw new ConfigError(`${variable} must be one of ${FIELD_PRESET_NAMES.join(', ')} (got "${preset}")`);
  }
  return FIELD_PRESETS[preset].fields;
}

/** A field names variable's JSON object: names of some logical fields (validated), or {} when unset. */
function readFieldOverrides(variable: string, text: string | undefined): Partial<FieldNames> {
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`${variable} must be a JSON object of field names, e.g. {"traceId":"request_id"}`);
  }
  const overrides = fieldNamesSchema.partial().strict().safeParse(json);
  if (!overrides.success) {
    const issue = overrides.error.issues[0];
    const at = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    throw new ConfigError(`${variable}: ${issue?.message ?? 'invalid field names'}${at}`);
  }
  return overrides.data;
}

type FieldVariables = Pick<
  z.infer<typeof envSchema>,
  'HOPSCOPE_FIELDS' | 'HOPSCOPE_FIELDS_PRESET' | 'HOPSCOPE_EDGE_FIELDS' | 'HOPSCOPE_EDGE_FIELDS_PRESET' | 'HOPSCOPE_INGRESS_FIELDS' | 'HOPSCOPE_INGRESS_FIELDS_PRESET'
>;

/**
 * Each tier's field names, from the most general to the most particular: the defaults, or a
 * preset (the tier's own `HOPSCOPE_<TIER>_FIELDS_PRESET`, else `HOPSCOPE_FIELDS_PRESET`), then
 * `HOPSCOPE_FIELDS` overriding names in both tiers, then `HOPSCOPE_<TIER>_FIELDS` in the tier alone.
 */
function readFieldNames(vars: FieldVariables): TierFieldNames {
  const shared = presetFieldNames('HOPSCOPE_FIELDS_PRESET', vars.HOPSCOPE_FIELDS_PRESET);
  const sharedOverrides = readFieldOverrides('HOPSCOPE_FIELDS', vars.HOPSCOPE_FIELDS);
  const tierFields = (presetVariable: string, preset: string | undefined, variable: string, text: string | undefined): FieldNames => ({
    ...(presetFieldNames(presetVariable, preset) ?? shared ?? DEFAULT_FIELD_NAMES),
    ...sharedOverrides,
    ...readFieldOverrides(variable, text),
  });
  return {
    edge: tierFields('HOPSCOPE_EDGE_FIELDS_PRESET', vars.HOPSCOPE_EDGE_FIELDS_PRESET, 'HOPSCOPE_EDGE_FIELDS', vars.HOPSCOPE_EDGE_FIELDS),
    ingress: tierFields('HOPSCOPE_INGRESS_FIELDS_PRESET', vars.HOPSCOPE_INGRESS_FIELDS_PRESET, 'HOPSCOPE_INGRESS_FIELDS', vars.HOPSCOPE_INGRESS_FIELDS),
  };
}

/** A tier filter variable's JSON object (lib/domain/tier-filter.ts), or none when unset. */
function readTierFilter(variable: string, text: string | undefined): TierFilter | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`${variable} must be a JSON object of field values, e.g. {"event.dataset":"nginx.access"}`);
  }
  const filter = tierFilterSchema.safeParse(json);
  if (!filter.success || Object.keys(filter.data).length === 0) {
    throw new ConfigError(
      `${variable} must be a JSON object of field values, each a string, number, boolean, a list of them or null (absent), e.g. {"event.dataset":"nginx.access"}`,
    );
  }
  return filter.data;
}

/**
 * Reads and validates the environment. Each tier's field names start from a preset (a shipper's
 * layout) or the defaults, and JSON objects override any of them, e.g.
 * `{"requestTime":"nginx.request_time","host":"host.name"}` (readFieldNames says the order).
 */
export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid environment variable ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const vars = parsed.data;
  const fields = readFieldNames(vars);

  const edgeFilter = readTierFilter('HOPSCOPE_EDGE_FILTER', vars.HOPSCOPE_EDGE_FILTER);
  const ingressFilter = readTierFilter('HOPSCOPE_INGRESS_FILTER', vars.HOPSCOPE_INGRESS_FILTER);

  if (vars.HOPSCOPE_BACKEND === 'elasticsearch' && !vars.ES_URL) {
    throw new ConfigError('HOPSCOPE_BACKEND=elasticsearch needs ES_URL');
  }
  const accessControl = readAccessControlConfig(env);
  return {
    backend: vars.HOPSCOPE_BACKEND,
    fields,
    duckdb: {
      edgeFiles: splitList(vars.HOPSCOPE_EDGE_FILES, path.join(SAMPLE_DIR, 'edge.ndjson')),
      ingressFiles: splitList(vars.HOPSCOPE_INGRESS_FILES, path.join(SAMPLE_DIR, 'ingress.ndjson')),
      edgeFormat: vars.HOPSCOPE_EDGE_FORMAT,
      ingressFormat: vars.HOPSCOPE_INGRESS_FORMAT,
      databasePath: vars.HOPSCOPE_DUCKDB_PATH,
      memoryLimit: vars.HOPSCOPE_DUCKDB_MEMORY_LIMIT,
      threads: vars.HOPSCOPE_DUCKDB_THREADS,
    },
    elasticsearch: vars.ES_URL
      ? {
          url: vars.ES_URL,
          apiKey: vars.ES_API_KEY,
          username: vars.ES_USERNAME,
          password: vars.ES_PASSWORD,
          caCertPath: vars.ES_CA_CERT,
          edgeIndex: vars.HOPSCOPE_EDGE_INDEX,
          ingressIndex: vars.HOPSCOPE_INGRESS_INDEX,
          tierFilters: { ...(edgeFilter ? { edge: edgeFilter } : {}), ...(ingressFilter ? { ingress: ingressFilter } : {}) },
          requestTimeoutMs: vars.HOPSCOPE_ES_TIMEOUT_MS,
          lateMarginMs: toMarginMs(vars.HOPSCOPE_ES_LATE_MARGIN),
          cacheDir: vars.HOPSCOPE_ES_CACHE_DIR ?? path.join(process.cwd(), '.data', 'es-cache'),
          cacheBytes: vars.HOPSCOPE_ES_CACHE_MB * 1024 * 1024,
          sampleThresholdLines: vars.HOPSCOPE_ES_SAMPLE_THRESHOLD === 'off' ? undefined : Number(vars.HOPSCOPE_ES_SAMPLE_THRESHOLD),
          sampleTargetLines: vars.HOPSCOPE_ES_SAMPLE_LINES,
          memoryLimit: vars.HOPSCOPE_DUCKDB_MEMORY_LIMIT,
          threads: vars.HOPSCOPE_DUCKDB_THREADS,
        }
      : null,
    accessControl,
    snapshots: {
      enabled: vars.HOPSCOPE_SNAPSHOTS === 'on',
      dir: vars.HOPSCOPE_SNAPSHOT_DIR ?? path.join(process.cwd(), '.data', 'snapshots'),
      rawTraces: vars.HOPSCOPE_SNAPSHOT_RAW_TRACES,
      maxAgeMs: vars.HOPSCOPE_SNAPSHOT_MAX_AGE ? toDurationMs(vars.HOPSCOPE_SNAPSHOT_MAX_AGE) : null,
      maxBytes: vars.HOPSCOPE_SNAPSHOT_MAX_MB === undefined ? null : vars.HOPSCOPE_SNAPSHOT_MAX_MB * 1024 * 1024,
    },
  };
}

/** "600s", "10m" or "1h" in milliseconds. */
function toMarginMs(text: string): number {
  const amount = Number.parseInt(text, 10);
  const unit = text.trim().at(-1);
  return amount * (unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : 1_000);
}

/** "90d" or "12h" in milliseconds. */
function toDurationMs(text: string): number {
  const amount = Number.parseInt(text, 10);
  return amount * (text.trim().endsWith('d') ? 86_400_000 : 3_600_000);
}
