import 'server-only';
import { z } from 'zod';
import type { LatencyBackend } from '@/lib/backends/types';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { ConnectTimelineResponse } from '@/lib/domain/api-responses';
import { chooseTimelineBinMs, DEFAULT_TIMELINE_MAX_GROUPS, TIMELINE_GROUP_BYS } from '@/lib/domain/connect-timeline';
import { TIERS } from '@/lib/domain/tiers';
import { readEndpointParams, type ParamsInput } from './parse-params';
import { resolveQueryOrThrow } from './resolve-query';

const timelineSchema = z.object({
  tier: z.enum(TIERS, { message: `tier must be one of ${TIERS.join(', ')}` }),
  groupBy: z.enum(TIMELINE_GROUP_BYS, { message: `groupBy must be one of ${TIMELINE_GROUP_BYS.join(', ')}` }).default('host'),
});

/** A tier's upstream_connect_time over the query window, binned so a chart stays small. */
export async function getConnectTimeline(backend: LatencyBackend, input: ParamsInput, signal?: AbortSignal): Promise<ConnectTimelineResponse> {
  const { record, own: options } = readEndpointParams(input, timelineSchema);
  const query = await resolveQueryOrThrow(backend, record, signal);
  const notices: AnswerNotice[] = [];
  const timeline = await backend.fetchConnectTimeline(
    query,
    { ...options, binMs: chooseTimelineBinMs(query.toMs - query.fromMs), maxGroups: DEFAULT_TIMELINE_MAX_GROUPS },
    { signal, onNotice: (notice) => void notices.push(notice) },
  );
  return { ...timeline, query, notices };
}
