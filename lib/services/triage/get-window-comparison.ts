import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import type { WindowComparisonResponse } from '@/lib/domain/triage/triage-responses';
import { comparisonParamsSchema } from '@/lib/domain/triage/triage-query';
import { DEFAULT_SLOW_MS } from '@/lib/domain/query';
import { slowFrom } from '@/lib/domain/triage/slow-range';
import { compareWindows } from '@/lib/domain/triage/window-comparison';
import { AppError } from '@/lib/server/core/errors';
import { readEndpointParams, type ParamsInput } from '../parse-params';
import { collectNotices } from '../collect-notices';
import { resolveQueryOrThrow } from '../resolve-query';

/** A problem with the compared window's from/to is reported under its own parameter name. */
const COMPARED_PARAMETER: Record<string, string> = { from: 'compareFrom', to: 'compareTo' };

/**
 * The query's window (from/to) against another (compareFrom/compareTo) under the same filters and
 * buckets: edge histograms, percentiles, slow share and segments.
 */
export async function getWindowComparison(
  backend: LatencyBackend,
  input: ParamsInput,
  signal?: AbortSignal,
): Promise<WindowComparisonResponse> {
  const { record, own: { slow, compareFrom, compareTo } } = readEndpointParams(input, comparisonParamsSchema);
  const query = await resolveQueryOrThrow(backend, record, signal);
  const compareQuery = await resolveQueryOrThrow(backend, { ...record, from: compareFrom, to: compareTo }, signal).catch((error: unknown) => {
    if (error instanceof AppError && error.parameter && COMPARED_PARAMETER[error.parameter]) {
      const parameter = COMPARED_PARAMETER[error.parameter]!;
      throw new AppError('invalid_parameter', `${parameter}: ${error.message.replace(/^(from|to):\s*/, '')}`, parameter, { cause: error });
    }
    throw error;
  });
  const slowMs = slow ?? DEFAULT_SLOW_MS;
  // One list for both windows: a notice names its tier and index pattern, not the window.
  const { onNotice, notices } = collectNotices();
  const options = { signal, onNotice };
  const [baseDistributions, baseStats, compareDistributions, compareStats] = await Promise.all([
    backend.fetchDistributions(query, options),
    backend.triage.fetchSegmentStats(query, slowFrom(slowMs), options),
    backend.fetchDistributions(compareQuery, options),
    backend.triage.fetchSegmentStats(compareQuery, slowFrom(slowMs), options),
  ]);
  const comparison = compareWindows(
    { edge: baseDistributions.distributions.edge, stats: baseStats },
    { edge: compareDistributions.distributions.edge, stats: compareStats },
    { bucketMs: query.bucketMs, upperMs: query.upperMs, slowMs },
  );
  return {
    backend: backend.kind,
    query,
    compareQuery,
    ...comparison,
    base: { ...comparison.base, sample: null },
    compare: { ...comparison.compare, sample: null },
    notices: notices(),
  };
}
