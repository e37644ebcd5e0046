import 'server-only';
import type { TimeExtent } from '@/lib/backends/types';
import { parseExtent } from '../parse/parse-extent';
import { timestampFieldOrThrow, type FieldPlan } from '../query-plan';
import { buildExtentRequest } from '../requests/build-extent-request';
import type { ElasticsearchSession } from '../session';

/** First and last edge @timestamp over the whole edge index pattern. */
export async function fetchExtent(session: ElasticsearchSession, plan: FieldPlan): Promise<TimeExtent | null> {
  return parseExtent(await session.search('edge', 'reading the time extent', buildExtentRequest(timestampFieldOrThrow(plan, 'edge'))));
}
