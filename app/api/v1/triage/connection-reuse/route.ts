import { getConnectionReuse } from '@/lib/services/triage/get-connection-reuse';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async (backend, request) =>
  getConnectionReuse(backend, new URL(request.url).searchParams, request.signal),
);
