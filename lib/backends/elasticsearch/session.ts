import 'server-only';
import type { Client, estypes } from '@elastic/elasticsearch';
import type { Tier } from '@/lib/domain/tiers';
import { AppError } from '@/lib/server/errors';
import type { ElasticsearchBackendConfig } from './backend-config';
import { assertCompleteResponse, toBackendError, type RequestContext } from './errors';
import { buildFieldCapsRequest, parseFieldCaps } from './field-caps';
import { MappingError, UnexpectedAnswerError } from './answer-errors';
import type { FieldPlan } from './query-plan';

/** How long a point in time survives between two requests of one answer. */
const SNAPSHOT_KEEP_ALIVE = '2m';

/**
 * One answer's conversation with Elasticsearch: every request carries the caller's abort signal
 * and the configured timeout, failures become AppErrors naming the query, and partial answers
 * (failed shards) are refused. Answers built from several requests read one point in time per
 * tier, so documents arriving meanwhile cannot make their numbers disagree.
 */
export class ElasticsearchSession {
  private readonly pits: Partial<Record<Tier, string>> = {};

  constructor(
    private readonly client: Client,
    private readonly config: ElasticsearchBackendConfig,
    private readonly signal?: AbortSignal,
  ) {}

  indexOf(tier: Tier): string {
    return tier === 'edge' ? this.config.edgeIndex : this.config.ingressIndex;
  }

  private context(what: string, indices: readonly string[]): RequestContext {
    return { what, url: this.config.url, indices, timeoutMs: this.config.requestTimeoutMs };
  }

  private options() {
    return { signal: this.signal, requestTimeout: this.config.requestTimeoutMs, meta: false as const };
  }

  private async call<T>(context: RequestContext, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toBackendError(error, context, this.signal);
    }
  }

  /** Reads both tiers from one point in time each until `close`. */
  async openSnapshot(): Promise<void> {
    // Both at once: a fixed cost of every answer, which small windows notice.
    await Promise.all(
      (['edge', 'ingress'] as const).map(async (tier) => {
        const index = this.indexOf(tier);
        const response = await this.call(this.context(`opening a point in time on ${index}`, [index]), () =>
          this.client.openPointInTime({ index, keep_alive: SNAPSHOT_KEEP_ALIVE }, this.options()),
        );
        this.pits[tier] = response.id;
      }),
    );
  }

  /** Runs one search on a tier's index pattern (or its point in time); `what` names it in errors. */
  async search(tier: Tier, what: string, request: estypes.SearchRequest): Promise<estypes.SearchResponse> {
    const index = this.indexOf(tier);
    const context = this.context(what, [index]);
    const pit = this.pits[tier];
    const body: estypes.SearchRequest = pit ? { ...request, pit: { id: pit, keep_alive: SNAPSHOT_KEEP_ALIVE } } : { ...request, index };
    const response = await this.call(context, () => this.client.search(body, this.options()));
    assertCompleteResponse(response, context);
    if (pit && response.pit_id) this.pits[tier] = response.pit_id;
    return response;
  }

  /** Each tier's field mappings, as the query plan needs them. */
  async fetchFieldPlan(): Promise<FieldPlan> {
    const [edge, ingress] = await Promise.all(
      (['edge', 'ingress'] as const).map((tier) => {
        const request = buildFieldCapsRequest(this.indexOf(tier), this.config.fields);
        return this.call(this.context(`reading the field mappings of ${request.index}`, [this.indexOf(tier)]), () =>
          this.client.fieldCaps(request, this.options()),
        );
      }),
    );
    return { fields: this.config.fields, edge: parseFieldCaps(edge!, this.config.fields), ingress: parseFieldCaps(ingress!, this.config.fields) };
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

/** A mapping problem or an unusable answer as the API's error; anything else passes unchanged. */
export function toAnswerError(error: unknown): unknown {
  if (error instanceof MappingError || error instanceof UnexpectedAnswerError) {
    return new AppError('backend_error', error.message, undefined, { cause: error });
  }
  return error;
}
