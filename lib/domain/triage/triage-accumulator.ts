import { NO_GROUP, OTHER_GROUP, type TimelineGroupBy } from '../connect-timeline';
import type { ValueCount } from '../histogram';
import { formatNginxList } from '../nginx-value';
import type { TierDocument } from '../tier-document';
import { computeSegments } from '../trace';
import { dominantSegment, SEGMENT_NAMES, toSegmentValues, type SegmentName } from './segments';
import { isInSlowRange, type SlowRange } from './slow-range';
import {
  compareConnectGroups,
  compareFieldValues,
  compareText,
  CONNECT_HOPS,
  type ConnectDistributions,
  type ConnectGroup,
  type ConnectHop,
  type CorrelationField,
  type FieldValueCounts,
  type SegmentStats,
  type SlowSplit,
} from './triage-data';

/**
 * The three triage shapes computed from a trace set's representative documents, one trace at a
 * time, in bounded memory (per-millisecond and per-value counts only). This is the triage
 * counterpart of a store's aggregations for backends that join traces outside the store: the
 * Elasticsearch backend rebuilds each trace's representative documents with the domain's
 * `toTierDocument` and feeds them here. The DuckDB SQL must agree with it; the contract suite
 * checks that on the generated samples.
 */

/** Each compared field of a joined trace, normalized as the stores normalize it. */
const FIELD_VALUES: Readonly<Record<CorrelationField, (edge: TierDocument, ingress: TierDocument) => string | null>> = {
  ingressHost: (_edge, ingress) => ingress.host,
  edgeHost: (edge) => edge.host,
  edgeUpstreamAddr: (edge) => formatNginxList(edge.upstreamAddrs),
  ingressUpstreamAddr: (_edge, ingress) => formatNginxList(ingress.upstreamAddrs),
  proxyUpstreamName: (_edge, ingress) => ingress.proxyUpstreamName,
  app: (edge) => edge.app,
  path: (edge) => edge.path,
  method: (edge) => edge.method,
  status: (edge) => (edge.status === null ? null : String(edge.status)),
};

class Counts {
  private readonly byValue = new Map<number, number>();
  add(valueMs: number, count: number): void {
    this.byValue.set(valueMs, (this.byValue.get(valueMs) ?? 0) + count);
  }
  toValueCounts(): ValueCount[] {
    return [...this.byValue].sort((a, b) => a[0] - b[0]).map(([valueMs, count]) => ({ valueMs, count }));
  }
}

const split = (): SlowSplit => ({ all: 0, slow: 0 });
const addTo = (target: SlowSplit, slow: boolean, count: number) => {
  target.all += count;
  if (slow) target.slow += count;
};

export class TriageAccumulator {
  private readonly traces = split();
  private readonly joined = split();
  private readonly attributable = split();
  private readonly connectMissing = split();
  private readonly edgeResponseMissing = split();
  private readonly segmentCounts = Object.fromEntries(SEGMENT_NAMES.map((name) => [name, { all: new Counts(), slow: new Counts() }])) as Record<
    SegmentName,
    { all: Counts; slow: Counts }
  >;
  private readonly dominant = Object.fromEntries(SEGMENT_NAMES.map((name) => [name, 0])) as Record<SegmentName, number>;
  private readonly fieldCounts = new Map<CorrelationField, Map<string, SlowSplit>>();
  private readonly connectCounts = new Map<string, { hop: ConnectHop; groupBy: TimelineGroupBy; value: string; counts: Counts }>();
  private readonly withoutConnectTime: Record<ConnectHop, number> = { edgeToIngress: 0, ingressToApp: 0 };

  /** `slow`: the examined requests (SlowRange); every trace added is counted in "all". */
  constructor(private readonly slow: SlowRange) {}

  /** One trace: its edge representative and its ingress representative (null when not joined), `count` times. */
  add(edge: TierDocument, ingress: TierDocument | null, count = 1): void {
    const slow = isInSlowRange(this.slow, edge.requestTimeMs);
    addTo(this.traces, slow, count);
    this.addConnect('edgeToIngress', edge, count);
    if (!ingress) return;
    addTo(this.joined, slow, count);
    this.addConnect('ingressToApp', ingress, count);
    for (const field of Object.keys(FIELD_VALUES) as CorrelationField[]) {
      const value = FIELD_VALUES[field](edge, ingress);
      if (value === null) continue;
      const values = this.fieldCounts.get(field) ?? new Map<string, SlowSplit>();
      const entry = values.get(value) ?? split();
      addTo(entry, slow, count);
      values.set(value, entry);
      this.fieldCounts.set(field, values);
    }
    const segments = computeSegments(edge, ingress);
    const values = toSegmentValues(segments);
    if (!values) {
      const onlyConnectMissing = segments.ingressConnectMs === null && segments.edgeOwnMs !== null && segments.edgeToIngressMs !== null && segments.ingressOwnMs !== null;
      if (onlyConnectMissing) addTo(this.connectMissing, slow, count);
      if (edge.responseTotalMs === null) addTo(this.edgeResponseMissing, slow, count);
      return;
    }
    addTo(this.attributable, slow, count);
    for (const name of SEGMENT_NAMES) {
      this.segmentCounts[name].all.add(values[name], count);
      if (slow) this.segmentCounts[name].slow.add(values[name], count);
    }
    if (slow) this.dominant[dominantSegment(values)] += count;
  }

  private addConnect(hop: ConnectHop, document: TierDocument, count: number): void {
    if (document.connectTotalMs === null) {
      this.withoutConnectTime[hop] += count;
      return;
    }
    const groups: [TimelineGroupBy, string][] = [
      ['host', document.host ?? NO_GROUP],
      ['upstreamAddr', formatNginxList(document.upstreamAddrs) ?? NO_GROUP],
    ];
    for (const [groupBy, value] of groups) {
      const key = JSON.stringify([hop, groupBy, value]);
      const entry = this.connectCounts.get(key) ?? { hop, groupBy, value, counts: new Counts() };
      entry.counts.add(document.connectTotalMs, count);
      this.connectCounts.set(key, entry);
    }
  }

  segmentStats(): SegmentStats {
    return {
      traces: { ...this.traces },
      joined: { ...this.joined },
      attributable: { ...this.attributable },
      connectMissing: { ...this.connectMissing },
      edgeResponseMissing: { ...this.edgeResponseMissing },
      segments: Object.fromEntries(
        SEGMENT_NAMES.map((name) => [name, { all: this.segmentCounts[name].all.toValueCounts(), slow: this.segmentCounts[name].slow.toValueCounts() }]),
      ) as SegmentStats['segments'],
      dominant: { ...this.dominant },
    };
  }

  /** Per field, the `limitPerField` values most frequent among slow traces (then among all, then by value). */
  fieldValueCounts(fields: readonly CorrelationField[], limitPerField: number): FieldValueCounts {
    return {
      traces: { ...this.joined },
      fields: Object.fromEntries(
        fields.map((field) => {
          const values = [...(this.fieldCounts.get(field) ?? new Map<string, SlowSplit>())].map(([value, counts]) => ({ value, ...counts }));
          const withValue = values.reduce((sum, entry) => ({ all: sum.all + entry.all, slow: sum.slow + entry.slow }), split());
          return [field, { withValue, distinctValues: values.length, values: values.sort(compareFieldValues).slice(0, limitPerField) }];
        }),
      ) as FieldValueCounts['fields'],
    };
  }

  /** Per hop and grouping, the `maxGroups` largest groups by name and the rest merged into OTHER_GROUP. */
  connectDistributions(maxGroups: number): ConnectDistributions {
    const hops = Object.fromEntries(
      CONNECT_HOPS.map((hop) => {
        const groups: ConnectGroup[] = [];
        for (const groupBy of ['host', 'upstreamAddr'] as const) {
          const ranked = [...this.connectCounts.values()]
            .filter((entry) => entry.hop === hop && entry.groupBy === groupBy)
            .map((entry) => ({ value: entry.value, values: entry.counts.toValueCounts() }))
            .map((entry) => ({ ...entry, size: entry.values.reduce((sum, { count }) => sum + count, 0) }))
            .sort((a, b) => b.size - a.size || compareText(a.value, b.value));
          const other = new Counts();
          ranked.forEach((entry, index) => {
            if (index < maxGroups) groups.push({ groupBy, value: entry.value, values: entry.values });
            else for (const { valueMs, count } of entry.values) other.add(valueMs, count);
          });
          if (ranked.length > maxGroups) groups.push({ groupBy, value: OTHER_GROUP, values: other.toValueCounts() });
        }
        return [hop, { withoutConnectTime: this.withoutConnectTime[hop], groups: groups.sort(compareConnectGroups) }];
      }),
    ) as ConnectDistributions['hops'];
    return { hops };
  }
}
