import type { EdgeDistribution } from '@/lib/backends/types';
import { toEdgeTraceCounts } from '@/lib/domain/trace-counts';
import { parseDistributions, type DistributionRow } from './parse-distributions';

/** Rows of buildEdgeDistributionSql (the edge rows of buildDistributionsSql) to the edge answer. */
export function parseEdgeDistribution(rows: readonly DistributionRow[]): EdgeDistribution {
  const { counts, distributions } = parseDistributions(rows);
  return { counts: toEdgeTraceCounts(counts), distribution: distributions.edge };
}
