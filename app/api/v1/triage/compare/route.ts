import { getWindowComparison } from '@/lib/services/triage/get-window-comparison';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async (backend, request) =>
  getWindowComparison(backend, new URL(request.url).searchParams, request.signal),
);
