import type { Tier } from '@/lib/domain/tiers';
import { tierTable } from './build-load';
import type { SqlStatement } from './sql-statement';

/** Every line of one trace in one tier, at any time, in load order. */
export function buildTraceLookupSql(tier: Tier, traceId: string): SqlStatement {
  return { sql: `SELECT doc FROM ${tierTable(tier)} WHERE trace_id = $traceId ORDER BY doc_id`, params: { traceId } };
}
