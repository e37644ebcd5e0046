import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import { summarizeConnectionReuse } from '@/lib/domain/triage/connection-reuse';
import type { ConnectionReuseResponse } from '@/lib/domain/triage/triage-responses';
import { CONNECT_MAX_GROUPS } from '@/lib/domain/triage/triage-query';
import { toParamRecord, type ParamsInput } from '../parse-params';
import { collectNotices } from '../collect-notices';
import { resolveQueryOrThrow } from '../resolve-query';

/** Per hop and per host / upstream address: new versus reused connections and the new ones' connect times. */
export async function getConnectionReuse(
  backend: LatencyBackend,
  input: ParamsInput,
  signal?: AbortSignal,
): Promise<ConnectionReuseResponse> {
  const query = await resolveQueryOrThrow(backend, toParamRecord(input), signal);
  const { onNotice, notices } = collectNotices();
  const connects = await backend.triage.fetchConnectDistributions(query, CONNECT_MAX_GROUPS, { signal, onNotice });
  return { backend: backend.kind, query, ...summarizeConnectionReuse(connects), sample: null, notices: notices() };
}
