import type { Tier } from './tiers';

/**
 * How far the embedded store's load has come, as the console and the page say it: lines loaded
 * over both tiers against an estimate of all of them (from the files' sizes and the length of
 * their first lines; none for compressed files, whose stored size says little).
 */
export type StoreLoadStatus = {
  stage: 'loading' | 'building';
  linesLoaded: number;
  /** Of linesLoaded, each tier's. */
  tierLines: Record<Tier, number>;
  /** Estimated lines of both tiers; null while a tier's files cannot be estimated. */
  linesEstimated: number | null;
  elapsedMs: number;
};

/** 1234 → "1,234"; 1,234,567 → "1.2 M". */
export function formatLineCount(lines: number): string {
  if (lines < 100_000) return lines.toLocaleString('en-US');
  return `${(lines / 1_000_000).toFixed(lines < 10_000_000 ? 1 : 0)} M`;
}

/** Seconds left at the rate so far, or null before there is a rate or an estimate. */
export function secondsLeft(status: StoreLoadStatus): number | null {
  if (status.linesEstimated === null || status.linesLoaded === 0 || status.elapsedMs < 1_000) return null;
  const rate = status.linesLoaded / status.elapsedMs;
  return Math.max(0, Math.round((status.linesEstimated - status.linesLoaded) / rate / 1_000));
}

/** Lines a second so far, or null before a second has passed. */
export function linesPerSecond(status: StoreLoadStatus): number | null {
  return status.elapsedMs < 1_000 ? null : Math.round((status.linesLoaded * 1_000) / status.elapsedMs);
}

/**
 * The console's line: the page's sentence with each tier's lines and the rate,
 * "loading 1.2 M of ~2.0 M lines (edge 0.9 M, ingress 0.3 M; 40,000 lines/s), about 20 s left".
 */
export function formatLoadStatusDetail(status: StoreLoadStatus): string {
  if (status.stage === 'building') return formatLoadStatus(status);
  const rate = linesPerSecond(status);
  const tiers = `edge ${formatLineCount(status.tierLines.edge)}, ingress ${formatLineCount(status.tierLines.ingress)}`;
  const detail = `(${tiers}${rate === null ? '' : `; ${rate.toLocaleString('en-US')} lines/s`})`;
  const [head, ...left] = formatLoadStatus(status).split(', about ');
  return `${head} ${detail}${left.length > 0 ? `, about ${left.join(', about ')}` : ''}`;
}

/**
 * "loading 1.2 M of ~2.0 M lines, about 20 s left", or "building the trace table" at the end.
 * Before a line is read or counted (Elasticsearch counts a window's slices first) it says only
 * that the read starts: "loading 0 lines" read as if the window held none.
 */
export function formatLoadStatus(status: StoreLoadStatus): string {
  if (status.stage === 'building') return `building the trace table from ${formatLineCount(status.linesLoaded)} lines`;
  if (status.linesLoaded === 0 && status.linesEstimated === null) return 'starting to read the lines';
  const of = status.linesEstimated === null ? '' : ` of ~${formatLineCount(Math.max(status.linesEstimated, status.linesLoaded))}`;
  const left = secondsLeft(status);
  return `loading ${formatLineCount(status.linesLoaded)}${of} lines${left === null ? '' : `, about ${left} s left`}`;
}

/** Polls of a read's progress at the start of a wait: every 100 ms (the read registers just after the page's first poll), at most 50. */
const QUICK_LOAD_POLL_MS = 100;
const QUICK_LOAD_POLLS_AT_MOST = 50;
/** Once a poll has seen the read, once a second: each poll costs the server a few ms of the CPU the read needs. */
const LOAD_POLL_MS = 1_000;

/**
 * The wait before the next poll of a read's progress once `pollsDone` polls (1, 2, …) have
 * answered: 100 ms until one of them reports a read (`readSeen`), so the progress bar shows within
 * a tenth of a second of the read starting, then a second; a second too after 5 s without a read.
 * The page polls so, and the benchmark asks as the page does.
 */
export function loadPollDelayMs(pollsDone: number, readSeen: boolean): number {
  return readSeen || pollsDone >= QUICK_LOAD_POLLS_AT_MOST ? LOAD_POLL_MS : QUICK_LOAD_POLL_MS;
}
