'use client';

import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SEGMENT_NAMES, SEGMENT_WORDS } from '@/lib/domain/triage/segments';
import type { WindowComparison } from '@/lib/domain/triage/window-comparison';
import { formatMs } from '@/components/format';
import { toOverlayRows } from './comparison-overlay';
import { WINDOW_COLORS } from './triage-colors';

type WindowComparisonPanelProps = {
  comparison: WindowComparison;
  /** How the two windows are named on screen, e.g. their time ranges. */
  labels: { base: string; compare: string };
};

const headerClass = 'px-2 py-1.5 text-left font-medium whitespace-nowrap';
const cellClass = 'px-2 py-1 whitespace-nowrap tabular-nums';

const signedMs = (ms: number | null) => (ms === null ? '–' : `${ms > 0 ? '+' : ''}${formatMs(ms)}`);

/** Both windows' edge histograms overlaid (shares of each window), and what changed. */
export function WindowComparisonPanel({ comparison, labels }: WindowComparisonPanelProps) {
  const rows = useMemo(() => toOverlayRows(comparison.base.edge, comparison.compare.edge), [comparison]);
  const { base, compare, changes } = comparison;
  return (
    <section aria-labelledby="comparison-heading" data-testid="triage-comparison" className="space-y-2">
      <h2 id="comparison-heading" className="text-base font-semibold">
        Compare two windows
      </h2>
      <p className="text-base leading-relaxed">{comparison.sentence}</p>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 520, height: 224 }}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
            <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.2} />
            <XAxis dataKey="tick" tick={{ fill: 'currentColor', fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis tick={{ fill: 'currentColor', fontSize: 11 }} unit=" %" width={48} />
            <Tooltip formatter={(value) => `${Number(value).toFixed(2)} %`} labelFormatter={(_, payload) => payload?.[0]?.payload?.label ?? ''} />
            <Legend />
            <Bar dataKey="basePercent" name={labels.base} fill={WINDOW_COLORS.base} isAnimationActive={false} />
            <Bar dataKey="comparePercent" name={labels.compare} fill={WINDOW_COLORS.compare} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Percentiles and segments of the two windows</caption>
          <thead className="text-slate-600 dark:text-slate-300">
            <tr>
              <th className={headerClass} />
              <th className={headerClass}>{labels.base}</th>
              <th className={headerClass}>{labels.compare}</th>
              <th className={headerClass}>Change</th>
            </tr>
          </thead>
          <tbody>
            {(['p50Ms', 'p90Ms', 'p99Ms'] as const).map((key) => (
              <tr key={key} className="border-t border-slate-200 dark:border-slate-700">
                <td className="px-2 py-1">edge {key.slice(0, 3)}</td>
                <td className={cellClass}>{formatMs(base.edge[key])}</td>
                <td className={cellClass}>{formatMs(compare.edge[key])}</td>
                <td className={cellClass}>{signedMs(changes[key])}</td>
              </tr>
            ))}
            <tr className="border-t border-slate-200 dark:border-slate-700">
              <td className="px-2 py-1">requests ≥ {comparison.slowMs / 1000} s</td>
              <td className={cellClass}>{base.slowShare === null ? '–' : `${(base.slowShare * 100).toFixed(2)} %`}</td>
              <td className={cellClass}>{compare.slowShare === null ? '–' : `${(compare.slowShare * 100).toFixed(2)} %`}</td>
              <td className={cellClass}>{changes.slowShare.significant ? 'significant' : 'within chance'}</td>
            </tr>
            {SEGMENT_NAMES.map((segment) => (
              <tr key={segment} className="border-t border-slate-200 dark:border-slate-700">
                <td className="px-2 py-1">{SEGMENT_WORDS[segment].label} p99</td>
                <td className={cellClass}>{formatMs(base.segments[segment].p99Ms)}</td>
                <td className={cellClass}>{formatMs(compare.segments[segment].p99Ms)}</td>
                <td className={cellClass}>{signedMs(changes.segments[segment].p99Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
