import type { LogicalField } from './field-names';
import type { InvalidReason } from './nginx-value';
import type { Tier } from './tiers';

export type SkipReason = InvalidReason | 'missing';

/** Documents left out of an answer, by tier, field and reason: nothing is dropped silently. */
export type SkippedCount = { tier: Tier; field: LogicalField; reason: SkipReason; count: number };

/**
 * What a trace set consists of.
 * - edge: traces whose edge document matches the query (after de-duplication);
 * - joined / edgeOnly: of those, with and without an ingress document in the join window;
 * - duplicates: extra documents of one trace in one tier (the one with the largest request_time represents it).
 */
export type TraceCounts = {
  edge: number;
  joined: number;
  edgeOnly: number;
  duplicates: { edge: number; ingress: number };
  skipped: SkippedCount[];
  /**
   * Lines of the loaded files that are not JSON objects or not UTF-8 (embedded store only; present
   * when any). They have no time, so they are reported with every window's answer. Elasticsearch
   * never holds such lines: the node refuses invalid UTF-8 and the shippers replace it (docs/API.md).
   */
  unreadableLines?: Record<Tier, number>;
  /** Why a tier's lines were unreadable, for the tiers that have any: what its files were read as. */
  unreadableReasons?: Partial<Record<Tier, string>>;
};

/**
 * The parts of TraceCounts that the edge tier alone determines, without joining ingress: the edge
 * trace count, its duplicates, the edge lines left out, and (embedded store) unreadable edge lines.
 */
export type EdgeTraceCounts = {
  edge: number;
  duplicates: { edge: number };
  /** Edge entries only. */
  skipped: SkippedCount[];
  /** Present when any edge line was unreadable (embedded store only). */
  unreadableLines?: { edge: number };
  unreadableReasons?: { edge?: string };
};

/** The edge parts of a full answer's counts: what an edge-only answer for the same query must equal. */
export function toEdgeTraceCounts(counts: TraceCounts): EdgeTraceCounts {
  const edgeCounts: EdgeTraceCounts = {
    edge: counts.edge,
    duplicates: { edge: counts.duplicates.edge },
    skipped: counts.skipped.filter((entry) => entry.tier === 'edge'),
  };
  const unreadableEdge = counts.unreadableLines?.edge ?? 0;
  if (unreadableEdge === 0) return edgeCounts;
  const reason = counts.unreadableReasons?.edge;
  return { ...edgeCounts, unreadableLines: { edge: unreadableEdge }, ...(reason === undefined ? {} : { unreadableReasons: { edge: reason } }) };
}

const TIER_ORDER: Record<Tier, number> = { edge: 0, ingress: 1 };

/** Stable order for skipped counts (tier, field, reason) so both backends serialize identically. */
export function sortSkipped(skipped: readonly SkippedCount[]): SkippedCount[] {
  return skipped
    .filter((entry) => entry.count > 0)
    .sort(
      (a, b) =>
        TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.field.localeCompare(b.field) || a.reason.localeCompare(b.reason),
    );
}

/** "137 edge documents skipped: request_time unparsable" */
export function describeSkipped(entry: SkippedCount, fieldName: string): string {
  return `${entry.count.toLocaleString('en-US')} ${entry.tier} document${entry.count === 1 ? '' : 's'} skipped: ${fieldName} ${entry.reason}`;
}

/** Said of unreadable lines when the answer does not say what the tier's files were read as. */
const ANY_UNREADABLE_REASON = 'not JSON, not UTF-8, or not in the log_format';

/**
 * "3 edge lines unreadable (not in the ingress-nginx format)", one sentence per tier that has any,
 * with the tier's own reason when the answer carries it.
 */
export function describeUnreadable(unreadable: Partial<Record<Tier, number>> | undefined, reasons?: Partial<Record<Tier, string>>): string[] {
  if (!unreadable) return [];
  return (['edge', 'ingress'] as const)
    .filter((tier) => (unreadable[tier] ?? 0) > 0)
    .map((tier) => {
      const count = unreadable[tier]!;
      return `${count.toLocaleString('en-US')} ${tier} line${count === 1 ? '' : 's'} unreadable (${reasons?.[tier] ?? ANY_UNREADABLE_REASON})`;
    });
}
