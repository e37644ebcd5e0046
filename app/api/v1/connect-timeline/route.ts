import { getConnectTimeline } from '@/lib/services/get-connect-timeline';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute((backend, request) => getConnectTimeline(backend, new URL(request.url).searchParams, request.signal));
