import { MAX_SPAN_MS } from './query';
import { toIsoInstant } from './time-expression';

/**
 * Moves and widens a resolved time window `[fromMs, toMs)`: the time picker's "shift back /
 * forward" and "zoom out ×2", and the span a link to the data's extent may open. Results are
 * absolute ISO instants, since a shifted "last hour" is no longer relative to now.
 */

export type WindowMs = { fromMs: number; toMs: number };
export type WindowText = { from: string; to: string };

const toText = ({ fromMs, toMs }: WindowMs): WindowText => ({ from: toIsoInstant(fromMs), to: toIsoInstant(toMs) });

/** The window moved by its own width, earlier (-1) or later (+1). */
export function shiftWindow(window: WindowMs, direction: -1 | 1): WindowText {
  const width = window.toMs - window.fromMs;
  return toText({ fromMs: window.fromMs + direction * width, toMs: window.toMs + direction * width });
}

/**
 * The window twice as wide around the same middle, at most MAX_SPAN_MS (the API refuses longer
 * ranges); null when it is that wide already.
 */
export function zoomOutWindow(window: WindowMs): WindowText | null {
  const width = window.toMs - window.fromMs;
  if (width >= MAX_SPAN_MS) return null;
  const wider = Math.min(width * 2, MAX_SPAN_MS);
  // Whole milliseconds: an odd width would otherwise put the middle on half a millisecond.
  const fromMs = window.fromMs - Math.floor((wider - width) / 2);
  return toText({ fromMs, toMs: fromMs + wider });
}

/** Whether two half-open windows share any instant. */
export function windowsOverlap(a: WindowMs, b: WindowMs): boolean {
  return a.fromMs < b.toMs && b.fromMs < a.toMs;
}

/**
 * The window a query may open on the data's extent: all of it, or its last MAX_SPAN_MS when the
 * data spans longer (the latest data is the likeliest to matter).
 */
export function openableExtent(extent: WindowMs): WindowText {
  return toText({ fromMs: Math.max(extent.fromMs, extent.toMs - MAX_SPAN_MS), toMs: extent.toMs });
}
