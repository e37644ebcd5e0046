import type { TraceQuery } from '@/lib/domain/query';
import type { SlowRange } from '@/lib/domain/triage/slow-range';
import type { CorrelationField } from '@/lib/domain/triage/triage-data';
import { buildTraceSetCtes } from '../build-trace-set';
import { sqlString } from '../field-access';
import type { SqlStatement } from '../sql-statement';
import { buildSlowCondition } from './slow-condition';

/**
 * Each compared field over a trace set row (e_: edge representative, i_: ingress), as the trace table holds it, normalized
 * at load as the domain does (hs_text: trimmed, "" and "-" are no value; upstream addresses as
 * nginx lists); a status counts only when it is three digits, as `toTierDocument` reads it.
 */
const status = 'e_status';
const FIELD_SQL: Readonly<Record<CorrelationField, string>> = {
  ingressHost: 'i_host',
  edgeHost: 'e_host',
  edgeUpstreamAddr: 'e_upstream_addr',
  ingressUpstreamAddr: 'i_upstream_addr',
  proxyUpstreamName: 'i_proxy_upstream_name',
  app: 'e_app',
  path: 'e_path',
  method: 'e_method',
  status: `CASE WHEN regexp_full_match(${status}, '\\d{3}') THEN ${status} END`,
};

/** The trace-table columns each compared field reads. */
const FIELD_COLUMNS: Readonly<Record<CorrelationField, readonly string[]>> = {
  ingressHost: ['i_host'],
  edgeHost: ['e_host'],
  edgeUpstreamAddr: ['e_upstream_addr'],
  ingressUpstreamAddr: ['i_upstream_addr'],
  proxyUpstreamName: ['i_proxy_upstream_name'],
  app: ['e_app'],
  path: ['e_path'],
  method: ['e_method'],
  status: ['e_status'],
};

/**
 * Per field and value over the joined traces: slow (edge request_time in `slow`) and total counts, the field's distinct values
 * and totals, keeping the `limitPerField` values most frequent among slow traces (then among all,
 * then by value). Rows (field, value, slow_n, all_n, distinct_values, field_slow, field_all); one
 * row with field NULL carries the population's totals.
 */
export function buildFieldValueCountsSql(
  query: TraceQuery,
  slow: SlowRange,
  correlationFields: readonly CorrelationField[],
  limitPerField: number,
): SqlStatement {
  const columns = correlationFields.flatMap((field) => FIELD_COLUMNS[field]);
  const traceSet = buildTraceSetCtes(query, { ingress: true, columns });
  const isSlow = buildSlowCondition(slow);
  // Column names come from CORRELATION_FIELDS, never from a request.
  const fieldColumns = correlationFields.map((field) => `,\n    ${FIELD_SQL[field]} AS "${field}"`).join('');
  // One pass over the joined traces computes every field's counts (a grouping set per field):
  // far cheaper than a pass per field, or than unpivoting every trace into a row per field.
  const sets = correlationFields.map((field) => `("${field}")`).join(', ');
  const valueOf = correlationFields.length === 0 ? 'NULL::VARCHAR' : `coalesce(${correlationFields.map((field) => `"${field}"`).join(', ')})`;
  const fieldOf =
    correlationFields.length === 0
      ? 'NULL::VARCHAR'
      : `CASE ${correlationFields.map((field) => `WHEN GROUPING("${field}") = 0 THEN ${sqlString(field)}`).join(' ')} END`;
  const perField =
    correlationFields.length === 0
      ? 'SELECT NULL::VARCHAR AS field, NULL::VARCHAR AS value, 0::BIGINT AS slow_n, 0::BIGINT AS all_n WHERE FALSE'
      : `SELECT ${fieldOf} AS field, ${valueOf} AS value, count(*) FILTER (WHERE slow) AS slow_n, count(*) AS all_n
  FROM joined_fields GROUP BY GROUPING SETS (${sets})`;
  const sql = `
WITH ${traceSet.sql},
joined_fields AS NOT MATERIALIZED (
  SELECT ${isSlow.sql} AS slow${fieldColumns}
  FROM trace_set WHERE i_rt_ms IS NOT NULL
),
grouped AS (
  ${perField}
),
counted AS (SELECT * FROM grouped WHERE value IS NOT NULL),
ranked AS (
  SELECT *,
    row_number() OVER (PARTITION BY field ORDER BY slow_n DESC, all_n DESC, value ASC) AS rank,
    count(*) OVER (PARTITION BY field) AS distinct_values,
    sum(slow_n) OVER (PARTITION BY field) AS field_slow,
    sum(all_n) OVER (PARTITION BY field) AS field_all
  FROM counted
)
SELECT field, value, slow_n, all_n, distinct_values, field_slow, field_all FROM ranked WHERE rank <= $limitPerField::BIGINT
UNION ALL SELECT NULL, NULL, count(*) FILTER (WHERE slow), count(*), NULL, NULL, NULL FROM joined_fields`;
  return { sql, params: { ...traceSet.params, ...isSlow.params, limitPerField } };
}
