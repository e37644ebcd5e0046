import 'server-only';
import type { TriageBackend } from '@/lib/backends/triage-types';
import { parseConnectDistributions, type ConnectDistributionRow } from './parse/triage/parse-connect-distributions';
import { parseFieldValueCounts, type FieldValueCountRow } from './parse/triage/parse-field-value-counts';
import { parseSegmentStats, type SegmentStatsRow } from './parse/triage/parse-segment-stats';
import type { SqlStatement } from './sql/sql-statement';
import { buildConnectDistributionsSql } from './sql/triage/build-connect-distributions';
import { buildFieldValueCountsSql } from './sql/triage/build-field-value-counts';
import { buildSegmentStatsSql } from './sql/triage/build-segment-stats';

/** Runs one statement on the loaded store (the backend's `run`, or runStatement on a LoadedStore's instance). */
export type RunStatement = (statement: SqlStatement, signal?: AbortSignal) => Promise<Record<string, unknown>[]>;

export type DuckdbTriageConfig = { run: RunStatement };

/**
 * The triage verbs on the embedded store: build (sql/triage) → execute → parse (parse/triage).
 * It shares the DuckDB backend's loaded store through `run`, so nothing is loaded twice.
 */
export function createDuckdbTriage({ run }: DuckdbTriageConfig): TriageBackend {
  return {
    kind: 'duckdb',

    async fetchSegmentStats(query, slow, options) {
      return parseSegmentStats((await run(buildSegmentStatsSql(query, slow), options?.signal)) as SegmentStatsRow[]);
    },

    async fetchFieldValueCounts(query, slow, correlationFields, limitPerField, options) {
      const statement = buildFieldValueCountsSql(query, slow, correlationFields, limitPerField);
      return parseFieldValueCounts((await run(statement, options?.signal)) as FieldValueCountRow[], correlationFields);
    },

    async fetchConnectDistributions(query, maxGroups, options) {
      const rows = await run(buildConnectDistributionsSql(query, maxGroups), options?.signal);
      return parseConnectDistributions(rows as ConnectDistributionRow[]);
    },
  };
}
