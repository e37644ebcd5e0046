import { getLoadStatus } from '@/lib/services/get-load-status';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

/** How far the embedded store's load has come; answers at once, even while the store loads. */
export const GET = jsonRoute(async (backend, request) => getLoadStatus(backend, new URL(request.url).searchParams));
