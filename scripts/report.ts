/**
 * The terminal report: the dashboard's verdict, histograms and counts for a pair of log files.
 *   npm run report -- --edge <files> --ingress <files> [--from … --to …]
 * Run with `tsx --conditions=react-server` (the npm script does) so the backend's `server-only`
 * guards load outside Next.js, as they do in the server itself.
 */
import path from 'node:path';
import { AppError } from '@/lib/server/core/errors';
import { parseReportArgs, REPORT_USAGE, ReportUsageError } from './report/cli-options';
import { ReportInputError, runReport } from './report/run-report';

const NAME = 'hopscope report';

/** A one-line message for the errors a user can act on; null for anything else (a bug, reported by main's caller). */
function toUserMessage(error: unknown): string | null {
  if (error instanceof ReportInputError) return error.message;
  // Query parameters are options here: "from: …" is reported as "--from: …".
  if (error instanceof AppError) return error.code === 'invalid_parameter' && error.parameter ? `--${error.message}` : error.message;
  return null;
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseReportArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  } catch (error) {
    if (!(error instanceof ReportUsageError)) throw error;
    console.error(`${NAME}: ${error.message}\n${REPORT_USAGE}`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(`${REPORT_USAGE}\n`);
    return 0;
  }
  try {
    await runReport(options, {
      env: process.env,
      stdout: { write: (text) => void process.stdout.write(text), isTTY: Boolean(process.stdout.isTTY), columns: process.stdout.columns },
      stderr: { write: (text) => void process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
      rootDir: path.resolve(__dirname, '..'),
    });
    return 0;
  } catch (error) {
    const message = toUserMessage(error);
    if (message === null) throw error;
    console.error(`${NAME}: ${message}`);
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`${NAME}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
