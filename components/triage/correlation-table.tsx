import Link from 'next/link';
import type { CorrelationEntry, Correlations, FieldValueRef } from '@/lib/domain/triage/correlations';
import { CORRELATION_FIELD_WORDS } from '@/lib/domain/triage/correlation-fields';
import { pValueWords } from '@/lib/domain/triage/wording';
import { formatCount } from '@/components/format';

type CorrelationTableProps = {
  correlations: Correlations;
  /** Link that filters the page to a value, or null when the page cannot filter on its field. */
  hrefFor: (ref: FieldValueRef) => string | null;
  /** Link that filters the value out, or null when its field has no exclude filter (app, path). */
  excludeHrefFor?: (ref: FieldValueRef) => string | null;
  /** Rows shown; flagged values always are. */
  maxRows?: number;
};

const headerClass = 'px-2 py-1.5 text-left font-medium whitespace-nowrap';
const cellClass = 'px-2 py-1 whitespace-nowrap tabular-nums';

/** Two thin bars: the value's share among slow requests over its share among all. */
function ShareBars({ entry }: { entry: CorrelationEntry }) {
  return (
    <div className="w-32 space-y-0.5" aria-hidden>
      <div className="h-1.5 rounded-sm bg-rose-600" style={{ width: `${entry.slowShare * 100}%` }} />
      <div className="h-1.5 rounded-sm bg-slate-400" style={{ width: `${entry.allShare * 100}%` }} />
    </div>
  );
}

/** The values over-represented among slow requests, with the numbers behind each flag. */
export function CorrelationTable({ correlations, hrefFor, excludeHrefFor, maxRows = 10 }: CorrelationTableProps) {
  const rows = correlations.entries.filter((entry, index) => entry.flagged || index < maxRows);
  return (
    <section aria-labelledby="correlations-heading" data-testid="triage-correlations" className="space-y-2">
      <h2 id="correlations-heading" className="text-base font-semibold">
        What the slow requests have in common
      </h2>
      <p className="text-base leading-relaxed">{correlations.sentence}</p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Field values among slow requests and among all requests</caption>
          <thead className="text-slate-600 dark:text-slate-300">
            <tr>
              <th className={headerClass}>Value</th>
              <th className={headerClass}>Of slow</th>
              <th className={headerClass}>Of all</th>
              <th className={headerClass} aria-hidden />
              <th className={headerClass} title="Share among slow requests ÷ share among all">Lift</th>
              <th className={headerClass} title={`Fisher's exact test, Bonferroni over ${correlations.tests} values`}>p (adjusted)</th>
              <th className={headerClass} />
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => {
              const href = hrefFor(entry);
              const excludeHref = excludeHrefFor?.(entry) ?? null;
              return (
                <tr
                  key={`${entry.field}:${entry.value}`}
                  data-flagged={entry.flagged || undefined}
                  className={`border-t border-slate-200 dark:border-slate-700 ${entry.flagged ? 'bg-rose-50 font-medium dark:bg-rose-950/40' : ''}`}
                >
                  <td className="px-2 py-1">
                    <span className="text-slate-600 dark:text-slate-300">{entry.label}</span> <span className="break-all">{entry.value}</span>
                    {entry.sameCounts.length > 0 && (
                      <span className="block text-xs text-slate-600 dark:text-slate-300">
                        same counts: {entry.sameCounts.map((ref) => `${CORRELATION_FIELD_WORDS[ref.field].label} ${ref.value}`).join(', ')}
                      </span>
                    )}
                  </td>
                  <td className={cellClass}>
                    {(entry.slowShare * 100).toFixed(1)} % <span className="text-slate-600 dark:text-slate-300">({formatCount(entry.slow)})</span>
                  </td>
                  <td className={cellClass}>
                    {(entry.allShare * 100).toFixed(1)} % <span className="text-slate-600 dark:text-slate-300">({formatCount(entry.all)})</span>
                  </td>
                  <td className="px-2 py-1">
                    <ShareBars entry={entry} />
                  </td>
                  <td className={cellClass}>{entry.lift === null ? '–' : `${entry.lift.toFixed(1)}×`}</td>
                  <td className={cellClass}>{pValueWords(entry.adjustedPValue, entry.log10AdjustedPValue).replace(/^p /, '')}</td>
                  <td className="px-2 py-1 whitespace-nowrap">
                    {href ? (
                      <Link href={href} className="text-sky-700 underline dark:text-sky-300">
                        Filter to this value
                      </Link>
                    ) : null}
                    {excludeHref ? (
                      <Link href={excludeHref} className="ml-3 text-sky-700 underline dark:text-sky-300">
                        Exclude
                      </Link>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
