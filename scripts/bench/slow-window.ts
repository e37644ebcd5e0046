import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DatasetWindow } from './endpoints';
import { SLOW_SECONDS } from './endpoints';

/** A slow edge line: its @timestamp and trace id. */
export type SlowLine = { timestampMs: number; traceId: string };

/**
 * The window that holds exactly the `count` newest slow traces: it starts at the edge @timestamp
 * of the count-th newest distinct slow trace (page order: @timestamp descending, then trace id)
 * and ends where the dataset ends. Null when there are fewer slow traces. `traces` is how many
 * distinct slow traces the window holds (more than `count` only when several share the boundary
 * millisecond).
 */
export function slowWindowOf(lines: readonly SlowLine[], count: number, toMs: number): { fromMs: number; toMs: number; traces: number } | null {
  const newestFirst = [...lines].sort((a, b) => b.timestampMs - a.timestampMs || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0));
  const seen = new Set<string>();
  let fromMs: number | null = null;
  for (const line of newestFirst) {
    if (fromMs !== null && line.timestampMs < fromMs) break;
    seen.add(line.traceId);
    if (fromMs === null && seen.size === count) fromMs = line.timestampMs;
  }
  return fromMs === null ? null : { fromMs, toMs, traces: seen.size };
}

const seconds = (value: unknown): number | null => {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : null;
};

/**
 * The baseline's window, read from the edge file itself (not through hopscope): the `count`
 * newest traces with an edge request_time ≥ 1 s. Both the per-trace method and hopscope answer
 * for exactly the traces of this window.
 */
export async function findSlowWindow(edgeFile: string, count: number, window: DatasetWindow): Promise<(DatasetWindow & { traces: number }) | null> {
  const lines: SlowLine[] = [];
  for await (const text of createInterface({ input: createReadStream(edgeFile, 'utf8'), crlfDelay: Infinity })) {
    if (!text.includes('"trace_id"')) continue;
    const document = JSON.parse(text) as Record<string, unknown>;
    const requestTime = seconds(document.request_time);
    const timestampMs = Date.parse(String(document['@timestamp']));
    if (requestTime === null || requestTime < SLOW_SECONDS || !Number.isFinite(timestampMs) || typeof document.trace_id !== 'string') continue;
    lines.push({ timestampMs, traceId: document.trace_id });
  }
  const found = slowWindowOf(lines, count, Date.parse(window.to));
  return found ? { from: new Date(found.fromMs).toISOString(), to: window.to, traces: found.traces } : null;
}
