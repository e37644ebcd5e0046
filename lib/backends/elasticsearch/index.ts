import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import { toTuning, type ElasticsearchBackendConfig } from './backend-config';
import { createElasticsearchClient } from './client';
import type { FieldPlan } from './query-plan';
import { ElasticsearchSession, toAnswerError } from './session';
import { createElasticsearchTriage, type RunVerb } from './triage';
import { checkHealth } from './verbs/check-health';
import { fetchBucketTraces } from './verbs/fetch-bucket-traces';
import { fetchConnectTimeline } from './verbs/fetch-connect-timeline';
import { fetchDistributions } from './verbs/fetch-distributions';
import { fetchExtent } from './verbs/fetch-extent';
import { fetchSuggestions } from './verbs/fetch-suggestions';
import { fetchTrace } from './verbs/fetch-trace';

export type { ElasticsearchBackendConfig } from './backend-config';

/** Mappings are read again after this long, so a new daily index with another mapping is noticed. */
const FIELD_PLAN_TTL_MS = 60_000;

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

  /** Runs a verb in a session; `snapshot` reads one point in time per tier across its requests. */
  const run: RunVerb = async (signal, snapshot, verb) => {
    const session = new ElasticsearchSession(client, config, signal);
    try {
      const plan = await fieldPlan(session);
      if (snapshot) await session.openSnapshot();
      return await verb(session, plan);
    } catch (error) {
      throw toAnswerError(error);
    } finally {
      await session.close();
    }
  };

  return {
    kind: 'elasticsearch',

    triage: createElasticsearchTriage({ run, tuning }),

    fetchDistributions: (query, options) => run(options?.signal, true, (session, plan) => fetchDistributions(session, plan, tuning, query)),

    fetchBucketTraces: (query, selection, page, options) =>
      run(options?.signal, true, (session, plan) => fetchBucketTraces(session, plan, tuning, query, selection, page)),

    fetchTrace: (traceId, options) => run(options?.signal, false, (session, plan) => fetchTrace(session, plan, traceId)),

    fetchConnectTimeline: (query, timeline, options) =>
      run(options?.signal, true, (session, plan) => fetchConnectTimeline(session, plan, tuning, query, timeline)),

    fetchSuggestions: (query, field, prefix, limit, options) =>
      run(options?.signal, false, (session, plan) => fetchSuggestions(session, plan, query, field, prefix, limit)),

    fetchExtent: (options) => run(options?.signal, false, (session, plan) => fetchExtent(session, plan)),

    checkHealth: async (options) => {
      const session = new ElasticsearchSession(client, config, options?.signal);
      return checkHealth(session, config.url, () => fieldPlan(session));
    },

    close: () => client.close(),
  };
}
