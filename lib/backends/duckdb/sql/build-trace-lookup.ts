import type { Tier } from '@/lib/domain/tiers';
import { rawTable, tierTable } from './build-load';
import type { SqlStatement } from './sql-statement';

/** Every line of one trace in one tier, at any time, in load order. */
export function buildTraceLookupSql(tier: Tier, traceId: string): SqlStatement {
  return {
    sql: `SELECT r.doc FROM ${rawTable(tier)} r
WHERE r.doc_id IN (SELECT doc_id FROM ${tierTable(tier)} WHERE trace_id = $traceId)
ORDER BY r.doc_id`,
    params: { traceId },
  };
}
