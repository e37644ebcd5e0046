/**
 * EXPLAIN ANALYZE for the embedded store, outside the server: loads the files the way the server
 * does (openStore), turns each API path into the SQL statement(s) the backend runs for it (the
 * same build* functions), runs each twice on its own connection and keeps DuckDB's JSON profile
 * of the second run. Run by the harness for endpoints that missed a target:
 *
 *   npx tsx --conditions=react-server scripts/bench/profile-duckdb.ts --edge F --ingress F --targets T.json --out P.json
 *
 * (`--conditions=react-server` lets the backend's `server-only` modules load outside Next.js.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '@/lib/backends/duckdb/connection';
import { timeSlices } from '@/lib/backends/duckdb/sql/time-slices';
import { buildBucketTracesSql } from '@/lib/backends/duckdb/sql/build-bucket-traces';
import { buildConnectTimelineSql } from '@/lib/backends/duckdb/sql/build-connect-timeline';
import { buildDistributionsSql } from '@/lib/backends/duckdb/sql/build-distributions';
import { buildSuggestionsSql } from '@/lib/backends/duckdb/sql/build-suggestions';
import { buildTraceLookupSql } from '@/lib/backends/duckdb/sql/build-trace-lookup';
import type { SqlStatement } from '@/lib/backends/duckdb/sql/sql-statement';
import { buildConnectDistributionsSql } from '@/lib/backends/duckdb/sql/triage/build-connect-distributions';
import { buildFieldValueCountsSql } from '@/lib/backends/duckdb/sql/triage/build-field-value-counts';
import { buildSegmentStatsSql } from '@/lib/backends/duckdb/sql/triage/build-segment-stats';
import { chooseTimelineBinMs, DEFAULT_TIMELINE_MAX_GROUPS } from '@/lib/domain/connect-timeline';
import { decodeCursor, DEFAULT_TRACE_PAGE_SIZE } from '@/lib/domain/drill-down';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import type { HistogramName } from '@/lib/domain/histogram-names';
import { DEFAULT_SLOW_MS, publicQuerySchema, QUERY_PARAMETERS, REPEATABLE_QUERY_PARAMETERS, resolveQuery, type NormalizedQuery } from '@/lib/domain/query';
import { slowFrom } from '@/lib/domain/triage/slow-range';
import { CORRELATION_FIELDS } from '@/lib/domain/triage/triage-data';
import { CONNECT_MAX_GROUPS, DEFAULT_CORRELATION_LIMIT } from '@/lib/domain/triage/triage-query';
import { digestDuckdbProfile } from './duckdb-profile-digest';
import { median } from './stats';

export type DuckdbProfileTarget = { id: string; label: string; path: string };
export type DuckdbProfileResult = { id: string; label: string; text: string };

/** The shared query of a URL, read by the domain schema's own keys (the repeatable ones as arrays). */
function queryOf(params: URLSearchParams): NormalizedQuery {
  const entries = QUERY_PARAMETERS.flatMap((key) => {
    if (!params.has(key)) return [];
    return [[key, (REPEATABLE_QUERY_PARAMETERS as readonly string[]).includes(key) ? params.getAll(key) : params.get(key)!]];
  });
  const input = publicQuerySchema.parse(Object.fromEntries(entries));
  const resolved = resolveQuery(input, Date.now(), { fromMs: 0, toMs: 1 });
  if (!resolved.ok) throw new Error(`${resolved.issue.parameter}: ${resolved.issue.message}`);
  return resolved.query;
}

const optionalNumber = (text: string | null): number | null => (text === null ? null : Number(text));

/** The statements the backend runs for one API path (the triage summary runs three). */
function statementsFor(apiPath: string): { name: string; statement: SqlStatement }[] {
  const url = new URL(apiPath, 'http://profile.invalid');
  const params = url.searchParams;
  const route = url.pathname;
  if (route.startsWith('/api/v1/traces/')) {
    const traceId = decodeURIComponent(route.slice('/api/v1/traces/'.length));
    return (['edge', 'ingress'] as const).map((tier) => ({ name: `trace lookup, ${tier}`, statement: buildTraceLookupSql(tier, traceId) }));
  }
  const query = queryOf(params);
  const slowMs = params.has('slow') ? Math.round(Number(params.get('slow')) * 1000) : DEFAULT_SLOW_MS;
  const segmentStats = { name: 'segment stats', statement: buildSegmentStatsSql(query, slowFrom(slowMs)) };
  const fieldValues = { name: 'field value counts', statement: buildFieldValueCountsSql(query, slowFrom(slowMs), CORRELATION_FIELDS, DEFAULT_CORRELATION_LIMIT) };
  const connects = { name: 'connect distributions', statement: buildConnectDistributionsSql(query, CONNECT_MAX_GROUPS) };
  switch (route) {
    case '/api/v1/histograms':
      return [{ name: 'distributions', statement: buildDistributionsSql(query) }];
    case '/api/v1/traces': {
      const cursorText = params.get('cursor');
      const selection = { histogram: params.get('histogram') as HistogramName, fromMs: optionalNumber(params.get('fromMs')), toMs: optionalNumber(params.get('toMs')) };
      const page = { limit: Number(params.get('limit') ?? DEFAULT_TRACE_PAGE_SIZE), cursor: cursorText ? decodeCursor(cursorText) : null };
      // The backend walks time slices until the page is full; the first (newest) one is profiled.
      const upperMs = page.cursor === null ? query.toMs : Math.min(query.toMs, page.cursor.timestampMs + 1);
      const slice = timeSlices(query.fromMs, upperMs).next().value ?? { fromMs: query.fromMs, toMs: upperMs };
      return [{ name: 'bucket traces, newest slice', statement: buildBucketTracesSql(query, selection, page, slice, page.limit + 1) }];
    }
    case '/api/v1/connect-timeline': {
      const timeline = {
        tier: params.get('tier') as 'edge' | 'ingress',
        groupBy: (params.get('groupBy') ?? 'host') as 'host' | 'upstreamAddr',
        binMs: chooseTimelineBinMs(query.toMs - query.fromMs),
        maxGroups: DEFAULT_TIMELINE_MAX_GROUPS,
      };
      return [{ name: 'connect timeline', statement: buildConnectTimelineSql(query, timeline) }];
    }
    case '/api/v1/suggestions':
      return [{ name: 'suggestions', statement: buildSuggestionsSql(query, params.get('field') as 'app' | 'path', params.get('prefix'), Number(params.get('limit') ?? 20)) }];
    case '/api/v1/triage/summary':
      return [segmentStats, fieldValues, connects];
    case '/api/v1/triage/attribution':
      return [segmentStats];
    case '/api/v1/triage/correlations':
      return [fieldValues];
    case '/api/v1/triage/retransmissions':
      return [segmentStats, connects];
    case '/api/v1/triage/connection-reuse':
      return [connects];
    default:
      throw new Error(`no statement known for ${route}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { edge: { type: 'string' }, ingress: { type: 'string' }, targets: { type: 'string' }, out: { type: 'string' } } });
  if (!values.edge || !values.ingress || !values.targets || !values.out) throw new Error('usage: --edge FILE --ingress FILE --targets FILE.json --out FILE.json');
  const targets = JSON.parse(readFileSync(values.targets, 'utf8')) as DuckdbProfileTarget[];
  const store = await openStore({ edgeFiles: [values.edge], ingressFiles: [values.ingress] }, sameInBothTiers(DEFAULT_FIELD_NAMES));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hopscope-duckdb-profile-'));
  const results: DuckdbProfileResult[] = [];
  try {
    for (const target of targets) {
      const sections: string[] = [];
      for (const { name, statement } of statementsFor(target.path)) {
        const profileFile = path.join(scratch, 'profile.json');
        // Wall time as the server runs it (a fresh connection per statement), without profiling.
        const wallMs: number[] = [];
        for (let run = 0; run < 3; run += 1) {
          const connection = await store.instance.connect();
          const started = performance.now();
          try {
            await connection.runAndReadAll(statement.sql, statement.params);
          } finally {
            connection.closeSync();
          }
          wallMs.push(performance.now() - started);
        }
        const connection = await store.instance.connect();
        try {
          await connection.run("SET enable_profiling = 'json'");
          await connection.run("SET profiling_mode = 'detailed'");
          await connection.run(`SET profiling_output = '${profileFile.replaceAll("'", "''")}'`);
          await connection.runAndReadAll(statement.sql, statement.params);
        } finally {
          connection.closeSync();
        }
        const digest = digestDuckdbProfile(JSON.parse(readFileSync(profileFile, 'utf8')));
        sections.push(
          `${name}: in-process wall ${median(wallMs).toFixed(0)} ms (median of 3, fresh connection each); profiled run: latency ${digest.latencyMs.toFixed(0)} ms, CPU ${digest.cpuMs.toFixed(0)} ms; slowest operators:`,
          ...digest.lines.map((line) => `  ${line}`),
        );
      }
      results.push({ id: target.id, label: target.label, text: sections.join('\n') });
      console.error(`profile-duckdb: ${target.label} done`);
    }
  } finally {
    store.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(`profile-duckdb: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
