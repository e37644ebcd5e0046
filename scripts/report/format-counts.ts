import type { TierFieldNames } from '@/lib/domain/field-names';
import { describeSkipped, describeUnreadable, type TraceCounts } from '@/lib/domain/trace-counts';
import { countWords } from '@/lib/domain/triage/wording';

/** What the trace set consists of, worded as the dashboard's counts line. */
export function formatTraceCounts(counts: TraceCounts): string {
  const duplicates = counts.duplicates.edge + counts.duplicates.ingress;
  const parts = [
    `${countWords(counts.edge)} traces at the edge`,
    `${countWords(counts.joined)} joined with ingress`,
    `${countWords(counts.edgeOnly)} edge only`,
  ];
  if (duplicates > 0) {
    parts.push(`${countWords(duplicates)} duplicate lines (edge ${countWords(counts.duplicates.edge)}, ingress ${countWords(counts.duplicates.ingress)})`);
  }
  return parts.join(' · ');
}

/**
 * Every line left out of the answer with its reason (skipped documents by tier, field and
 * reason, named by the configured field name; unreadable lines by tier), or "none".
 */
export function formatLeftOut(counts: TraceCounts, fields: TierFieldNames): string[] {
  const sentences = [
    ...counts.skipped.map((entry) => describeSkipped(entry, fields[entry.tier][entry.field])),
    ...describeUnreadable(counts.unreadableLines, counts.unreadableReasons),
  ];
  return sentences.length > 0 ? sentences : ['none'];
}
