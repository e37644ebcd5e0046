import { NextResponse } from 'next/server';
import { MAX_REFRESH_BODY_BYTES, refreshWindow } from '@/lib/services/refresh-window';
import { rejectAnyParameter } from '@/lib/services/parse-params';
import { readJsonBody } from '@/lib/server/read-json-body';
import { resolveRequestBackend, toErrorResponse } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

/**
 * Reads a window from the store again (docs/API.md, "POST /api/v1/refresh"); the middleware
 * checked the request's origin. Not `jsonRoute`: that hands on a request without its body.
 */
export async function POST(request: Request): Promise<NextResponse> {
  try {
    // `snapshot=<id>` chooses the backend as on every endpoint (a snapshot refuses: it is frozen).
    const { backend, request: rest } = await resolveRequestBackend(request);
    rejectAnyParameter(new URL(rest.url).searchParams);
    const body = await readJsonBody(request, MAX_REFRESH_BODY_BYTES);
    return NextResponse.json(await refreshWindow(backend, body, request.signal), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (request.signal.aborted) return new NextResponse(null, { status: 499 });
    return toErrorResponse(error);
  }
}
