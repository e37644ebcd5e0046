import type { Distributions } from '@/lib/backends/types';
import type { LogicalField } from '@/lib/domain/field-names';
import { HISTOGRAM_NAMES, type HistogramName } from '@/lib/domain/histogram-names';
import { normalizeValueCounts, type ValueCount } from '@/lib/domain/histogram';
import { sortSkipped, type SkippedCount, type SkipReason } from '@/lib/domain/trace-counts';
import type { Tier } from '@/lib/domain/tiers';
import { toNumber, toNumberOrNull } from './to-number';

export type DistributionRow = { kind: string; value_ms: unknown; n: unknown };

/** Rows of buildDistributionsSql to the backend's Distributions. */
export function parseDistributions(rows: readonly DistributionRow[]): Distributions {
  const values = Object.fromEntries(HISTOGRAM_NAMES.map((name) => [name, [] as ValueCount[]])) as Record<HistogramName, ValueCount[]>;
  const counts = new Map<string, number>();
  const skipped: SkippedCount[] = [];
  for (const row of rows) {
    const [prefix, ...rest] = row.kind.split(':');
    const n = toNumber(row.n);
    if (prefix === 'dist') {
      const valueMs = toNumberOrNull(row.value_ms);
      if (valueMs !== null) values[rest[0] as HistogramName].push({ valueMs, count: n });
    } else if (prefix === 'count') {
      counts.set(rest[0]!, n);
    } else if (prefix === 'skip') {
      const [tier, field, reason] = rest as [Tier, LogicalField, SkipReason];
      skipped.push({ tier, field, reason, count: n });
    }
  }
  const edge = counts.get('edge') ?? 0;
  const joined = counts.get('joined') ?? 0;
  return {
    counts: {
      edge,
      joined,
      edgeOnly: edge - joined,
      duplicates: { edge: (counts.get('edgeValid') ?? 0) - edge, ingress: (counts.get('ingressValid') ?? 0) - joined },
      skipped: sortSkipped(skipped),
    },
    distributions: Object.fromEntries(
      HISTOGRAM_NAMES.map((name) => [name, normalizeValueCounts(values[name])]),
    ) as Record<HistogramName, ValueCount[]>,
  };
}
