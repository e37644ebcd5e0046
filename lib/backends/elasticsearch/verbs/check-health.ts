import 'server-only';
import type { BackendHealth } from '@/lib/backends/types';
import { AppError } from '@/lib/server/core/errors';
import { redactUrl } from '../errors';
import { requiredFieldsOrThrow, timingFieldOrThrow, toTraceSetFields, type FieldPlan } from '../query-plan';
import { toAnswerError } from '../session';
import type { ElasticsearchSession } from '../session';

const describePlan = (plan: FieldPlan) =>
  Object.fromEntries(
    (['edge', 'ingress'] as const).map((tier) => [
      tier,
      Object.fromEntries(Object.entries(plan[tier]).map(([field, resolved]) => [field, `${resolved.name}: ${resolved.kind}`])),
    ]),
  );

/** Reachability, cluster status, and whether the mappings allow exact answers. */
export async function checkHealth(session: ElasticsearchSession, url: string, fetchPlan: () => Promise<FieldPlan>): Promise<BackendHealth> {
  const details: Record<string, unknown> = { url: redactUrl(url), edgeIndex: session.indexOf('edge'), ingressIndex: session.indexOf('ingress') };
  try {
    const health = await session.clusterHealth();
    details.cluster = { name: health.cluster_name, status: health.status };
    const plan = await fetchPlan();
    details.mappings = describePlan(plan);
    details.matchedIndices = plan.matchedIndices;
    details.fieldLayout = plan.layouts;
    requiredFieldsOrThrow(plan, 'edge');
    requiredFieldsOrThrow(plan, 'ingress');
    toTraceSetFields(plan);
    timingFieldOrThrow(plan, 'ingress', 'requestTime');
    timingFieldOrThrow(plan, 'ingress', 'upstreamResponseTime');
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
