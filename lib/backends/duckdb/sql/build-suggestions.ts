import type { SuggestionField } from '@/lib/backends/types';
import type { TraceQuery } from '@/lib/domain/query';
import { tierTable } from './build-load';
import type { SqlStatement } from './sql-statement';

/**
 * Most frequent values of app or path among edge lines of the window, under the other field's
 * filter; with `text`, those containing it anywhere (a prefix is a substring too: "user" finds
 * user-api and new-user-api), compared as a placeholder value, never as a pattern.
 */
export function buildSuggestionsSql(query: TraceQuery, field: SuggestionField, text: string | null, limit: number): SqlStatement {
  const column = field === 'app' ? 'app' : 'path';
  const params: SqlStatement['params'] = { fromMs: query.fromMs, toMs: query.toMs, rowLimit: limit };
  const filters = ['ts_ms >= $fromMs::BIGINT', 'ts_ms < $toMs::BIGINT', `${column} IS NOT NULL`];
  if (field === 'path' && query.app !== null) {
    filters.push('app = $app');
    params.app = query.app;
  }
  if (field === 'app' && query.path !== null) {
    filters.push('path = $path');
    params.path = query.path;
  }
  if (text !== null) {
    filters.push(`contains(${column}, $text)`);
    params.text = text;
  }
  return {
    sql: `SELECT ${column} AS value, count(*) AS n FROM ${tierTable('edge')} WHERE ${filters.join(' AND ')}
GROUP BY ${column} ORDER BY n DESC, value ASC LIMIT $rowLimit::BIGINT`,
    params,
  };
}
