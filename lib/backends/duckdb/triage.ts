import 'server-only';
import type { CallOptions, TriageBackend } from '@/lib/backends/triage-types';
import { parseConnectDistributions, type ConnectDistributionRow } from './parse/triage/parse-connect-distributions';
import { parseFieldValueCounts, type FieldValueCountRow } from './parse/triage/parse-field-value-counts';
import { parseSegmentStats, type SegmentStatsRow } from './parse/triage/parse-segment-stats';
import type { SqlStatement } from './sql/sql-statement';
import { buildConnectDistributionsSql } from './sql/triage/build-connect-distributions';
import { buildFieldValueCountsSql } from './sql/triage/build-field-value-counts';
import { buildSegmentStatsSql } from './sql/triage/build-segment-stats';

/** Runs one statement on the loaded store (the backend's `run`, or runStatement on a LoadedStore's instance). */
export type RunStatement = (statement: SqlStatement, signal?: AbortSignal) => Promise<Record<string, unknown>[]>;

/** `tellNotices` tells a call what makes its answer incomplete (the store's lines without a readable time). */
export type DuckdbTriageConfig = { run: RunStatement; tellNotices?: (options: CallOptions | undefined) => Promise<void> };

/**
 * The triage verbs on the embedded store: build (sql/triage) → execute → parse (parse/triage).
 * It shares the DuckDB backend's loaded store through `run`, so nothing is loaded twice.
 */
export function createDuckdbTriage({ run, tellNotices = async () => undefined }: DuckdbTriageConfig): TriageBackend {
  return {
    kind: 'duckdb',

    async fetchSegmentStats(query, slow, options) {
      await tellNotices(options);
      return parseSegmentStats((await run(buildSegmentStatsSql(query, slow), options?.signal)) as SegmentStatsRow[]);
    },

    async fetchFieldValueCounts(query, slow, correlationFields, limitPerField, options) {
      await tellNotices(options);
      const statement = buildFieldValueCountsSql(query, slow, correlationFields, limitPerField);
      return parseFieldValueCounts((await run(statement, options?.signal)) as FieldValueCountRow[], correlationFields);
    },

    async fetchConnectDistributions(query, maxGroups, options) {
      await tellNotices(options);
      const rows = await run(buildConnectDistributionsSql(query, maxGroups), options?.signal);
      return parseConnectDistributions(rows as ConnectDistributionRow[]);
    },
  };
}
