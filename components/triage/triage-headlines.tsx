import Link from 'next/link';
import type { FieldValueRef } from '@/lib/domain/triage/correlations';
import type { FirstScreenVerdict } from '@/lib/domain/triage/first-screen';
import { formatCount } from '@/components/format';
import { FilterValueLinks } from './filter-value-links';

type TriageHeadlinesProps = {
  verdict: FirstScreenVerdict;
  /** "Filter to this value" / "Exclude" for a culprit value; null when the page cannot filter on it. */
  filterHref: (ref: FieldValueRef, exclude: boolean) => string | null;
  /** The main finding's requests: its node or address filter and drill-down range, list in view. */
  showRequests: { href: string; what: string; onClick?: () => void } | null;
};

/**
 * The first-screen verdict: the answer first (the one count of examined requests, the culprit
 * highlighted, its mechanism and share), then what cannot be split, then the evidence in smaller
 * type. Only the lead is drawn as an alarm: five boxes of equal weight read as five alarms.
 */
export function TriageHeadlines({ verdict, filterHref, showRequests }: TriageHeadlinesProps) {
  const { culprit } = verdict;
  return (
    <section aria-label="Triage" data-testid="triage-headlines" className="space-y-1.5">
      <div
        data-testid="verdict-lead"
        className={`space-y-1 rounded-md border-l-4 px-3 py-2 ${culprit ? 'border-rose-600 bg-rose-50 dark:bg-rose-950/40' : 'border-slate-400 bg-slate-50 dark:bg-slate-900'}`}
      >
        <p className="text-lg leading-relaxed">
          {verdict.slowCount > 0 ? (
            <>
              <strong className="tabular-nums">
                <span data-testid="verdict-count">{formatCount(verdict.slowCount)}</span> {verdict.slowCount === 1 ? 'request' : 'requests'} {verdict.examined}
              </strong>
              {': '}
              {culprit ? (
                <>
                  {culprit.values.map((value, index) => (
                    <span key={`${value.field}:${value.value}`}>
                      {index > 0 && ' = '}
                      <mark data-testid="verdict-culprit" className="rounded bg-rose-200 px-1 text-inherit dark:bg-rose-800/70">
                        {value.label} <strong>{value.value}</strong>
                      </mark>
                    </span>
                  ))}
                  {culprit.mechanism && <span className="font-medium"> ({culprit.mechanism})</span>} {culprit.share}.
                </>
              ) : (
                'no single host, address or route stands out among them.'
              )}
            </>
          ) : (
            verdict.lead
          )}
        </p>
        {(culprit || showRequests) && (
          <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
            {showRequests && (
              <span>
                <Link href={showRequests.href} onClick={showRequests.onClick} data-testid="verdict-show-requests" className="font-medium text-sky-700 underline dark:text-sky-300">
                  Show these requests
                </Link>{' '}
                <span className="text-slate-600 dark:text-slate-300">({showRequests.what})</span>
              </span>
            )}
            {culprit?.values.map((value) => (
              <span key={`${value.field}:${value.value}`} data-testid="verdict-filter" className="text-slate-700 dark:text-slate-200">
                {value.value}:{' '}
                <FilterValueLinks
                  subject={`${value.label} ${value.value}`}
                  filterHref={filterHref(value, false)}
                  excludeHref={filterHref(value, true)}
                />
              </span>
            ))}
          </div>
        )}
      </div>
      {verdict.unsplit && (
        <p data-testid="verdict-unsplit" className="px-3 text-sm text-slate-700 dark:text-slate-200">
          {verdict.unsplit}
        </p>
      )}
      {verdict.supporting.length > 0 && (
        <ul data-testid="verdict-supporting" aria-label="Evidence" className="list-disc space-y-0.5 pl-8 pr-3 text-sm leading-relaxed text-slate-700 dark:text-slate-200">
          {verdict.supporting.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
