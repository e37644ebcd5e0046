import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';
import { getTriageBackend } from '@/lib/services/triage/triage-backend';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async (backend, request) =>
  getTriageSummary(backend, await getTriageBackend(backend), new URL(request.url).searchParams, request.signal),
);
