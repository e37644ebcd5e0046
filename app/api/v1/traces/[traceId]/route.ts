import { getTrace } from '@/lib/services/get-trace';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute<{ traceId: string }>((backend, request, params) =>
  getTrace(backend, decodeURIComponent(params.traceId), request.signal),
);
