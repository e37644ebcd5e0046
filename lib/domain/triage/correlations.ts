import { CORRELATION_FIELD_WORDS } from './correlation-fields';
import { emptySlowRangeWords, isEmptySlowRange, slowRangeWords, type SlowRange } from './slow-range';
import { bonferroni, hypergeometricUpperTail } from './statistics';
import { compareText, CORRELATION_FIELDS, type CorrelationField, type FieldValueCounts } from './triage-data';
import { countWords, percentWords, pValueWords } from './wording';

/**
 * Correlations (issue 5 §2): which field values the slow requests have in common.
 *
 * For one value v of a field, among the joined requests that have the field:
 *                     slow    not slow
 *   value v            a        c
 *   other values       b        d
 * - slow share a / (a + b), all share (a + c) / n, lift = slow share / all share;
 * - p: one-sided Fisher exact test, P(X ≥ a) for X hypergeometric (n requests, a + c with the
 *   value, a + b slow): the chance that the slow requests carry the value this often if slowness
 *   had nothing to do with it. Exact for any count, small or large.
 * - Bonferroni over every distinct value of every field (listed or not): p × m.
 * A value is flagged when all of these hold (each a rule an SRE can check from the four counts):
 *   adjusted p ≤ 0.01; at least 5 slow requests; lift ≥ 1.5; it covers at least 20 % of the slow
 *   requests. The last two keep real but minor effects out ("status 499 is 20× more common among
 *   slow requests" explains 12 % of them and is a consequence: clients give up on slow requests).
 */
export const CORRELATION_RULES = {
  alpha: 0.01,
  minSlowCount: 5,
  minLift: 1.5,
  minSlowShare: 0.2,
} as const;

export type FieldValueRef = { field: CorrelationField; value: string };

export type CorrelationEntry = FieldValueRef & {
  label: string;
  slow: number;
  all: number;
  slowShare: number;
  allShare: number;
  lift: number | null;
  pValue: number;
  log10PValue: number;
  adjustedPValue: number;
  log10AdjustedPValue: number;
  flagged: boolean;
  /** Values of other fields with exactly the same counts, listed once under this one (e.g. a node and its address). */
  sameCounts: FieldValueRef[];
};

export type Correlations = {
  /** The examined requests: edge request_time ≥ slowMs, and < slowMaxMs when it is not null (SlowRange). */
  slowMs: number;
  slowMaxMs: number | null;
  /** The compared population: joined requests, all and slow. */
  traces: { all: number; slow: number };
  /** Number of comparisons the Bonferroni correction accounts for. */
  tests: number;
  rules: typeof CORRELATION_RULES;
  /** Flagged first, then by p-value, then field order, then value. */
  entries: CorrelationEntry[];
  flaggedCount: number;
  sentence: string;
};

const fieldOrder = (field: CorrelationField) => CORRELATION_FIELDS.indexOf(field);

function compareEntries(a: CorrelationEntry, b: CorrelationEntry): number {
  return (
    Number(b.flagged) - Number(a.flagged) ||
    a.log10PValue - b.log10PValue ||
    fieldOrder(a.field) - fieldOrder(b.field) ||
    compareText(a.value, b.value)
  );
}

/** Tests every listed value, ranks them, and folds values with identical counts together. */
export function rankCorrelations(counts: FieldValueCounts, slow: SlowRange): Correlations {
  const fields = CORRELATION_FIELDS.filter((field) => counts.fields[field] !== undefined);
  const tests = Math.max(1, fields.reduce((sum, field) => sum + counts.fields[field].distinctValues, 0));
  const entries: CorrelationEntry[] = fields.flatMap((field) => {
    const { withValue, values } = counts.fields[field];
    return values.map(({ value, slow, all }) => {
      const slowShare = withValue.slow > 0 ? slow / withValue.slow : 0;
      const allShare = withValue.all > 0 ? all / withValue.all : 0;
      const lift = allShare > 0 && withValue.slow > 0 ? slowShare / allShare : null;
      const tail = hypergeometricUpperTail(slow, withValue.all, all, withValue.slow);
      const adjusted = bonferroni(tail, tests);
      const flagged =
        adjusted.p <= CORRELATION_RULES.alpha &&
        slow >= CORRELATION_RULES.minSlowCount &&
        lift !== null &&
        lift >= CORRELATION_RULES.minLift &&
        slowShare >= CORRELATION_RULES.minSlowShare;
      return {
        field,
        value,
        label: CORRELATION_FIELD_WORDS[field].label,
        slow,
        all,
        slowShare,
        allShare,
        lift,
        pValue: tail.p,
        log10PValue: tail.log10P,
        adjustedPValue: adjusted.p,
        log10AdjustedPValue: adjusted.log10P,
        flagged,
        sameCounts: [],
      };
    });
  });
  entries.sort(compareEntries);
  const folded = foldSameCounts(entries);
  const result = {
    slowMs: slow.minMs,
    slowMaxMs: slow.maxMs,
    traces: { ...counts.traces },
    tests,
    rules: CORRELATION_RULES,
    entries: folded,
    flaggedCount: folded.filter((entry) => entry.flagged).length,
  };
  return { ...result, sentence: describeCorrelations(result) };
}

/**
 * Folds a value into an earlier-ranked value of another field when both have the same slow and
 * total counts (at least the minimum slow count, so that small coincidences stay apart): the edge's
 * upstream address of a node and the node's name usually describe the same requests.
 */
function foldSameCounts(entries: readonly CorrelationEntry[]): CorrelationEntry[] {
  const kept: CorrelationEntry[] = [];
  for (const entry of entries) {
    const twin =
      entry.slow >= CORRELATION_RULES.minSlowCount
        ? kept.find((other) => other.field !== entry.field && other.slow === entry.slow && other.all === entry.all && !other.sameCounts.some((ref) => ref.field === entry.field))
        : undefined;
    if (twin) twin.sameCounts.push({ field: entry.field, value: entry.value });
    else kept.push({ ...entry, sameCounts: [] });
  }
  return kept;
}

/** "ingress host ingress-node-2 carries 97 % of the 1,414 requests ≥ 1 s but 33 % of all (2.9×, p < 1e-300)…" */
export function describeCorrelations(correlations: Omit<Correlations, 'sentence'>): string {
  const range = { minMs: correlations.slowMs, maxMs: correlations.slowMaxMs };
  if (isEmptySlowRange(range)) return emptySlowRangeWords(range);
  const examined = slowRangeWords(range);
  const slow = correlations.traces.slow;
  if (slow === 0) return `No request ${examined} at the edge in this selection, so there is nothing to compare.`;
  if (slow === correlations.traces.all) return `Every request in this selection is ${examined}, so there is nothing to compare them with.`;
  const flagged = correlations.entries.filter((entry) => entry.flagged);
  if (flagged.length === 0) {
    return (
      `No value stands out among the ${countWords(slow)} requests ${examined}: none is both shared by at least ` +
      `${percentWords(CORRELATION_RULES.minSlowShare)} of them and over-represented beyond chance ` +
      `(Fisher's exact test, Bonferroni over ${countWords(correlations.tests)} values).`
    );
  }
  const [top] = flagged as [CorrelationEntry];
  const aka = top.sameCounts.map((ref) => `${CORRELATION_FIELD_WORDS[ref.field].label} ${ref.value}`);
  const alias = aka.length > 0 ? ` (the same requests by count as ${aka.join(', ')})` : '';
  const others = flagged.length - 1;
  return (
    `${top.label} ${top.value}${alias} carries ${percentWords(top.slowShare)} of the ${countWords(slow)} requests ${examined} ` +
    `but ${percentWords(top.allShare)} of all (${(top.lift ?? 0).toFixed(1)}×, ${pValueWords(top.adjustedPValue, top.log10AdjustedPValue)} after Bonferroni)` +
    (others > 0 ? `; ${others} more ${others === 1 ? 'value stands' : 'values stand'} out.` : '.')
  );
}
