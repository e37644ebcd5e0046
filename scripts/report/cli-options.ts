import { parseArgs } from 'node:util';
import { findQueryIssues, type QueryParams } from '@/lib/url-state';
import { resolveFileEntry, splitFileOptions } from './file-entries';

export const REPORT_USAGE = `usage: npm run report -- --edge <files> --ingress <files> [options]
  --edge FILES            edge nginx access logs: paths or globs, comma-separated or repeated,
                          each optionally host=path
  --ingress FILES         ingress-nginx access logs, the same way
  --edge-format FORMAT    json (one ELK _source object a line), a preset or an nginx log_format;
  --ingress-format FORMAT   detected from the first lines when absent
  --from TIME --to TIME   the window: ISO-8601 with offset or now-2h…; default the data's extent
  --app NAME --path PATH  filters, as in the dashboard
  --bucket SECONDS        histogram bucket width (default 0.1)
  --upper SECONDS         histogram upper bound (default 3.5)
  -h, --help              this text
Environment: the field names (HOPSCOPE_FIELDS, HOPSCOPE_EDGE_FIELDS, …) and the HOPSCOPE_DUCKDB_* settings apply; NO_COLOR turns colours off.`;

export class ReportUsageError extends Error {}

export type ReportOptions = {
  /** Absolute paths or globs, `host=` prefixes kept. */
  edgeFiles: string[];
  ingressFiles: string[];
  edgeFormat?: string;
  ingressFormat?: string;
  /** The shared query, as text the API would receive. */
  query: QueryParams;
};

const QUERY_OPTIONS = ['from', 'to', 'app', 'path', 'bucket', 'upper'] as const;

/**
 * Parses `process.argv.slice(2)`; null means --help. Relative file paths are resolved against
 * `baseDir`. Throws ReportUsageError naming the option.
 */
export function parseReportArgs(argv: readonly string[], baseDir: string): ReportOptions | null {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        edge: { type: 'string', multiple: true },
        ingress: { type: 'string', multiple: true },
        'edge-format': { type: 'string' },
        'ingress-format': { type: 'string' },
        ...Object.fromEntries(QUERY_OPTIONS.map((name) => [name, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ReportUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;

  const files = (name: 'edge' | 'ingress'): string[] => {
    const entries = splitFileOptions((values[name] as string[] | undefined) ?? []);
    if (entries.length === 0) throw new ReportUsageError(`--${name} is required`);
    return entries.map((entry) => resolveFileEntry(entry, baseDir));
  };
  const format = (name: 'edge-format' | 'ingress-format'): string | undefined => {
    const text = values[name];
    if (text === undefined) return undefined;
    if (typeof text !== 'string' || !text.trim()) throw new ReportUsageError(`--${name} must not be empty`);
    return text.trim();
  };

  const query: QueryParams = {};
  for (const name of QUERY_OPTIONS) {
    const text = values[name];
    if (typeof text === 'string') query[name] = text.trim();
  }
  const [issue] = findQueryIssues(query);
  if (issue) throw new ReportUsageError(`--${issue.parameter}: ${issue.message}`);

  return {
    edgeFiles: files('edge'),
    ingressFiles: files('ingress'),
    edgeFormat: format('edge-format'),
    ingressFormat: format('ingress-format'),
    query,
  };
}

/** The environment the server would run with on these files: the caller's, with the options' files and formats. */
export function toReportEnv(options: ReportOptions, baseEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    HOPSCOPE_BACKEND: 'duckdb',
    HOPSCOPE_EDGE_FILES: options.edgeFiles.join(','),
    HOPSCOPE_INGRESS_FILES: options.ingressFiles.join(','),
  };
  if (options.edgeFormat !== undefined) env.HOPSCOPE_EDGE_FORMAT = options.edgeFormat;
  if (options.ingressFormat !== undefined) env.HOPSCOPE_INGRESS_FORMAT = options.ingressFormat;
  return env;
}
