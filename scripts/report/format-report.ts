import type { HistogramsResponse } from '@/lib/domain/api-responses';
import type { TierFieldNames } from '@/lib/domain/field-names';
import { HISTOGRAM_NAMES, HISTOGRAM_TITLES } from '@/lib/domain/histogram-names';
import type { TriageSummaryResponse } from '@/lib/domain/triage/triage-responses';
import { slowRangeWords } from '@/lib/domain/triage/slow-range';
import { formatLeftOut, formatTraceCounts } from './format-counts';
import { formatHistogram, toColumnWidths } from './format-histogram';
import { formatHeadlines, formatSlowestHop } from './format-verdict';
import { PLAIN_STYLE, type TextStyle } from './text-style';
import { wrapText } from './wrap-text';

export type ReportData = {
  histograms: HistogramsResponse;
  summary: TriageSummaryResponse;
  /** The configured field names, to name the field of each skipped line. */
  fields: TierFieldNames;
  /** `HOPSCOPE_EDGE_FILES=… npm run demo`, ready to paste. */
  demoCommand: string;
  dashboardUrl: string;
};

export type ReportLayout = { width: number; style?: TextStyle };

/** "2020-11-19T02:00:00.331Z → 2020-11-19T05:59:59.577Z · app checkout · path /pay" */
function describeQuery(query: HistogramsResponse['query']): string {
  const parts = [`${query.from} → ${query.to}`];
  if (query.app !== null) parts.push(`app ${query.app}`);
  if (query.path !== null) parts.push(`path ${query.path}`);
  return parts.join(' · ');
}

/**
 * The whole report: window and counts, the verdict, the slowest hop, the four histograms, the
 * lines left out and how to open the same view in the dashboard. Every number is the services'.
 */
export function formatReport(data: ReportData, layout: ReportLayout): string {
  const style = layout.style ?? PLAIN_STYLE;
  const { histograms, summary } = data;
  const all = HISTOGRAM_NAMES.map((name) => histograms.histograms[name]);
  const columns = toColumnWidths(all);
  const lines = [
    style.bold(`hopscope report · ${describeQuery(histograms.query)}`),
    ...wrapText(formatTraceCounts(histograms.counts), layout.width),
    ...histograms.notices.flatMap((notice) => wrapText(notice.message, layout.width, '! ', '  ').map((line) => style.red(line))),
    '',
    style.bold(`Verdict (slow: edge request_time ${slowRangeWords({ minMs: summary.slowMs, maxMs: summary.slowMaxMs })})`),
    ...formatHeadlines(summary, layout.width, style),
    '',
    ...formatSlowestHop(summary.attribution, layout.width, style),
    '',
    style.bold(`Histograms (ms; each row [from, to); p = nearest-rank percentile)`),
    ...HISTOGRAM_NAMES.flatMap((name) => ['', ...formatHistogram(HISTOGRAM_TITLES[name], histograms.histograms[name], { width: layout.width, style, ...columns })]),
    '',
    style.bold('Lines left out'),
    ...formatLeftOut(histograms.counts, data.fields).flatMap((sentence) => wrapText(sentence, layout.width, '  ')),
    '',
    style.bold('Open this view in the dashboard'),
    `  ${data.demoCommand}`,
    `  ${data.dashboardUrl}`,
  ];
  return `${lines.join('\n')}\n`;
}
