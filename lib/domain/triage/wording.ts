/**
 * Number wording for triage sentences. The sentences are built in the domain so that the API, the
 * page and the tests read the same words; these helpers keep them consistent.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "1,204" */
export function countWords(count: number): string {
  return integer.format(count);
}

/** A share as a whole percentage ("66 %"); below 1 % with one decimal ("0.4 %") so it does not read as zero. */
export function percentWords(share: number): string {
  const percent = share * 100;
  if (percent > 0 && percent < 1) return `${percent.toFixed(1)} %`;
  return `${Math.round(percent)} %`;
}

/** Milliseconds as seconds without trailing zeros: 1000 → "1 s", 1500 → "1.5 s". */
export function secondsWords(ms: number): string {
  return `${ms / 1000} s`;
}

/** A range of milliseconds as seconds with two decimals: [1000, 1100) → "1.00–1.10 s". */
export function secondsRangeWords(fromMs: number, toMs: number): string {
  return `${(fromMs / 1000).toFixed(2)}–${(toMs / 1000).toFixed(2)} s`;
}

/** "1,043 ms"; "–" when there is no value. */
export function msWords(ms: number | null): string {
  return ms === null ? '–' : `${integer.format(ms)} ms`;
}

/** A p-value as an SRE reads it: "p < 1e-300", "p = 3e-9", "p = 0.04". */
export function pValueWords(p: number, log10P: number): string {
  if (p === 0 || log10P < -300) return 'p < 1e-300';
  if (p < 0.001) return `p = ${p.toExponential(0)}`;
  return `p = ${Number(p.toPrecision(2))}`;
}

/** "a, b and c" (or "a, b or c") */
export function listWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
