import { existsSync } from 'node:fs';
import { z } from 'zod';
import { createDuckdbBackend } from '@/lib/backends/duckdb';
import type { LatencyBackend } from '@/lib/backends/types';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import { countWords } from '@/lib/domain/triage/wording';
import { ConfigError, readServerConfig, type ServerConfig } from '@/lib/server/core/config';
import { getHistograms } from '@/lib/services/get-histograms';
import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';
import { toQuerySearchParams } from '@/lib/url-state';
import { toReportEnv, type ReportOptions } from './cli-options';
import { isGlob, toFileEntry, toRootRelativeEntry } from './file-entries';
import { formatDemoCommand, toDashboardUrl } from './format-demo-command';
import { formatDuration } from './format-load-progress';
import { formatReport } from './format-report';
import { createLoadProgressPrinter, type ProgressStream } from './load-progress-printer';
import { COLOR_STYLE, PLAIN_STYLE, shouldColor } from './text-style';

/** Input the report cannot use (a missing file, a tier without a readable line): one line, no stack. */
export class ReportInputError extends Error {}

export type ReportIo = {
  env: NodeJS.ProcessEnv;
  stdout: { write: (text: string) => void; isTTY: boolean; columns?: number };
  stderr: ProgressStream;
  /** The repository's root, where `npm run demo` runs: the demo command's paths are relative to it. */
  rootDir: string;
};

/** The report's lines fit this many columns (fewer on a narrower terminal). */
const MAX_WIDTH = 80;
const MIN_WIDTH = 60;

/** What the store's health reports once loaded (lib/backends/duckdb/index.ts). */
const loadedDetailsSchema = z.object({
  lines: z.object({ edge: z.number(), ingress: z.number() }),
  unreadableLines: z.object({ edge: z.number(), ingress: z.number() }),
  loadMs: z.number(),
});
type LoadedDetails = z.infer<typeof loadedDetailsSchema>;

const tierFiles = (config: ServerConfig, tier: Tier): string[] => (tier === 'edge' ? config.duckdb.edgeFiles : config.duckdb.ingressFiles);

/** Named here, before the store starts, so the message is the path and not DuckDB's words. Globs are left to the store. */
function assertFilesExist(config: ServerConfig): void {
  for (const tier of TIERS) {
    for (const entry of tierFiles(config, tier)) {
      const { filePath } = toFileEntry(entry);
      if (!isGlob(filePath) && !existsSync(filePath)) throw new ReportInputError(`${tier} file not found: ${filePath}`);
    }
  }
}

/** Loads the store and refuses a tier none of whose lines could be read (the wrong format, a binary file). */
async function loadOrThrow(backend: LatencyBackend, config: ServerConfig): Promise<LoadedDetails> {
  const health = await backend.checkHealth();
  if (!health.ok) throw new ReportInputError(health.message);
  const details = loadedDetailsSchema.parse(health.details);
  for (const tier of TIERS) {
    const unreadable = details.unreadableLines[tier];
    if (details.lines[tier] === 0 && unreadable > 0) {
      throw new ReportInputError(
        `none of the ${countWords(unreadable)} ${tier} lines is readable (${tierFiles(config, tier).join(', ')}); check the files and --${tier}-format`,
      );
    }
  }
  if (details.lines.edge === 0) throw new ReportInputError(`the edge files hold no lines (${config.duckdb.edgeFiles.join(', ')})`);
  return details;
}

/** The field-name settings, which change the numbers: the demo must run with them too. */
const FIELD_VARIABLES = [
  'HOPSCOPE_FIELDS_PRESET',
  'HOPSCOPE_FIELDS',
  'HOPSCOPE_EDGE_FIELDS_PRESET',
  'HOPSCOPE_EDGE_FIELDS',
  'HOPSCOPE_INGRESS_FIELDS_PRESET',
  'HOPSCOPE_INGRESS_FIELDS',
] as const;

/** The demo command's variables: the files and formats the report read, and the field names when set. */
function toDemoVariables(config: ServerConfig, env: NodeJS.ProcessEnv, rootDir: string): [string, string][] {
  const files = (tier: Tier) => tierFiles(config, tier).map((entry) => toRootRelativeEntry(entry, rootDir)).join(',');
  const variables: [string, string][] = [
    ['HOPSCOPE_EDGE_FILES', files('edge')],
    ['HOPSCOPE_INGRESS_FILES', files('ingress')],
  ];
  if (config.duckdb.edgeFormat) variables.push(['HOPSCOPE_EDGE_FORMAT', config.duckdb.edgeFormat]);
  if (config.duckdb.ingressFormat) variables.push(['HOPSCOPE_INGRESS_FORMAT', config.duckdb.ingressFormat]);
  for (const name of FIELD_VARIABLES) {
    const value = env[name]?.trim();
    if (value) variables.push([name, value]);
  }
  return variables;
}

/**
 * Opens the embedded store on the options' files the way the server does (readServerConfig,
 * createDuckdbBackend) and writes the report of the services the API routes call, so every
 * number equals the dashboard's for the same query.
 */
export async function runReport(options: ReportOptions, io: ReportIo): Promise<void> {
  const env = toReportEnv(options, io.env);
  let config: ServerConfig;
  try {
    config = readServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ReportInputError(error.message);
    throw error;
  }
  assertFilesExist(config);

  const printer = createLoadProgressPrinter(io.stderr);
  const backend = createDuckdbBackend({ ...config.duckdb, fields: config.fields, onLoadProgress: printer.onLoadProgress });
  try {
    const loaded = await loadOrThrow(backend, config);
    printer.finish(
      `loaded ${countWords(loaded.lines.edge)} edge and ${countWords(loaded.lines.ingress)} ingress lines in ${formatDuration(loaded.loadMs)}`,
    );
    if (!options.query.from || !options.query.to) {
      if ((await backend.fetchExtent()) === null) {
        throw new ReportInputError(`no edge line has a usable ${config.fields.edge.timestamp}, so the data has no time extent; give --from and --to`);
      }
    }
    const params = Object.fromEntries(toQuerySearchParams(options.query));
    const histograms = await getHistograms(backend, params);
    const summary = await getTriageSummary(backend, params);
    const port = env.PORT?.trim() || '3000';
    const text = formatReport(
      {
        histograms,
        summary,
        fields: config.fields,
        demoCommand: formatDemoCommand(toDemoVariables(config, io.env, io.rootDir)),
        dashboardUrl: toDashboardUrl(options.query, histograms.query, `http://localhost:${port}`),
      },
      {
        width: Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, io.stdout.isTTY ? (io.stdout.columns ?? MAX_WIDTH) : MAX_WIDTH)),
        style: shouldColor(io.stdout.isTTY, io.env) ? COLOR_STYLE : PLAIN_STYLE,
      },
    );
    io.stdout.write(text);
  } finally {
    await backend.close();
  }
}
