import type { BucketSelection } from './drill-down';
import type { TraceSummary } from './trace';

/**
 * A drill-down selection's traces as a file (GET /api/v1/traces/export): CSV with one row per
 * trace in a fixed column order, or NDJSON with one `/api/v1/traces` item per line. Pure, so the
 * route streams what these return page by page and the tests check the text itself.
 */

export const TRACE_EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type TraceExportFormat = (typeof TRACE_EXPORT_FORMATS)[number];

export const TRACE_EXPORT_CONTENT_TYPES: Record<TraceExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

type CsvValue = string | number | null;
type CsvColumn = { header: string; value: (trace: TraceSummary) => CsvValue };

/** The CSV columns, in file order: who the trace is, then edge, then ingress, then the two gaps. */
export const TRACE_CSV_COLUMNS: readonly CsvColumn[] = [
  { header: 'trace_id', value: (t) => t.traceId },
  { header: 'edge_timestamp', value: (t) => new Date(t.timestampMs).toISOString() },
  { header: 'app', value: (t) => t.app },
  { header: 'path', value: (t) => t.path },
  { header: 'method', value: (t) => t.method },
  { header: 'edge_status', value: (t) => t.edge.status },
  { header: 'edge_request_time_ms', value: (t) => t.edge.requestTimeMs },
  { header: 'edge_connect_ms', value: (t) => t.edge.connectMs },
  { header: 'edge_upstream_addr', value: (t) => t.edge.upstreamAddr },
  { header: 'edge_host', value: (t) => t.edge.host },
  { header: 'ingress_request_time_ms', value: (t) => t.ingress?.requestTimeMs ?? null },
  { header: 'ingress_connect_ms', value: (t) => t.ingress?.connectMs ?? null },
  { header: 'ingress_upstream_addr', value: (t) => t.ingress?.upstreamAddr ?? null },
  { header: 'ingress_host', value: (t) => t.ingress?.host ?? null },
  { header: 'ingress_status', value: (t) => t.ingress?.status ?? null },
  { header: 'edge_minus_ingress_ms', value: (t) => t.edgeMinusIngressMs },
  { header: 'ingress_minus_upstream_ms', value: (t) => t.ingressMinusUpstreamMs },
];

/** RFC 4180 ends every record, the last one included, with CRLF. */
const CRLF = '\r\n';

/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)` in a logged path): such cells get a
 * leading apostrophe, the usual defence, since paths and hosts come from whoever sent the request.
 * Numbers are written as numbers and never touched, so a negative gap stays `-5`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: empty for null, quoted (inner quotes doubled) when it holds a comma, quote, CR or LF. */
export function toCsvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsvHeader(): string {
  return TRACE_CSV_COLUMNS.map((column) => column.header).join(',') + CRLF;
}

export function toCsvRow(trace: TraceSummary): string {
  return TRACE_CSV_COLUMNS.map((column) => toCsvField(column.value(trace))).join(',') + CRLF;
}

/** The trace as the API's /traces lists it, one JSON object per line. */
export function toNdjsonLine(trace: TraceSummary): string {
  return JSON.stringify(trace) + '\n';
}

/** What the file starts with before any row: the header in CSV, nothing in NDJSON. */
export function toExportPreamble(format: TraceExportFormat): string {
  return format === 'csv' ? toCsvHeader() : '';
}

/** A page of traces as the format's text, in the order given. */
export function toExportChunk(format: TraceExportFormat, traces: readonly TraceSummary[]): string {
  const line = format === 'csv' ? toCsvRow : toNdjsonLine;
  return traces.map(line).join('');
}

/**
 * `hopscope-ingress-1000-1100.csv`: the histogram and the bar's range in milliseconds, `min` and
 * `max` for the open ends of the underflow and overflow bars.
 */
export function toExportFilename(selection: BucketSelection, format: TraceExportFormat): string {
  return `hopscope-${selection.histogram}-${selection.fromMs ?? 'min'}-${selection.toMs ?? 'max'}.${format}`;
}
