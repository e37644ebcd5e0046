import { tierTable } from './build-load';
import type { SqlStatement } from './sql-statement';

/** First and last edge @timestamp (the end exclusive). */
export function buildExtentSql(): SqlStatement {
  return { sql: `SELECT min(ts_ms) AS from_ms, max(ts_ms) + 1 AS to_ms FROM ${tierTable('edge')}`, params: {} };
}
