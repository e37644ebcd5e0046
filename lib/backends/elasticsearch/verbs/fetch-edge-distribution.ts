import 'server-only';
import type { EdgeDistribution } from '@/lib/backends/types';
import type { TraceQuery } from '@/lib/domain/query';
import { fetchEdgeDuplicates, fetchEdgeLines, toEdgeDistribution } from '../edge-distribution';
import type { FieldPlan } from '../query-plan';
import type { ElasticsearchSession } from '../session';

/**
 * The edge histogram by a few aggregations, exact, reading no ingress line (docs/ARCHITECTURE.md,
 * "Edge-first paint"): the first bar of a window not yet materialized. Not for queries with
 * ingress dimension filters, whose edge side only the join knows (the engine answers those).
 */
export async function fetchEdgeDistribution(session: ElasticsearchSession, fieldPlan: FieldPlan, query: TraceQuery): Promise<EdgeDistribution> {
  const lines = await fetchEdgeLines(session, fieldPlan, query);
  return toEdgeDistribution(lines, await fetchEdgeDuplicates(session, lines, query));
}
