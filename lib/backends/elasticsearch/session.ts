import 'server-only';
import { errors, type Client, type estypes } from '@elastic/elasticsearch';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { SourceAliases } from '@/lib/domain/field-names';
import { describeTierFilter } from '@/lib/domain/tier-filter';
import type { Tier } from '@/lib/domain/tiers';
import { AppError } from '@/lib/server/core/errors';
import type { ElasticsearchBackendConfig } from './backend-config';
import { tierFilterQuery } from './filters';
import { formatSeconds, reasonOf, shardFailureOf, toBackendError, type RequestContext, type ShardFailure } from './errors';
import { buildFieldCapsRequest, parseFieldCaps, parseFieldLayout } from './field-caps';
import { buildFieldMappingRequest, parseSourceAliases } from './field-aliases';
import { MappingError, UnexpectedAnswerError } from './answer-errors';
import type { FieldPlan } from './query-plan';
import { DEFAULT_RETRY_POLICY, RetriesExhausted, withRetries } from './retry';

/** How long a point in time survives between two requests of one answer. */
const SNAPSHOT_KEEP_ALIVE = '2m';

/** Elasticsearch refuses a point in time over a shard without a live copy; searches still answer from the others. */
const isMissingShards = (error: unknown) => error instanceof errors.ResponseError && /missing shards/i.test(JSON.stringify(error.body ?? ''));

/**
 * One answer's conversation with Elasticsearch: every request carries the caller's abort signal
 * and the configured timeout, 429 and 503 are retried with backoff (retry.ts), failures become
 * AppErrors naming the query, and shard failures are remembered as notices of the answer.
 * Answers built from several requests read one point in time per tier, so documents arriving
 * meanwhile cannot make their numbers disagree.
 */
export class ElasticsearchSession {
  private readonly pits: Partial<Record<Tier, string>> = {};
  private readonly shardFailures: Partial<Record<Tier, ShardFailure>> = {};

  constructor(
    private readonly client: Client,
    private readonly config: ElasticsearchBackendConfig,
    private readonly signal?: AbortSignal,
  ) {}

  indexOf(tier: Tier): string {
    return tier === 'edge' ? this.config.edgeIndex : this.config.ingressIndex;
  }

  /** Each filtered tier's filter, as people read it (the health check). */
  tierFilterDescriptions(): Partial<Record<Tier, string>> {
    const filters = this.config.tierFilters ?? {};
    return Object.fromEntries((['edge', 'ingress'] as const).flatMap((tier) => (filters[tier] ? [[tier, describeTierFilter(filters[tier])]] : [])));
  }

  private context(what: string, indices: readonly string[]): RequestContext {
    return { what, url: this.config.url, indices, timeoutMs: this.config.requestTimeoutMs };
  }

  private options() {
    return { signal: this.signal, requestTimeout: this.config.requestTimeoutMs, meta: false as const };
  }

  private async call<T>(context: RequestContext, run: () => Promise<T>): Promise<T> {
    try {
      return await withRetries(this.config.retry ?? DEFAULT_RETRY_POLICY, run, this.signal);
    } catch (error) {
      if (error instanceof RetriesExhausted) {
        const mapped = toBackendError(error.last, context, this.signal);
        if (!(mapped instanceof AppError)) throw mapped;
        const { tries, elapsedMs } = error.outcome;
        throw new AppError(mapped.code, `${mapped.message}; gave up after ${tries} tries in ${formatSeconds(elapsedMs)}`, undefined, { cause: error.last });
      }
      throw toBackendError(error, context, this.signal);
    }
  }

  /** Reads the tiers (both by default) from one point in time each until `close`. */
  async openSnapshot(tiers: readonly Tier[] = ['edge', 'ingress']): Promise<void> {
    // Both at once: a fixed cost of every answer, which small windows notice.
    await Promise.all(
      tiers.map(async (tier) => {
        const index = this.indexOf(tier);
        // Without a point in time a tier is read from the live indices, whose searches report a
        // shard that has no copy as a failed shard (a notice of the answer, not an error).
        const id = await this.call(this.context(`opening a point in time on ${index}`, [index]), () =>
          this.client.openPointInTime({ index, keep_alive: SNAPSHOT_KEEP_ALIVE }, this.options()).then(
            (response) => response.id,
            (error: unknown) => (isMissingShards(error) ? null : Promise.reject(error)),
          ),
        );
        if (id) this.pits[tier] = id;
      }),
    );
  }

  /**
   * The request as sent for a tier: on its point in time or its pattern, and limited to the tier's
   * own documents when its pattern holds others (every search of a tier goes through here).
   */
  private requestFor(tier: Tier, request: estypes.SearchRequest): estypes.SearchRequest {
    const pit = this.pits[tier];
    const own = tierFilterQuery(this.config.tierFilters?.[tier]);
    const limited = own.length === 0 ? request : { ...request, query: { bool: { filter: [...own, ...(request.query ? [request.query] : [])] } } };
    return pit ? { ...limited, pit: { id: pit, keep_alive: SNAPSHOT_KEEP_ALIVE } } : { ...limited, index: this.indexOf(tier) };
  }

  /** Runs one search on a tier's index pattern (or its point in time); `what` names it in errors. */
  async search(tier: Tier, what: string, request: estypes.SearchRequest): Promise<estypes.SearchResponse> {
    const index = this.indexOf(tier);
    const context = this.context(what, [index]);
    const pit = this.pits[tier];
    const body = this.requestFor(tier, request);
    const response = await this.call(context, () => this.client.search(body, this.options()));
    const failure = shardFailureOf(response, context);
    const worst = this.shardFailures[tier];
    if (failure && (!worst || failure.failed > worst.failed)) this.shardFailures[tier] = failure;
    if (pit && response.pit_id) this.pits[tier] = response.pit_id;
    return response;
  }

  /**
   * A search whose hits are left as Elasticsearch wrote them: the answer's bytes, for a reader
   * that parses them elsewhere (DuckDB reads lines' pages; parsing and re-serializing every
   * document in Node cost more than reading them, and so did decoding the bytes into a string to
   * search and write it back). Its head (point in time, time-out, shards) is checked as `search`
   * checks it.
   */
  async searchPage(tier: Tier, what: string, request: estypes.SearchRequest): Promise<{ body: Buffer; hasHits: boolean; lastSort: unknown[] | null }> {
    const index = this.indexOf(tier);
    const context = this.context(what, [index]);
    const pit = this.pits[tier];
    // No filter_path: with one, Elasticsearch parses and writes again every \`_source\` it would
    // otherwise copy as stored (a third of its time on the benchmark's lines); the hits' other
    // keys (_index, _id, _score) cost less than that, and the reader ignores them.
    const body = this.requestFor(tier, request);
    const bytes = await this.call(context, async () => {
      const stream = (await this.client.search(body, { ...this.options(), asStream: true })) as unknown as AsyncIterable<Buffer>;
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      return Buffer.concat(chunks);
    });
    // Inside a JSON string a quote is escaped: \`,"hits":{\` can only be the hits' own key.
    const hitsAt = bytes.indexOf(',"hits":{');
    const head = JSON.parse(hitsAt < 0 ? bytes.toString('utf8') : `${bytes.toString('utf8', 0, hitsAt)}}`) as estypes.SearchResponse;
    const failure = shardFailureOf(head, context);
    const worst = this.shardFailures[tier];
    if (failure && (!worst || failure.failed > worst.failed)) this.shardFailures[tier] = failure;
    if (pit && head.pit_id) this.pits[tier] = head.pit_id;
    if (hitsAt < 0) return { body: bytes, hasHits: false, lastSort: null };
    // Each hit ends with its sort values (Elasticsearch writes _source, then sort).
    const sortAt = bytes.lastIndexOf('"sort":[');
    const sortEnd = sortAt < 0 ? -1 : bytes.indexOf(']', sortAt);
    const lastSort = sortAt < 0 || sortEnd < 0 ? null : (JSON.parse(bytes.toString('utf8', sortAt + '"sort":'.length, sortEnd + 1)) as unknown[]);
    return { body: bytes, hasHits: true, lastSort };
  }

  /** What makes this session's answer incomplete: the most shards any request of a tier lost. */
  notices(): AnswerNotice[] {
    return (['edge', 'ingress'] as const).flatMap((tier) => {
      const failure = this.shardFailures[tier];
      if (!failure) return [];
      const indexPattern = this.indexOf(tier);
      return [
        {
          code: 'partial_shards' as const,
          tier,
          indexPattern,
          failedShards: failure.failed,
          totalShards: failure.total,
          message:
            `Partial answer: ${failure.failed} of ${failure.total} shards of the ${tier} indices (${indexPattern}) failed ` +
            `(${failure.reason}); documents on those shards are not counted.`,
        },
      ];
    });
  }

  /** Each tier's field mappings, as the query plan needs them, how many indices each pattern matched, and which configured names are aliases. */
  async fetchFieldPlan(): Promise<FieldPlan> {
    const [edgeRead, ingressRead] = (['edge', 'ingress'] as const).map((tier) => {
      const request = buildFieldCapsRequest(this.indexOf(tier), this.config.fields[tier]);
      return this.call(this.context(`reading the field mappings of ${request.index}`, [this.indexOf(tier)]), () =>
        this.client.fieldCaps(request, this.options()),
      );
    });
    // All asked at once; when several fail, the error reported is the edge field caps', then the
    // ingress', then the aliases' (the order they are awaited in), whichever failed first.
    const aliasesRead = this.fetchSourceAliases();
    for (const later of [ingressRead!, aliasesRead]) later.catch(() => undefined);
    const edge = await edgeRead!;
    const ingress = await ingressRead!;
    const aliases = await aliasesRead;
    // Mappings of another cluster's indices are not served (a 404 through a pattern `remote:…`).
    const remote = [...edge.indices, ...ingress.indices].filter((index) => index.includes(':'));
    if (remote.length > 0) {
      const example = remote.slice(0, 3).join(', ');
      aliases.unread.push(`Elasticsearch does not serve the mappings of remote clusters' indices (${example}${remote.length > 3 ? ', …' : ''})`);
    }
    // An index whose shards have no live copy is listed under failures, not indices: it exists.
    const matched = (response: estypes.FieldCapsResponse & { failed_indices?: number }) => response.indices.length + (response.failed_indices ?? 0);
    return {
      fields: this.config.fields,
      edge: parseFieldCaps(edge, this.config.fields.edge),
      ingress: parseFieldCaps(ingress, this.config.fields.ingress),
      matchedIndices: { edge: matched(edge), ingress: matched(ingress) },
      layouts: { edge: parseFieldLayout(edge), ingress: parseFieldLayout(ingress) },
      sourceAliases: aliases.read,
      ...(aliases.unread.length > 0 ? { aliasesUnread: aliases.unread.join('; ') } : {}),
    };
  }

  /**
   * Which configured names each tier's mappings declare aliases (field-aliases.ts). A key without
   * view_index_metadata cannot read mappings: the names are then read as configured, and the
   * health check says the aliases are unknown.
   */
  private async fetchSourceAliases(): Promise<{ read: Record<Tier, SourceAliases>; unread: string[] }> {
    const unread: string[] = [];
    const [edge, ingress] = await Promise.all(
      (['edge', 'ingress'] as const).map((tier) => {
        const request = buildFieldMappingRequest(this.indexOf(tier), this.config.fields[tier]);
        return this.call(this.context(`reading the field aliases of ${request.index}`, [this.indexOf(tier)]), () =>
          this.client.indices.getFieldMapping(request, this.options()).catch((error: unknown) => {
            const status = error instanceof errors.ResponseError ? (error.statusCode ?? 0) : 0;
            // A pattern matching no index answers 404 (allow_no_indices notwithstanding): no aliases.
            if (status === 404) return {};
            // What only this call meets: a missing privilege (403, where 401 is bad credentials
            // every call meets), a list naming a remote cluster's indices (400). Overload, timeouts
            // and the rest fail the answer, as on any call.
            if (status !== 403 && status !== 400) throw error;
            const { reason } = reasonOf((error as errors.ResponseError).body);
            unread.push(
              status === 403
                ? `the key may not read the mappings of ${request.index} (HTTP 403; grant view_index_metadata)`
                : `Elasticsearch does not serve the mappings of ${request.index} (HTTP 400: ${reason})`,
            );
            return {};
          }),
        );
      }),
    );
    return { read: { edge: parseSourceAliases(edge!, this.config.fields.edge), ingress: parseSourceAliases(ingress!, this.config.fields.ingress) }, unread };
  }

  /** Cluster status for the health check. */
  async clusterHealth(): Promise<estypes.ClusterHealthResponse> {
    return this.call(this.context('the cluster health check', [this.config.edgeIndex, this.config.ingressIndex]), () =>
      this.client.cluster.health({}, this.options()),
    );
  }

  async close(): Promise<void> {
    const ids = Object.values(this.pits);
    for (const tier of Object.keys(this.pits) as Tier[]) delete this.pits[tier];
    // Closing is a courtesy: points in time expire on their own, so failures are ignored.
    await Promise.all(ids.map((id) => this.client.closePointInTime({ id }, { requestTimeout: 5_000 }).catch(() => undefined)));
  }
}

/**
 * A mapping problem or an unusable answer as the API's error, naming the index pattern of the
 * tier at fault; anything else passes unchanged.
 */
export function toAnswerError(error: unknown, indexOf: (tier: Tier) => string): unknown {
  if (error instanceof MappingError) {
    const where = error.tier ? ` (index pattern ${indexOf(error.tier)})` : '';
    return new AppError('backend_error', `${error.message}${where}`, undefined, { cause: error });
  }
  if (error instanceof UnexpectedAnswerError) return new AppError('backend_error', error.message, undefined, { cause: error });
  return error;
}
