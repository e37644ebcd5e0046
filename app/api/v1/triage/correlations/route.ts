import { getCorrelations } from '@/lib/services/triage/get-correlations';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async (backend, request) =>
  getCorrelations(backend, new URL(request.url).searchParams, request.signal),
);
