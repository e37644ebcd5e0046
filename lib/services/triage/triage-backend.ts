import 'server-only';
import type { TriageBackend } from '@/lib/backends/triage-types';
import type { LatencyBackend } from '@/lib/backends/types';
import { AppError } from '@/lib/server/errors';

/** The triage verbs of the process backend, over the same loaded store. */
export async function getTriageBackend(backend: LatencyBackend): Promise<TriageBackend> {
  if (backend.triage) return backend.triage;
  throw new AppError('backend_error', `triage is not implemented for the ${backend.kind} backend yet`);
}
