import type { TimelineGroupBy } from '@/lib/domain/connect-timeline';
import { normalizeValueCounts } from '@/lib/domain/histogram';
import {
  compareConnectGroups,
  CONNECT_HOPS,
  type ConnectDistributions,
  type ConnectGroup,
  type ConnectHop,
} from '@/lib/domain/triage/triage-data';
import { toNumber, toNumberOrNull } from '../to-number';

export type ConnectDistributionRow = { hop: string; group_by: string | null; label: string | null; value_ms: unknown; n: unknown };

/** Rows of buildConnectDistributionsSql to ConnectDistributions, groups in a stable order. */
export function parseConnectDistributions(rows: readonly ConnectDistributionRow[]): ConnectDistributions {
  const withoutConnectTime = Object.fromEntries(CONNECT_HOPS.map((hop) => [hop, 0])) as Record<ConnectHop, number>;
  const groups = new Map<string, ConnectGroup & { hop: ConnectHop }>();
  for (const row of rows) {
    const hop = row.hop as ConnectHop;
    if (row.group_by === null || row.label === null) {
      withoutConnectTime[hop] += toNumber(row.n);
      continue;
    }
    const valueMs = toNumberOrNull(row.value_ms);
    if (valueMs === null) continue;
    const key = JSON.stringify([hop, row.group_by, row.label]);
    const group = groups.get(key) ?? { hop, groupBy: row.group_by as TimelineGroupBy, value: row.label, values: [] };
    group.values.push({ valueMs, count: toNumber(row.n) });
    groups.set(key, group);
  }
  const hops = Object.fromEntries(
    CONNECT_HOPS.map((hop) => [
      hop,
      {
        withoutConnectTime: withoutConnectTime[hop],
        groups: [...groups.values()]
          .filter((group) => group.hop === hop)
          .map(({ groupBy, value, values }) => ({ groupBy, value, values: normalizeValueCounts(values) }))
          .sort(compareConnectGroups),
      },
    ]),
  ) as ConnectDistributions['hops'];
  return { hops };
}
