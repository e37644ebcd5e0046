import 'server-only';
import type { EdgeDistribution } from '@/lib/backends/types';
import { needsIngressJoin } from '@/lib/domain/dimension-filters';
import type { TraceQuery } from '@/lib/domain/query';
import { toEdgeTraceCounts } from '@/lib/domain/trace-counts';
import type { TuningConfig } from '../backend-config';
import { fetchEdgeDuplicates, fetchEdgeLines, toEdgeDistribution } from '../edge-distribution';
import type { FieldPlan } from '../query-plan';
import type { ElasticsearchSession } from '../session';
import { fetchDistributions } from './fetch-distributions';

/**
 * The edge side of fetchDistributions alone (docs/ARCHITECTURE.md, "Edge-first paint"): the same
 * steps, exact, and no ingress line is read, so it costs a few aggregations instead of the join.
 * Under ingress dimension filters the edge side is the traces whose ingress representative
 * passes, which only the join knows: the answer is then the edge part of the full one.
 */
export async function fetchEdgeDistribution(session: ElasticsearchSession, fieldPlan: FieldPlan, tuning: TuningConfig, query: TraceQuery): Promise<EdgeDistribution> {
  if (needsIngressJoin(query.filters)) {
    const full = await fetchDistributions(session, fieldPlan, tuning, query);
    return { counts: toEdgeTraceCounts(full.counts), distribution: full.distributions.edge };
  }
  const lines = await fetchEdgeLines(session, fieldPlan, query);
  return toEdgeDistribution(lines, await fetchEdgeDuplicates(session, lines, query));
}
