import type { TraceSegments } from '../trace';

/**
 * The five segments that split a joined trace's edge request_time, as `computeSegments` defines
 * them (lib/domain/trace.ts); they add up to the edge request_time exactly:
 *   edgeOwn + edgeToIngress + ingressOwn + ingressConnect + app
 *   = (edge rt − edge resp) + (edge resp − ingress rt) + (ingress rt − ingress resp)
 *     + ingress connect + (ingress resp − ingress connect) = edge rt.
 * The edge→ingress segment includes the edge's upstream_connect_time. Each segment is a difference
 * of two durations, so clock offsets between machines do not enter, but each nginx rounds to the
 * millisecond and a residue can come out slightly negative; it is kept as it is.
 */
export const SEGMENT_NAMES = ['edgeOwn', 'edgeToIngress', 'ingressOwn', 'ingressConnect', 'app'] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];

/** Where each segment lives in `TraceSegments`. */
export const SEGMENT_FIELDS: Readonly<Record<SegmentName, keyof TraceSegments>> = {
  edgeOwn: 'edgeOwnMs',
  edgeToIngress: 'edgeToIngressMs',
  ingressOwn: 'ingressOwnMs',
  ingressConnect: 'ingressConnectMs',
  app: 'appMs',
};

/** Short labels for charts and tables, and the phrase a sentence uses ("lost the time …"). */
export const SEGMENT_WORDS: Readonly<Record<SegmentName, { label: string; phrase: string }>> = {
  edgeOwn: { label: 'inside edge nginx', phrase: 'inside the edge nginx' },
  edgeToIngress: { label: 'edge→ingress', phrase: 'between edge and ingress' },
  ingressOwn: { label: 'inside ingress-nginx', phrase: 'inside ingress-nginx' },
  ingressConnect: { label: 'ingress→app connect', phrase: 'connecting from ingress to the app' },
  app: { label: 'app', phrase: 'in the app' },
};

export type SegmentValues = Record<SegmentName, number>;

/** The five values of a trace, or null when any is missing (edge only, or an upstream time absent). */
export function toSegmentValues(segments: TraceSegments): SegmentValues | null {
  const values = {} as SegmentValues;
  for (const name of SEGMENT_NAMES) {
    const value = segments[SEGMENT_FIELDS[name]];
    if (value === null) return null;
    values[name] = value;
  }
  return values;
}

/** The segment holding the most time; on a tie the first in SEGMENT_NAMES order (as in the SQL). */
export function dominantSegment(values: SegmentValues): SegmentName {
  let best: SegmentName = SEGMENT_NAMES[0];
  for (const name of SEGMENT_NAMES) if (values[name] > values[best]) best = name;
  return best;
}
