import 'server-only';
import type { CallOptions, LatencyBackend } from '@/lib/backends/types';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import { TIERS } from '@/lib/domain/tiers';
import { toTuning, type ElasticsearchBackendConfig } from './backend-config';
import { createElasticsearchClient } from './client';
import { freezeWindow } from './freeze-window';
import { requiredFieldsOrThrow, type FieldPlan } from './query-plan';
import { ElasticsearchSession, toAnswerError } from './session';
import { createElasticsearchTriage, type RunVerb } from './triage';
import { checkHealth } from './verbs/check-health';
import { fetchBucketTraces } from './verbs/fetch-bucket-traces';
import { fetchConnectTimeline } from './verbs/fetch-connect-timeline';
import { fetchDistributions } from './verbs/fetch-distributions';
import { fetchEdgeDistribution } from './verbs/fetch-edge-distribution';
import { fetchExtent } from './verbs/fetch-extent';
import { fetchSuggestions } from './verbs/fetch-suggestions';
import { fetchTrace } from './verbs/fetch-trace';

export type { ElasticsearchBackendConfig } from './backend-config';

/** Mappings are read again after this long, so a new daily index with another mapping is noticed. */
const FIELD_PLAN_TTL_MS = 60_000;

const ENV_OF_TIER = { edge: 'HOPSCOPE_EDGE_INDEX', ingress: 'HOPSCOPE_INGRESS_INDEX' } as const;

/** A tier whose pattern matched no index: said so, naming the pattern, rather than an unexplained empty answer. */
function noMatchNotices(plan: FieldPlan, session: ElasticsearchSession): AnswerNotice[] {
  return TIERS.flatMap((tier) => {
    if (plan.matchedIndices?.[tier] !== 0) return [];
    const indexPattern = session.indexOf(tier);
    const message = `No Elasticsearch index matches the ${tier} index pattern ${indexPattern} (${ENV_OF_TIER[tier]}).`;
    return [{ code: 'no_matching_index' as const, tier, indexPattern, message }];
  });
}

/**
 * The production backend: the users' own Elasticsearch, read-only. Every verb builds its
 * requests (requests/), runs them in a session (timeouts, abort, error mapping, one point in time
 * for answers of several requests) and parses the answers (parse/) into domain objects.
 */
export function createElasticsearchBackend(config: ElasticsearchBackendConfig): LatencyBackend {
  const client = createElasticsearchClient(config);
  const tuning = toTuning(config);
  let cachedPlan: { plan: Promise<FieldPlan>; expiresMs: number } | null = null;

  const fieldPlan = (session: ElasticsearchSession): Promise<FieldPlan> => {
    if (cachedPlan && cachedPlan.expiresMs > Date.now()) return cachedPlan.plan;
    const plan = session.fetchFieldPlan();
    cachedPlan = { plan, expiresMs: Date.now() + FIELD_PLAN_TTL_MS };
    plan.catch(() => {
      if (cachedPlan?.plan === plan) cachedPlan = null;
    });
    return plan;
  };

  /**
   * Runs a verb in a session; `snapshot` reads one point in time per tier across its requests.
   * What makes the answer incomplete (an index pattern matching nothing, failed shards) goes to
   * the caller's `onNotice`; a tier whose indices lack a required field is refused.
   */
  const run: RunVerb = async <T>(options: CallOptions | undefined, snapshot: boolean, verb: (session: ElasticsearchSession, plan: FieldPlan) => Promise<T>) => {
    const session = new ElasticsearchSession(client, config, options?.signal);
    try {
      const plan = await fieldPlan(session);
      for (const notice of noMatchNotices(plan, session)) options?.onNotice?.(notice);
      for (const tier of TIERS) requiredFieldsOrThrow(plan, tier);
      if (snapshot) await session.openSnapshot();
      const answer = await verb(session, plan);
      for (const notice of session.notices()) options?.onNotice?.(notice);
      return answer;
    } catch (error) {
      throw toAnswerError(error, (tier) => session.indexOf(tier));
    } finally {
      // Not awaited: closing is a courtesy (points in time expire), and the answer need not wait for it.
      void session.close();
    }
  };

  return {
    kind: 'elasticsearch',

    triage: createElasticsearchTriage({ run, tuning }),

    fetchDistributions: (query, options) => run(options, true, (session, plan) => fetchDistributions(session, plan, tuning, query)),

    fetchEdgeDistribution: (query, options) => run(options, true, (session, plan) => fetchEdgeDistribution(session, plan, tuning, query)),

    fetchBucketTraces: (query, selection, page, options) =>
      run(options, true, (session, plan) => fetchBucketTraces(session, plan, tuning, query, selection, page)),

    fetchTrace: (traceId, options) => run(options, false, (session, plan) => fetchTrace(session, plan, traceId)),

    fetchConnectTimeline: (query, timeline, options) =>
      run(options, true, (session, plan) => fetchConnectTimeline(session, plan, tuning, query, timeline)),

    fetchSuggestions: (query, field, prefix, limit, options) =>
      run(options, false, (session, plan) => fetchSuggestions(session, plan, query, field, prefix, limit)),

    fetchExtent: (options) => run(options, false, (session, plan) => fetchExtent(session, plan)),

    checkHealth: async (options) => {
      const session = new ElasticsearchSession(client, config, options?.signal);
      return checkHealth(session, config.url, () => fieldPlan(session));
    },

    freezeWindow: (plan, options) => run(options, false, (session) => freezeWindow(session, config.fields, plan)),

    // Elasticsearch holds the data itself: nothing is loaded.
    loadStatus: () => null,

    close: () => client.close(),
  };
}
