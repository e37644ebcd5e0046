import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async (backend, request) =>
  getTriageSummary(backend, new URL(request.url).searchParams, request.signal),
);
