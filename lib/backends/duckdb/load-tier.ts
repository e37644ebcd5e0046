import 'server-only';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { repairNginxJson } from '@/lib/domain/access-log/nginx-json-repair';
import { parseJsonObjectLine } from '@/lib/domain/access-log/json-object-line';
import { detectEnvelope, unwrapLine, type LogEnvelope } from '@/lib/domain/access-log/log-envelope';
import { checkJsonFields } from '@/lib/domain/access-log/json-field-check';
import { LogFormatError } from '@/lib/domain/access-log/log-format';
import { resolveLogFormat } from '@/lib/domain/access-log/resolve-log-format';
import type { TierFormat } from '@/lib/backends/types';
import type { FieldNames } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import type { DuckdbConfig } from '@/lib/server/core/config';
import { AppError } from '@/lib/server/core/errors';
import { convertTextLogs } from './convert-text-logs';
import type { LoadProgressSink } from './load-progress';
import type { LogSource } from './log-sources';
import { buildLoadTierSql, buildUnreadableCountSql } from './sql/build-load';
import { readFirstLines, readLines, startsWithByteOrderMark } from './text-log-reader';

export type { TierFormat };

/** The reason an unreadable line of a tier was left out, from what its files were read as. */
function unreadableReason(format: string, envelope: LogEnvelope): string {
  const asRead = format === 'json' ? 'not a JSON object, or not UTF-8' : format === 'log_format' ? 'not matching the log_format' : `not in the ${format} format`;
  return envelope === 'none' ? asRead : `${asRead}, or not in the ${envelope} envelope`;
}

/** A tier ready for DuckDB to load: its NDJSON files (converted ones are removed once loaded). */
export type PreparedTier = { tier: Tier; format: TierFormat; files: string[]; convertedFile: string | null; sources: readonly LogSource[] };

const FORMAT_VARIABLE: Record<Tier, string> = { edge: 'HOPSCOPE_EDGE_FORMAT', ingress: 'HOPSCOPE_INGRESS_FORMAT' };
/** Lines read to detect a format; the majority decides. */
const DETECTION_LINES = 20;

const describeFiles = (sources: readonly LogSource[]) => sources.map((source) => source.path).join(', ');

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

/**
 * Detects the container runtime's wrapping, detects or resolves a tier's format and, for text
 * logs (and JSON files named with a host, wrapped by a runtime, starting with a byte order mark or
 * written by an nginx template that is not always JSON), converts its lines into one NDJSON file in
 * `workDirectory`, so every form reaches the same load statement and the same normalization. JSON
 * files are left for DuckDB to read directly. `repairJson` repairs them whatever the first lines showed.
 */
export async function prepareTier(
  tier: Tier,
  sources: readonly LogSource[],
  config: DuckdbConfig,
  fields: FieldNames,
  workDirectory: string,
  onProgress?: LoadProgressSink,
  options: { repairJson?: boolean } = {},
): Promise<PreparedTier> {
  let firstLines: string[] = [];
  for (const source of sources) {
    firstLines = await readFirstLines(source, DETECTION_LINES);
    if (firstLines.length > 0) break;
  }
  onProgress?.({ stage: 'plan', tier, estimatedLines: estimateLines(sources, firstLines) });
  const envelope = detectEnvelope(firstLines);
  const innerLines = firstLines.flatMap((line) => unwrapLine(envelope, line) ?? []);
  let format;
  try {
    format = resolveLogFormat(tier === 'edge' ? config.edgeFormat : config.ingressFormat, innerLines, FORMAT_VARIABLE[tier]);
  } catch (error) {
    if (!(error instanceof LogFormatError)) throw error;
    throw new AppError('config_error', `the ${tier} log files (${describeFiles(sources)}): ${error.message}`, undefined, { cause: error });
  }
  const formatName = format.kind === 'json' ? 'json' : format.name;
  const repairing = format.kind === 'json' && (format.repairedJson === true || options.repairJson === true);
  const named = {
    format: formatName,
    ...(envelope === 'none' ? {} : { envelope }),
    ...(repairing ? { repairedJson: true as const } : {}),
    unreadable: unreadableReason(formatName, envelope),
  };
  const readDirectly = format.kind === 'json' && !repairing && envelope === 'none' && sources.every((source) => source.host === undefined);
  if (readDirectly && !(await anyStartsWithByteOrderMark(sources))) {
    const missing = checkJsonFields(innerLines, fields, tier);
    return { tier, format: { ...named, missing }, files: sources.map((source) => source.path), convertedFile: null, sources };
  }
  mkdirSync(workDirectory, { recursive: true });
  const convertedFile = path.join(workDirectory, `${tier}-lines.ndjson`);
  const conversion = format.kind === 'text' ? { kind: 'text' as const, parser: format.parser, envelope } : { kind: 'json' as const, repair: repairing, envelope };
  const result = await convertTextLogs(tier, sources, conversion, fields, convertedFile, onProgress);
  const missing = format.kind === 'json' ? checkJsonFields(repairing ? innerLines.map((line) => repairNginxJson(line) ?? line) : innerLines, fields, tier) : result.missing;
  return { tier, format: { ...named, missing }, files: [convertedFile], convertedFile, sources };
}

/** Whether a line of the files is JSON only once repaired (read until the first one). */
async function anyRepairableLine(sources: readonly LogSource[], envelope: LogEnvelope): Promise<boolean> {
  for (const source of sources) {
    for await (const line of readLines(source)) {
      const inner = unwrapLine(envelope, line);
      if (inner === null) continue;
      // A line with nothing to repair comes back as it is, without being parsed; one that changed
      // was not JSON as written (only invalid values are rewritten).
      const repaired = repairNginxJson(inner);
      if (repaired !== null && repaired !== inner && parseJsonObjectLine(repaired) !== null) return true;
    }
  }
  return false;
}

/**
 * Loads a prepared tier; a JSON tier with unreadable lines is read again, repaired, when some of
 * those lines are an nginx template's (lines the first lines' detection did not see: a bare `-`
 * appears only when no upstream answered). A clean load costs no second look. Returns the tier as
 * loaded.
 */
export async function loadTier(
  connection: DuckDBConnection,
  prepared: PreparedTier,
  config: DuckdbConfig,
  fields: FieldNames,
  workDirectory: string,
  onProgress?: LoadProgressSink,
): Promise<PreparedTier> {
  await loadPreparedTier(connection, prepared, fields, onProgress);
  if (prepared.format.format !== 'json' || prepared.format.repairedJson) return prepared;
  const unreadable = await connection.runAndReadAll(buildUnreadableCountSql(prepared.tier));
  if (Number(unreadable.getRowObjects()[0]?.n ?? 0) === 0) return prepared;
  if (!(await anyRepairableLine(prepared.sources, prepared.format.envelope ?? 'none'))) return prepared;
  const repaired = await prepareTier(prepared.tier, prepared.sources, config, fields, workDirectory, onProgress, { repairJson: true });
  await loadPreparedTier(connection, repaired, fields, onProgress);
  return repaired;
}

/** Whether a file starts with a byte order mark: such JSON files go through the conversion, which drops it. */
async function anyStartsWithByteOrderMark(sources: readonly LogSource[]): Promise<boolean> {
  for (const source of sources) if (await startsWithByteOrderMark(source)) return true;
  return false;
}

/**
 * A tier's lines estimated from its files' size and the length of its first lines; null when a
 * file is compressed (its stored size says little) or nothing could be read.
 */
function estimateLines(sources: readonly LogSource[], firstLines: readonly string[]): number | null {
  if (firstLines.length === 0 || sources.some((source) => source.path.endsWith('.gz'))) return null;
  const bytesPerLine = firstLines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0) / firstLines.length;
  return Math.round(sources.reduce((sum, source) => sum + source.bytes, 0) / bytesPerLine);
}

/** How often DuckDB's progress is asked while a tier is stored. */
const STORE_PROGRESS_INTERVAL_MS = 1000;

/**
 * Loads a prepared tier into its tables and removes the converted file, if any. While each
 * statement runs, DuckDB's own progress estimate is reported as the `store` stage.
 */
export async function loadPreparedTier(connection: DuckDBConnection, prepared: PreparedTier, fields: FieldNames, onProgress?: LoadProgressSink): Promise<void> {
  const statements = buildLoadTierSql(prepared.tier, prepared.files, fields);
  const started = performance.now();
  const report = (share: number) => onProgress?.({ stage: 'store', tier: prepared.tier, share, elapsedMs: Math.round(performance.now() - started) });
  try {
    for (const [index, statement] of statements.entries()) {
      const poll = onProgress
        ? setInterval(() => {
            // -1 until DuckDB has an estimate for the running statement.
            const { percentage } = connection.progress;
            if (percentage >= 0) report((index + Math.min(percentage, 100) / 100) / statements.length);
          }, STORE_PROGRESS_INTERVAL_MS)
        : undefined;
      try {
        await connection.run(statement);
      } finally {
        clearInterval(poll);
      }
    }
    report(1);
  } catch (error) {
    throw new AppError('config_error', `could not load the ${prepared.tier} log files (${describeFiles(prepared.sources)}): ${firstLine(error)}`, undefined, {
      cause: error,
    });
  } finally {
    discardConverted(prepared);
  }
}

export function discardConverted(prepared: PreparedTier): void {
  if (prepared.convertedFile) rmSync(prepared.convertedFile, { force: true });
}
