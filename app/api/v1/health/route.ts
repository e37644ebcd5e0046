import { NextResponse } from 'next/server';
import { getBackend } from '@/lib/server/backend';
import { toErrorResponse } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

/** 200 when the backend answers, 503 with its message when it does not. */
export async function GET(request: Request): Promise<NextResponse> {
  try {
    const health = await (await getBackend()).checkHealth({ signal: request.signal });
    return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
