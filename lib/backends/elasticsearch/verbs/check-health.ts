import 'server-only';
import type { BackendHealth } from '@/lib/backends/types';
import { AppError } from '@/lib/server/core/errors';
import { redactUrl } from '../errors';
import { TIERS } from '@/lib/domain/tiers';
import { MappingError } from '../answer-errors';
import { requiredFieldsOrThrow, timestampFieldOrThrow, toTraceSetFields, type FieldPlan } from '../query-plan';
import { toAnswerError } from '../session';
import type { ElasticsearchSession } from '../session';

const describePlan = (plan: FieldPlan) =>
  Object.fromEntries(
    (['edge', 'ingress'] as const).map((tier) => [
      tier,
      Object.fromEntries(Object.entries(plan[tier]).map(([field, resolved]) => [field, `${resolved.name}: ${resolved.kind}`])),
    ]),
  );

/**
 * Where a cold window's first edge bar comes from: Elasticsearch's own aggregations when the edge
 * request_time and trace ids are mapped for them, else the window's read (the engine reads
 * `_source`, exact whatever the mapping), with the reason.
 */
function edgeFirstBar(plan: FieldPlan): string {
  try {
    toTraceSetFields(plan);
    return 'aggregated by Elasticsearch';
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    return `after the window's lines are read: ${error.message}`;
  }
}

/** Reachability, cluster status, and whether the mappings allow answers: required fields present, times mapped as dates. */
export async function checkHealth(session: ElasticsearchSession, url: string, fetchPlan: () => Promise<FieldPlan>): Promise<BackendHealth> {
  const details: Record<string, unknown> = { url: redactUrl(url), edgeIndex: session.indexOf('edge'), ingressIndex: session.indexOf('ingress') };
  try {
    const health = await session.clusterHealth();
    details.cluster = { name: health.cluster_name, status: health.status };
    const plan = await fetchPlan();
    details.mappings = describePlan(plan);
    details.matchedIndices = plan.matchedIndices;
    details.fieldLayout = plan.layouts;
    for (const tier of TIERS) {
      requiredFieldsOrThrow(plan, tier);
      timestampFieldOrThrow(plan, tier);
    }
    details.edgeFirstBar = edgeFirstBar(plan);
    if (plan.matchedIndices?.edge === 0) {
      return { backend: 'elasticsearch', ok: false, message: `no Elasticsearch index matches the edge index pattern ${session.indexOf('edge')}`, details };
    }
    const ok = health.status !== 'red';
    return { backend: 'elasticsearch', ok, message: `cluster ${health.cluster_name} is ${health.status}`, details };
  } catch (caught) {
    const error = toAnswerError(caught, (tier) => session.indexOf(tier));
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    return { backend: 'elasticsearch', ok: false, message, details };
  }
}
