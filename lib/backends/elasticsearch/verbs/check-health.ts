import 'server-only';
import type { BackendHealth } from '@/lib/backends/types';
import { TIERS } from '@/lib/domain/tiers';
import { AppError } from '@/lib/server/core/errors';
import { edgeAggregationBlocker } from '../edge-distribution';
import { describeSourceAliases } from '../field-aliases';
import { redactUrl } from '../errors';
import { requiredFieldsOrThrow, timestampFieldOrThrow, type FieldPlan } from '../query-plan';
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
 * Which configured names are aliases, and where the lines are read for them; and which indices'
 * aliases are not known (there a name that is an alias reads as absent). Null when neither.
 */
function describeAliases(plan: FieldPlan): Record<string, unknown> | null {
  const described: Record<string, unknown> = {};
  for (const tier of TIERS) {
    const tierAliases = plan.sourceAliases ? describeSourceAliases(plan.sourceAliases[tier], plan.fields[tier]) : null;
    if (tierAliases !== null) described[tier] = tierAliases;
  }
  if (plan.aliasesUnread) described.unknown = `${plan.aliasesUnread}: a configured name that is an alias there reads as absent from every line`;
  return Object.keys(described).length === 0 ? null : described;
}

/** Reachability, cluster status, and whether the mappings allow answers: required fields present, times mapped as dates. */
export async function checkHealth(session: ElasticsearchSession, url: string, fetchPlan: () => Promise<FieldPlan>): Promise<BackendHealth> {
  const details: Record<string, unknown> = { url: redactUrl(url), edgeIndex: session.indexOf('edge'), ingressIndex: session.indexOf('ingress') };
  const filters = session.tierFilterDescriptions();
  if (Object.keys(filters).length > 0) details.tierFilters = filters;
  try {
    const health = await session.clusterHealth();
    details.cluster = { name: health.cluster_name, status: health.status };
    const plan = await fetchPlan();
    details.mappings = describePlan(plan);
    details.matchedIndices = plan.matchedIndices;
    details.fieldLayout = plan.layouts;
    const aliases = describeAliases(plan);
    if (aliases !== null) details.fieldAliases = aliases;
    for (const tier of TIERS) {
      requiredFieldsOrThrow(plan, tier);
      timestampFieldOrThrow(plan, tier);
    }
    // Where a cold window's first edge bar comes from: Elasticsearch's aggregations, or the read.
    const blocker = edgeAggregationBlocker(plan);
    details.edgeFirstBar = blocker === null ? 'aggregated by Elasticsearch' : `after the window's lines are read: ${blocker}`;
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
