import type { TierDocument } from '@/lib/domain/tier-document';
import type { Tier } from '@/lib/domain/tiers';
import type { TraceDetail } from '@/lib/domain/trace';

/**
 * The trace waterfall: every interval nginx's timings give, on one time axis. Each tier's rows
 * are on that tier's own clock (start = @timestamp − request_time); the two clocks are not
 * corrected against each other, the skew between them is reported instead (see clockSkew).
 *
 * Upstream attempts are laid end to end from the tier's start: nginx connects to the upstream
 * once it has read the request, so for requests without a large body the exchange starts within
 * a millisecond of the tier's start. That assumption is stated on the page.
 */

export type WaterfallRowKind = 'request' | 'exchange' | 'connect' | 'app' | 'own';

export type WaterfallRow = {
  id: string;
  tier: Tier;
  kind: WaterfallRowKind;
  label: string;
  /** Address, host or other detail shown beside the label. */
  detail: string | null;
  depth: number;
  startMs: number;
  durationMs: number;
  /** A leaf segment that takes a large share of the request: where the time went. */
  slow: boolean;
  note: string | null;
};

export type Waterfall = {
  /** The edge start (or the ingress start without an edge line): where "+0 ms" is. */
  referenceMs: number;
  /** Earliest start and latest end of all rows: the axis. */
  originMs: number;
  endMs: number;
  rows: WaterfallRow[];
};

/** A leaf segment is slow from this long, or when it takes half of a request of 100 ms or more. */
export const SLOW_SEGMENT_MS = 500;

const RETRANSMIT_NOTES: { fromMs: number; toMs: number; note: string }[] = [
  { fromMs: 950, toMs: 1_150, note: '≈ 1 s: the first TCP SYN retransmission timeout' },
  { fromMs: 2_950, toMs: 3_150, note: '≈ 3 s: the second TCP SYN retransmission timeout' },
];

function connectNote(ms: number | null, addr: string | null): string | null {
  if (ms === null) return addr === null ? null : 'never connected ("-")';
  return RETRANSMIT_NOTES.find((r) => ms >= r.fromMs && ms < r.toMs)?.note ?? null;
}

type Row = Omit<WaterfallRow, 'slow' | 'note'> & { note?: string | null };

/** The rows of one tier: its request, then each upstream attempt (exchange, connect, app). */
function tierRows(document: TierDocument, depth: number): Row[] {
  const tier = document.tier;
  const peer = tier === 'edge' ? 'ingress' : 'app';
  const rows: Row[] = [
    {
      id: `${tier}-request`,
      tier,
      kind: 'request',
      label: `${tier === 'edge' ? 'Edge' : 'Ingress'} request_time`,
      detail: document.host,
      depth,
      startMs: document.startMs,
      durationMs: document.requestTimeMs,
    },
  ];
  const attempts = Math.max(document.upstreamResponseMs.length, document.upstreamConnectMs.length);
  let cursorMs = document.startMs;
  for (let i = 0; i < attempts; i++) {
    const responseMs = document.upstreamResponseMs[i] ?? null;
    const connectMs = document.upstreamConnectMs[i] ?? null;
    const addr = document.upstreamAddrs[i] ?? null;
    const suffix = attempts > 1 ? ` (attempt ${i + 1} of ${attempts})` : '';
    if (responseMs !== null) {
      rows.push({ id: `${tier}-exchange-${i + 1}`, tier, kind: 'exchange', label: `${tier === 'edge' ? 'Edge' : 'Ingress'} → ${peer} exchange${suffix}`, detail: addr, depth: depth + 1, startMs: cursorMs, durationMs: responseMs });
    }
    rows.push({
      id: `${tier}-connect-${i + 1}`,
      tier,
      kind: 'connect',
      label: `${tier === 'edge' ? 'Edge' : 'Ingress'} → ${peer} connect${suffix}`,
      detail: addr,
      depth: depth + 2,
      startMs: cursorMs,
      durationMs: connectMs ?? 0,
      note: connectNote(connectMs, addr),
    });
    if (tier === 'ingress' && responseMs !== null && connectMs !== null) {
      rows.push({ id: `app-${i + 1}`, tier, kind: 'app', label: `App response${suffix}`, detail: addr, depth: depth + 2, startMs: cursorMs + (connectMs ?? 0), durationMs: responseMs - (connectMs ?? 0) });
    }
    cursorMs += responseMs ?? connectMs ?? 0;
  }
  if (document.responseTotalMs !== null) {
    rows.push({
      id: `${tier}-own`,
      tier,
      kind: 'own',
      label: tier === 'edge' ? 'Inside edge nginx (request_time − upstream)' : 'Inside ingress-nginx (request_time − upstream)',
      detail: null,
      depth: depth + 1,
      startMs: document.startMs + document.responseTotalMs,
      durationMs: document.requestTimeMs - document.responseTotalMs,
      note: 'reading the request and sending the response, before and after the exchange',
    });
  }
  return rows;
}

/** Builds the waterfall of a trace; slow leaf segments are flagged against the longest request. */
export function toWaterfall(trace: TraceDetail): Waterfall {
  const edgeRows = trace.edge ? tierRows(trace.edge, 0) : [];
  const ingressRows = trace.ingress ? tierRows(trace.ingress, trace.edge ? 2 : 0) : [];
  // The ingress request belongs right after the edge's connect: insert it there.
  const connectIndex = edgeRows.findLastIndex((row) => row.kind === 'connect');
  const ordered = connectIndex >= 0 ? [...edgeRows.slice(0, connectIndex + 1), ...ingressRows, ...edgeRows.slice(connectIndex + 1)] : [...edgeRows, ...ingressRows];
  const totalMs = Math.max(trace.edge?.requestTimeMs ?? 0, trace.ingress?.requestTimeMs ?? 0);
  const rows = ordered.map<WaterfallRow>((row) => {
    const leaf = row.kind === 'connect' || row.kind === 'app' || row.kind === 'own';
    const slow = leaf && (row.durationMs >= SLOW_SEGMENT_MS || (totalMs >= 100 && row.durationMs * 2 >= totalMs));
    return { ...row, slow, note: row.note ?? null };
  });
  const starts = rows.map((row) => row.startMs);
  const ends = rows.map((row) => row.startMs + Math.max(row.durationMs, 0));
  const referenceMs = trace.edge?.startMs ?? trace.ingress?.startMs ?? 0;
  return { referenceMs, originMs: Math.min(referenceMs, ...starts), endMs: Math.max(referenceMs, ...ends), rows };
}

export type ClockSkew = {
  /** Bounds on (ingress clock − edge clock) in ms that the timings allow; null when a tier is missing. */
  minMs: number;
  maxMs: number;
  /** The bounds contradict each other (rounding to milliseconds, or a shifted @timestamp). */
  inconsistent: boolean;
};

/**
 * What the timings say about the clocks. The ingress request cannot start before the edge's
 * connect to it completed, and cannot end after the edge's request did. With s = ingress clock −
 * edge clock: ingress.end − edge.end ≤ s ≤ ingress.start − (edge.start + edge connect).
 */
export function clockSkew(trace: TraceDetail): ClockSkew | null {
  const { edge, ingress } = trace;
  if (!edge || !ingress) return null;
  const maxMs = ingress.startMs - (edge.startMs + (edge.upstreamConnectMs[0] ?? 0));
  const minMs = ingress.timestampMs - edge.timestampMs;
  return { minMs, maxMs, inconsistent: minMs > maxMs };
}
