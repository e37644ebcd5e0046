import { getAttribution } from '@/lib/services/triage/get-attribution';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async (backend, request) =>
  getAttribution(backend, new URL(request.url).searchParams, request.signal),
);
