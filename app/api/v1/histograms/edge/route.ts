import { getEdgeHistogram } from '@/lib/services/get-edge-histogram';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute((backend, request) => getEdgeHistogram(backend, new URL(request.url).searchParams, request.signal));
