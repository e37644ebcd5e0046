import 'server-only';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FieldNames } from '@/lib/domain/field-names';
import type { LineParser } from '@/lib/domain/access-log/line-parser';
import { repairNginxJson } from '@/lib/domain/access-log/nginx-json-repair';
import { parseJsonObjectLine } from '@/lib/domain/access-log/json-object-line';
import { unwrapLine, type LogEnvelope } from '@/lib/domain/access-log/log-envelope';
import { planLogDocument, type LogDocumentPlan } from '@/lib/domain/access-log/to-log-document';
import type { Tier } from '@/lib/domain/tiers';
import type { LoadProgressSink } from './load-progress';
import type { LogSource } from './log-sources';
import { readLines } from './text-log-reader';

/**
 * How a tier's lines become the JSON objects the store loads: by a log_format, or (JSON files named
 * with a host) by adding the host to each object that has none, or (`repair`, nginx templates that
 * are not always JSON) by repairing them (repairNginxJson); each line first
 * taken out of the container runtime's envelope, if it has one.
 */
export type LineConversion = ({ kind: 'text'; parser: LineParser } | { kind: 'json'; repair: boolean }) & { envelope: LogEnvelope };

/**
 * Written in place of a line that could not be read: a JSON value that is not an object, which the
 * load counts as an unreadable line (buildUnreadableCountSql) like a line that is not JSON.
 */
const UNREADABLE_LINE = 'null\n';
const WRITE_CHUNK_CHARS = 1 << 18;
const PROGRESS_INTERVAL_MS = 1000;

export type ConversionResult = { lines: number; missing: LogDocumentPlan['missing'] };

/** A JSON line with the file's host added where the line names none. */
function withFileHost(line: string, hostKey: string, host: string): string {
  const doc = parseJsonObjectLine(line);
  if (!doc) return UNREADABLE_LINE;
  if (doc[hostKey] === undefined || doc[hostKey] === null || doc[hostKey] === '' || doc[hostKey] === '-') doc[hostKey] = host;
  return `${JSON.stringify(doc)}\n`;
}

/**
 * Streams a tier's files into one NDJSON file of documents keyed by the configured field names,
 * one output line per input line (empty lines aside), so the load and its unreadable-line count
 * treat every form alike. Node holds one chunk of output at a time, whatever the files' size.
 */
export async function convertTextLogs(
  tier: Tier,
  sources: readonly LogSource[],
  conversion: LineConversion,
  fields: FieldNames,
  outputPath: string,
  onProgress?: LoadProgressSink,
): Promise<ConversionResult> {
  const started = performance.now();
  const totalBytes = sources.reduce((sum, source) => sum + source.bytes, 0);
  const plan = conversion.kind === 'text' ? planLogDocument(conversion.parser.variables, fields, sources.every((source) => source.host !== undefined)) : null;
  const output = createWriteStream(outputPath);
  let pending: string[] = [];
  let pendingChars = 0;
  let lines = 0;
  let bytesRead = 0;
  let reportedAt = started;
  const report = () => onProgress?.({ stage: 'read', tier, linesRead: lines, bytesRead, totalBytes, elapsedMs: Math.round(performance.now() - started) });
  const flush = async () => {
    const chunk = pending.join('');
    pending = [];
    pendingChars = 0;
    if (!output.write(chunk)) await once(output, 'drain');
  };
  try {
    for (const source of sources) {
      for await (const line of readLines(source, (bytes) => (bytesRead += bytes))) {
        if (line.trim() === '') continue;
        lines++;
        const inner = unwrapLine(conversion.envelope, line);
        let converted: string;
        if (inner === null) {
          converted = UNREADABLE_LINE;
        } else if (plan && conversion.kind === 'text') {
          const values = conversion.parser.parse(inner);
          converted = values ? `${plan.toJsonLine(values, source.host)}\n` : UNREADABLE_LINE;
        } else {
          // A line that cannot be repaired goes as it is: the load counts it unreadable.
          const json = conversion.kind === 'json' && conversion.repair ? (repairNginxJson(inner) ?? inner) : inner;
          converted = source.host === undefined ? `${json}\n` : withFileHost(json, fields.host, source.host);
        }
        pending.push(converted);
        pendingChars += converted.length;
        if (pendingChars >= WRITE_CHUNK_CHARS) {
          await flush();
          const now = performance.now();
          if (now - reportedAt >= PROGRESS_INTERVAL_MS) {
            reportedAt = now;
            report();
          }
        }
      }
    }
    await flush();
    output.end();
    await once(output, 'finish');
  } catch (error) {
    output.destroy();
    throw error;
  }
  report();
  return { lines, missing: plan?.missing ?? {} };
}
