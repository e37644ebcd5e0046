/**
 * Bulk-loads both tiers' NDJSON access logs into Elasticsearch the way real pipelines hold them:
 * one index per tier and UTC day (`nginx-access-2020.11.19`, `ingress-2020.11.19`, from each
 * line's @timestamp), created by an index template per tier.
 *
 *   npx tsx scripts/seed-elasticsearch.ts [--es-url http://127.0.0.1:9250] [--recreate]
 *     [--edge-file .data/sample/edge.ndjson] [--ingress-file .data/sample/ingress.ndjson]
 *     [--edge-index-prefix nginx-access-] [--ingress-index-prefix ingress-]
 *
 * The two templates differ on purpose, as real clusters do:
 * - edge: dynamic mapping. Timings arrive as JSON numbers and become 32-bit `float` (2.3 is kept
 *   as 2.2999999523); a `*_time` field whose first value is an integer (`0`) would become `long`
 *   and truncate every later value, so integer timings are mapped as `float` too. Other strings
 *   become `keyword` (trace_id, app_name, path, upstream_addr, @source).
 * - ingress: timings mapped as `keyword` strings ("1.288", "0.000, 1.002", "-"), as ingress-nginx
 *   ships them and as many clusters keep them.
 *
 * Lines are streamed and sent in batches (5,000 per bulk request, one in flight while the next
 * is read), so memory stays bounded whatever the file size. Every rejected document is counted with its reason; the command exits
 * non-zero when any was rejected. `seedElasticsearch` is importable (the integration tests seed
 * their own indices with it).
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client, type estypes } from '@elastic/elasticsearch';
import { DEFAULT_FIELD_NAMES, readField, type FieldNames } from '@/lib/domain/field-names';
import { toTimestampMs } from '@/lib/domain/tier-document';
import type { Tier } from '@/lib/domain/tiers';

export const DEFAULT_EDGE_INDEX_PREFIX = 'nginx-access-';
export const DEFAULT_INGRESS_INDEX_PREFIX = 'ingress-';
export const BULK_BATCH_SIZE = 5_000;
const MAX_REPORTED_ERRORS = 5;

export type TierSource = {
  /** Index names are `${indexPrefix}YYYY.MM.DD`; the template matches `${indexPrefix}*`. */
  indexPrefix: string;
  /** An NDJSON file path, or documents (tests). */
  documents: string | Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
};

export type SeedOptions = {
  client: Client;
  edge: TierSource;
  ingress: TierSource;
  /** Delete the tiers' existing indices first. */
  recreate?: boolean;
  /** Primary shards per daily index (several exercise cross-shard grouping); default 1. */
  shards?: number;
  fields?: FieldNames;
  batchSize?: number;
  /**
   * Map trace_id and the timings of both tiers as `keyword`, as clusters that keep nginx's text
   * do: then "-", "abc" or "-0.5" are stored as written instead of refusing the document.
   */
  keywordTimings?: boolean;
};

export type DocumentError = { tier: Tier; line: number; reason: string };

export type TierSeedSummary = { indexed: number; failed: number; indices: string[] };

export type SeedSummary = { edge: TierSeedSummary; ingress: TierSeedSummary; errors: DocumentError[] };

const TIMING_FIELDS = ['requestTime', 'upstreamConnectTime', 'upstreamHeaderTime', 'upstreamResponseTime'] as const;

/** `prefix` + the UTC day of the timestamp, as Logstash and Filebeat name daily indices. */
export function toDailyIndex(prefix: string, timestampMs: number): string {
  const day = new Date(timestampMs).toISOString().slice(0, 10).replaceAll('-', '.');
  return `${prefix}${day}`;
}

const stringsAsKeyword: Record<string, estypes.MappingDynamicTemplate> = {
  strings_as_keyword: { match_mapping_type: 'string', mapping: { type: 'keyword', ignore_above: 2048 } },
};

/** The index template of a tier: edge timings dynamic (float), ingress timings keyword. */
export function buildTierTemplate(
  tier: Tier,
  indexPrefix: string,
  shards: number,
  fields: FieldNames,
  keywordTimings = false,
): estypes.IndicesPutIndexTemplateRequest {
  const timingNames = TIMING_FIELDS.map((field) => fields[field]);
  const dynamicTemplates: Record<string, estypes.MappingDynamicTemplate>[] =
    tier === 'edge' && !keywordTimings
      ? timingNames.map((name) => ({ [`integer_${name}_as_float`]: { path_match: name, match_mapping_type: 'long', mapping: { type: 'float' } } }))
      : [];
  dynamicTemplates.push(stringsAsKeyword);
  const properties: Record<string, estypes.MappingProperty> = { [fields.timestamp]: { type: 'date' } };
  if (tier === 'ingress' || keywordTimings) for (const name of timingNames) properties[name] = { type: 'keyword' };
  if (keywordTimings) properties[fields.traceId] = { type: 'keyword' };
  return {
    name: templateName(indexPrefix),
    index_patterns: [`${indexPrefix}*`],
    priority: 500,
    template: {
      settings: { number_of_shards: shards, number_of_replicas: 0 },
      mappings: { dynamic_templates: dynamicTemplates, properties },
    },
  };
}

const templateName = (indexPrefix: string): string => `hopscope-${indexPrefix.replace(/[^a-z0-9_-]/gi, '_')}template`;

async function* readNdjson(filePath: string): AsyncGenerator<Record<string, unknown> | Error> {
  const lines = createInterface({ input: createReadStream(filePath, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') {
      yield new Error('empty line');
      continue;
    }
    try {
      const parsed: unknown = JSON.parse(line);
      yield parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : new Error('not a JSON object');
    } catch (error) {
      yield new Error(`invalid JSON: ${(error as Error).message}`);
    }
  }
}

async function* documentsOf(source: TierSource['documents']): AsyncGenerator<Record<string, unknown> | Error> {
  if (typeof source === 'string') yield* readNdjson(source);
  else yield* source;
}

type Pending = { line: number; index: string; document: Record<string, unknown> };

async function sendBatch(client: Client, tier: Tier, batch: Pending[], summary: TierSeedSummary, errors: DocumentError[]): Promise<void> {
  const operations = batch.flatMap(({ index, document }) => [{ create: { _index: index } }, document]);
  const response = await client.bulk({ operations, refresh: false }, { requestTimeout: 120_000 });
  response.items.forEach((item, position) => {
    const result = item.create;
    if (result?.error) {
      summary.failed += 1;
      errors.push({ tier, line: batch[position]!.line, reason: `${result.error.type}: ${result.error.reason ?? ''}` });
    } else {
      summary.indexed += 1;
    }
  });
}

async function seedTier(client: Client, tier: Tier, source: TierSource, fields: FieldNames, batchSize: number, errors: DocumentError[]): Promise<TierSeedSummary> {
  const summary: TierSeedSummary = { indexed: 0, failed: 0, indices: [] };
  const indices = new Set<string>();
  let batch: Pending[] = [];
  // One bulk request in flight while the next batch is read: reading and indexing overlap.
  let inFlight: Promise<void> = Promise.resolve();
  let line = 0;
  for await (const item of documentsOf(source.documents)) {
    line += 1;
    if (item instanceof Error) {
      summary.failed += 1;
      errors.push({ tier, line, reason: item.message });
      continue;
    }
    const timestampMs = toTimestampMs(readField(item, fields.timestamp));
    if (timestampMs === null) {
      summary.failed += 1;
      errors.push({ tier, line, reason: `no usable ${fields.timestamp} to choose the daily index` });
      continue;
    }
    const index = toDailyIndex(source.indexPrefix, timestampMs);
    indices.add(index);
    batch.push({ line, index, document: item });
    if (batch.length >= batchSize) {
      await inFlight;
      inFlight = sendBatch(client, tier, batch, summary, errors);
      // Its failure surfaces at the next await, not as an unhandled rejection meanwhile.
      inFlight.catch(() => undefined);
      batch = [];
    }
  }
  await inFlight;
  if (batch.length > 0) await sendBatch(client, tier, batch, summary, errors);
  summary.indices = [...indices].sort();
  return summary;
}

/**
 * Puts both tiers' templates, (re)creates nothing else up front, streams the documents into daily
 * indices and refreshes them. Rejected documents are returned, not thrown.
 */
export async function seedElasticsearch(options: SeedOptions): Promise<SeedSummary> {
  const { client, recreate = false, shards = 1, fields = DEFAULT_FIELD_NAMES, batchSize = BULK_BATCH_SIZE, keywordTimings = false } = options;
  const tiers: [Tier, TierSource][] = [
    ['edge', options.edge],
    ['ingress', options.ingress],
  ];
  for (const [tier, source] of tiers) {
    if (recreate) await client.indices.delete({ index: `${source.indexPrefix}*`, ignore_unavailable: true, allow_no_indices: true });
    await client.indices.putIndexTemplate(buildTierTemplate(tier, source.indexPrefix, shards, fields, keywordTimings));
  }
  const errors: DocumentError[] = [];
  const edge = await seedTier(client, 'edge', options.edge, fields, batchSize, errors);
  const ingress = await seedTier(client, 'ingress', options.ingress, fields, batchSize, errors);
  await client.indices.refresh({ index: `${options.edge.indexPrefix}*,${options.ingress.indexPrefix}*`, allow_no_indices: true });
  return { edge, ingress, errors };
}

/** Deletes a seeding's indices and templates (tests clean up after themselves). */
export async function deleteSeeded(client: Client, indexPrefixes: readonly string[]): Promise<void> {
  for (const prefix of indexPrefixes) {
    await client.indices.delete({ index: `${prefix}*`, ignore_unavailable: true, allow_no_indices: true });
    await client.indices.deleteIndexTemplate({ name: templateName(prefix) }, { ignore: [404] });
  }
}

type CliOptions = { esUrl: string; edgeFile: string; ingressFile: string; edgePrefix: string; ingressPrefix: string; recreate: boolean };

const USAGE = `usage: npx tsx scripts/seed-elasticsearch.ts [--es-url URL] [--edge-file FILE] [--ingress-file FILE]
  [--edge-index-prefix ${DEFAULT_EDGE_INDEX_PREFIX}] [--ingress-index-prefix ${DEFAULT_INGRESS_INDEX_PREFIX}] [--recreate]
ES_URL, ES_API_KEY or ES_USERNAME/ES_PASSWORD are read from the environment when given.`;

function parseArgs(argv: readonly string[]): CliOptions {
  const sampleDir = path.join(process.cwd(), '.data', 'sample');
  const options: CliOptions = {
    esUrl: process.env.ES_URL ?? 'http://127.0.0.1:9250',
    edgeFile: path.join(sampleDir, 'edge.ndjson'),
    ingressFile: path.join(sampleDir, 'ingress.ndjson'),
    edgePrefix: DEFAULT_EDGE_INDEX_PREFIX,
    ingressPrefix: DEFAULT_INGRESS_INDEX_PREFIX,
    recreate: false,
  };
  const valued: Record<string, keyof Omit<CliOptions, 'recreate'>> = {
    '--es-url': 'esUrl',
    '--edge-file': 'edgeFile',
    '--ingress-file': 'ingressFile',
    '--edge-index-prefix': 'edgePrefix',
    '--ingress-index-prefix': 'ingressPrefix',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--recreate') options.recreate = true;
    else if (arg in valued && argv[i + 1] !== undefined) options[valued[arg]!] = argv[(i += 1)]!;
    else throw new Error(`unknown or incomplete argument ${arg}\n${USAGE}`);
  }
  if (options.edgePrefix === options.ingressPrefix) throw new Error('the edge and ingress index prefixes must differ');
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const auth = process.env.ES_API_KEY
    ? { apiKey: process.env.ES_API_KEY }
    : process.env.ES_USERNAME
      ? { username: process.env.ES_USERNAME, password: process.env.ES_PASSWORD ?? '' }
      : undefined;
  const client = new Client({ node: options.esUrl, auth, requestTimeout: 120_000 });
  const startedMs = Date.now();
  try {
    const summary = await seedElasticsearch({
      client,
      recreate: options.recreate,
      edge: { indexPrefix: options.edgePrefix, documents: options.edgeFile },
      ingress: { indexPrefix: options.ingressPrefix, documents: options.ingressFile },
    });
    const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
    for (const tier of ['edge', 'ingress'] as const) {
      const { indexed, failed, indices } = summary[tier];
      console.log(`seed-elasticsearch: ${tier}: ${indexed} documents into ${indices.join(', ') || '(none)'}${failed ? `, ${failed} rejected` : ''}`);
    }
    console.log(`seed-elasticsearch: done in ${seconds} s (${options.esUrl})`);
    if (summary.errors.length === 0) return 0;
    console.error(`seed-elasticsearch: ${summary.errors.length} documents rejected; the first ones:`);
    for (const error of summary.errors.slice(0, MAX_REPORTED_ERRORS)) console.error(`  ${error.tier} line ${error.line}: ${error.reason}`);
    return 1;
  } finally {
    await client.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`seed-elasticsearch: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
