import { parseNginxJsonLine } from './nginx-json-repair';
import { compileLineParser, type LineParser } from './line-parser';
import { LogFormatError, parseLogFormat } from './log-format';
import { LOG_FORMAT_PRESET_NAMES, LOG_FORMAT_PRESETS, isLogFormatPresetName, type LogFormatPresetName } from './presets';

/** How a tier's files are read: JSON objects (the ELK `_source` shape), or text lines by a log_format. */
export type ResolvedLogFormat =
  | { kind: 'json'; /** some first lines are JSON only once repaired (nginx-json-repair.ts) */ repairedJson?: true }
  | { kind: 'text'; /** the preset's name, or "log_format" for a format given in full */ name: string; parser: LineParser };

const MAX_QUOTED_LINE = 200;

function textFormat(name: string, format: string): ResolvedLogFormat {
  return { kind: 'text', name, parser: compileLineParser(parseLogFormat(format)) };
}

/** What to tell someone whose lines no format fits: the line itself and how to name the format. */
function noFormatFits(firstLine: string | undefined, variable: string): LogFormatError {
  const shown = firstLine === undefined ? '(the file is empty)' : JSON.stringify(firstLine.length > MAX_QUOTED_LINE ? `${firstLine.slice(0, MAX_QUOTED_LINE)}…` : firstLine);
  return new LogFormatError(
    `the lines are neither JSON nor one of the formats ${LOG_FORMAT_PRESET_NAMES.join(', ')}; first line: ${shown}. ` +
      `Give the format with ${variable}=json, ${LOG_FORMAT_PRESET_NAMES.join(', ')}, or your nginx log_format, e.g. ` +
      `${variable}='$remote_addr - $remote_user [$time_local] "$request" $status $request_time $upstream_connect_time $req_id'`,
  );
}

/**
 * The format of a tier: the one configured (`json`, a preset's name, or a log_format string), or,
 * when none is, the one most of the first lines fit (JSON first, then each preset). A preset's
 * variant is the one most of the first lines fit (its current form when none does). Throws
 * LogFormatError naming `variable` when a configured format is invalid or nothing fits.
 */
export function resolveLogFormat(configured: string | undefined, firstLines: readonly string[], variable: string): ResolvedLogFormat {
  const spec = configured?.trim();
  if (spec) {
    if (spec === 'json') return jsonFormat(lines(firstLines).map(parseNginxJsonLine));
    if (isLogFormatPresetName(spec)) return bestVariant(spec, lines(firstLines)) ?? textFormat(spec, LOG_FORMAT_PRESETS[spec][0]);
    try {
      return textFormat('log_format', spec);
    } catch (error) {
      throw new LogFormatError(`${variable}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const sample = lines(firstLines);
  if (sample.length === 0) return { kind: 'json' };
  const json = sample.map(parseNginxJsonLine);
  if (json.filter((read) => read !== null).length >= majority(sample)) return jsonFormat(json);
  for (const name of LOG_FORMAT_PRESET_NAMES) {
    const format = bestVariant(name, sample);
    if (format) return format;
  }
  throw noFormatFits(sample[0], variable);
}

const jsonFormat = (reads: readonly ({ repaired: boolean } | null)[]): ResolvedLogFormat =>
  reads.some((read) => read?.repaired) ? { kind: 'json', repairedJson: true } : { kind: 'json' };

const lines = (firstLines: readonly string[]) => firstLines.filter((line) => line.trim() !== '');
const majority = (sample: readonly string[]) => Math.ceil(sample.length / 2);

/** The preset's variant most of the lines fit (the current one on a tie); null when none fits most. */
function bestVariant(name: LogFormatPresetName, sample: readonly string[]): ResolvedLogFormat | null {
  let best: { format: ResolvedLogFormat; fits: number } | null = null;
  for (const variant of LOG_FORMAT_PRESETS[name]) {
    const format = textFormat(name, variant);
    if (format.kind !== 'text') continue;
    const fits = sample.filter((line) => format.parser.parse(line) !== null).length;
    if (fits > 0 && fits >= majority(sample) && (best === null || fits > best.fits)) best = { format, fits };
  }
  return best?.format ?? null;
}
