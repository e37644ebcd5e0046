import Link from 'next/link';
import type { MarkCheck, RetransmissionFinding, Retransmissions } from '@/lib/domain/triage/retransmission';
import { SIGNAL_WORDS } from '@/lib/domain/triage/retransmission';
import { pValueWords, secondsRangeWords } from '@/lib/domain/triage/wording';
import { formatCount } from '@/components/format';

type RetransmissionFindingsProps = {
  retransmissions: Retransmissions;
  /** The filtered view of a finding (drill-down range and timeline grouping). */
  hrefFor: (finding: RetransmissionFinding) => string;
};

const headerClass = 'px-2 py-1 text-left font-medium whitespace-nowrap';
const cellClass = 'px-2 py-0.5 whitespace-nowrap tabular-nums';

/** The windows around each mark, so the pile-up can be checked by hand. */
function EvidenceTable({ checks, peakWidthMs }: { checks: readonly MarkCheck[]; peakWidthMs: number }) {
  return (
    <table className="text-xs">
      <thead className="text-slate-600 dark:text-slate-300">
        <tr>
          <th className={headerClass}>Signal</th>
          <th className={headerClass}>Peak window</th>
          <th className={headerClass}>200 ms before</th>
          <th className={headerClass}>In peak</th>
          <th className={headerClass}>200 ms after</th>
          <th className={headerClass}>Expected if smooth</th>
          <th className={headerClass}>p (adjusted)</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((check) => (
          <tr key={`${check.signal}:${check.markMs}`} className={check.flagged ? 'font-medium' : 'text-slate-600 dark:text-slate-300'}>
            <td className="px-2 py-0.5">{SIGNAL_WORDS[check.signal].label}</td>
            <td className={cellClass}>{secondsRangeWords(check.markMs, check.markMs + peakWidthMs)}</td>
            <td className={cellClass}>{formatCount(check.left)}</td>
            <td className={cellClass}>{formatCount(check.peak)}</td>
            <td className={cellClass}>{formatCount(check.right)}</td>
            <td className={cellClass}>{check.expectedPeak.toFixed(1)}</td>
            <td className={cellClass}>{pValueWords(check.adjustedPValue, check.log10AdjustedPValue).replace(/^p /, '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The TCP retransmission signature in plain words, with the counts behind it and a link to the requests. */
export function RetransmissionFindings({ retransmissions, hrefFor }: RetransmissionFindingsProps) {
  const { findings, checks, rules } = retransmissions;
  return (
    <section aria-labelledby="retransmissions-heading" data-testid="triage-retransmissions" className="space-y-2">
      <h2 id="retransmissions-heading" className="text-base font-semibold">
        TCP retransmission signature
      </h2>
      {findings.length === 0 && <p className="text-base leading-relaxed">{retransmissions.sentence}</p>}
      {findings.map((finding) => {
        const evidence = checks.filter(
          (check) => (check.signal === finding.signal || finding.corroboratedBy.includes(check.signal)) && check.flagged,
        );
        return (
          <article
            key={finding.hop}
            data-testid={`retransmission-${finding.hop}`}
            className="space-y-1 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 dark:border-rose-800 dark:bg-rose-950/40"
          >
            <p className="text-base leading-relaxed">{finding.sentence}</p>
            <details>
              <summary className="cursor-pointer text-sm text-slate-700 dark:text-slate-200">Evidence</summary>
              <EvidenceTable checks={evidence} peakWidthMs={rules.peakWidthMs} />
            </details>
            <Link href={hrefFor(finding)} className="text-sm text-sky-700 underline dark:text-sky-300">
              Show these requests
            </Link>
          </article>
        );
      })}
      {findings.length === 0 && checks.length > 0 && (
        <details>
          <summary className="cursor-pointer text-sm text-slate-700 dark:text-slate-200">What was checked</summary>
          <EvidenceTable checks={checks} peakWidthMs={rules.peakWidthMs} />
        </details>
      )}
    </section>
  );
}
