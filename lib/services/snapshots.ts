import 'server-only';
import { createSnapshotBodySchema, type CreateSnapshotBody } from '@/lib/domain/snapshot';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_SLOW_MS, QUERY_PARAMETERS } from '@/lib/domain/query';
import { AppError } from '@/lib/server/core/errors';
import { getConnectTimeline } from './get-connect-timeline';
import { getEdgeHistogram } from './get-edge-histogram';
import { getHistograms } from './get-histograms';
import { getAttribution } from './triage/get-attribution';
import { getConnectionReuse } from './triage/get-connection-reuse';
import { getCorrelations } from './triage/get-correlations';
import { getRetransmissions } from './triage/get-retransmissions';
import { getTriageSummary } from './triage/get-triage-summary';

/**
 * A snapshot request's body, validated: the title and note, and a query of the shared query
 * parameters only (a misspelt one is refused as every endpoint refuses it, not silently dropped).
 */
export function parseCreateSnapshotBody(body: unknown): CreateSnapshotBody {
  const parsed = createSnapshotBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new AppError('invalid_parameter', `${where}: ${issue?.message}`, where);
  }
  const known: readonly string[] = QUERY_PARAMETERS;
  const unknown = Object.keys(parsed.data.query).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new AppError('invalid_parameter', `query.${unknown[0]}: unknown parameter; a snapshot's query accepts ${known.join(', ')}`, 'query');
  }
  return parsed.data;
}

/** The slow threshold the investigation page's slow summary asks for when the query sets none (seconds). */
const SLOW_SECONDS = String(DEFAULT_SLOW_MS / 1000);

/**
 * Computes, on a snapshot just taken, the answers its own view asks for when its link is opened:
 * the histograms (and those of its slow requests, as the summary line asks them), both connect
 * timelines, and the triage verdict with its panels. The snapshot's backend keeps them
 * (KeptAnswers), so the first colleague to open the link waits for none of them. A view that
 * fails here is simply not kept: it is computed when asked, and says then what is wrong.
 */
export async function warmSnapshotView(backend: LatencyBackend, query: Readonly<Record<string, string | string[]>>, signal?: AbortSignal): Promise<void> {
  const params = { ...query };
  const hasLatency = query.latencyMin !== undefined || query.latencyMax !== undefined;
  const views: (() => Promise<unknown>)[] = [
    () => getEdgeHistogram(backend, params, signal),
    () => getHistograms(backend, params, signal),
    () => (hasLatency ? Promise.resolve() : getHistograms(backend, { ...params, latencyMin: SLOW_SECONDS, bucket: SLOW_SECONDS, upper: SLOW_SECONDS }, signal)),
    () => getConnectTimeline(backend, { ...params, tier: 'edge', groupBy: 'upstreamAddr' }, signal),
    () => getConnectTimeline(backend, { ...params, tier: 'ingress', groupBy: 'host' }, signal),
    () => getTriageSummary(backend, params, signal),
    () => getAttribution(backend, params, signal),
    () => getCorrelations(backend, params, signal),
    () => getRetransmissions(backend, params, signal),
    () => getConnectionReuse(backend, params, signal),
  ];
  for (const view of views) await view().catch(() => undefined);
}
