import { getHistograms } from '@/lib/services/get-histograms';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute((backend, request) => getHistograms(backend, new URL(request.url).searchParams, request.signal));
