import { getRetransmissions } from '@/lib/services/triage/get-retransmissions';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async (backend, request) =>
  getRetransmissions(backend, new URL(request.url).searchParams, request.signal),
);
