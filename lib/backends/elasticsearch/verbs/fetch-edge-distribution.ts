import 'server-only';
import type { EdgeDistribution } from '@/lib/backends/types';
import type { TraceQuery } from '@/lib/domain/query';
import { fetchEdgeDuplicates, fetchEdgeLines, toEdgeDistribution } from '../edge-distribution';
import type { FieldPlan } from '../query-plan';
import type { ElasticsearchSession } from '../session';

/**
 * The edge side of fetchDistributions alone (docs/ARCHITECTURE.md, "Edge-first paint"): the same
 * steps, exact, and no ingress line is read, so it costs a few aggregations instead of the join.
 */
export async function fetchEdgeDistribution(session: ElasticsearchSession, fieldPlan: FieldPlan, query: TraceQuery): Promise<EdgeDistribution> {
  const lines = await fetchEdgeLines(session, fieldPlan, query);
  return toEdgeDistribution(lines, await fetchEdgeDuplicates(session, lines, query));
}
