import { classifyAnswer, describeAnswer, type EndpointOutcome } from './answers';
import type { EndpointContext, EndpointSpec } from './endpoints';
import { summarize, type TimingSummary } from './stats';

export type HttpAnswer = { ms: number; status: number; bytes: number; body: unknown };

/** Generous: a slow answer is a finding to record, not a reason to abort the run. */
const REQUEST_TIMEOUT_MS = 900_000;
/**
 * An endpoint whose first answer takes longer than this is at least 20× over any target of
 * issue 6: it gets SLOW_ENDPOINT_RUNS warm runs instead of `runs` (the table shows the count),
 * which bounds the benchmark at hours less without changing a verdict.
 */
export const SLOW_ENDPOINT_MS = 60_000;
export const SLOW_ENDPOINT_RUNS = 2;

/** One GET, timed from the request to the last byte of the body (Node's fetch, one keep-alive pool). */
export async function timedGet(baseUrl: string, path: string): Promise<HttpAnswer> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), headers: { accept: 'application/json' } });
  const buffer = await response.arrayBuffer();
  const ms = performance.now() - started;
  let body: unknown = null;
  try {
    body = JSON.parse(new TextDecoder().decode(buffer));
  } catch {
    body = null;
  }
  return { ms, status: response.status, bytes: buffer.byteLength, body };
}

export type EndpointResult = {
  id: string;
  label: string;
  group: string;
  path: string | null;
  outcome: EndpointOutcome | 'skipped';
  /** The first request of this endpoint after the server started. */
  coldMs: number | null;
  warm: TimingSummary | null;
  status: number | null;
  bytes: number | null;
  note: string | null;
};

/**
 * Measures one endpoint: a cold request (the first after start), then `runs` warm ones, one at a
 * time. An endpoint that does not answer 200 is recorded once, without warm runs.
 */
export async function measureEndpoint(baseUrl: string, spec: EndpointSpec, context: EndpointContext, runs: number): Promise<EndpointResult> {
  const path = spec.path(context);
  const base = { id: spec.id, label: spec.label, group: spec.group, path };
  if (path === null) {
    return { ...base, outcome: 'skipped', coldMs: null, warm: null, status: null, bytes: null, note: 'no input for it (an earlier answer failed or was empty)' };
  }
  const cold = await timedGet(baseUrl, path);
  const { outcome, note } = classifyAnswer(cold.status, cold.body);
  if (outcome !== 'ok') return { ...base, outcome, coldMs: cold.ms, warm: null, status: cold.status, bytes: cold.bytes, note };
  spec.learn?.(cold.body, context);
  const samples: number[] = [];
  const warmRuns = cold.ms > SLOW_ENDPOINT_MS ? Math.min(runs, SLOW_ENDPOINT_RUNS) : runs;
  for (let run = 0; run < warmRuns; run += 1) {
    const answer = await timedGet(baseUrl, path);
    if (answer.status !== 200) {
      return { ...base, outcome: 'error', coldMs: cold.ms, warm: null, status: answer.status, bytes: answer.bytes, note: classifyAnswer(answer.status, answer.body).note };
    }
    samples.push(answer.ms);
  }
  return { ...base, outcome: 'ok', coldMs: cold.ms, warm: summarize(samples), status: 200, bytes: cold.bytes, note: describeAnswer(spec.group, cold.body) };
}
