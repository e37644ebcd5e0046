import { getLoadStatus } from '@/lib/services/get-load-status';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

/** How far the embedded store's load, or Elasticsearch's read of a window, has come; answers at once. */
export const GET = jsonRoute(async (backend, request) => getLoadStatus(backend, new URL(request.url).searchParams));
