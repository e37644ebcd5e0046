import { NextResponse } from 'next/server';
import { toErrorResponse } from '@/lib/server/route-handler';
import { getSnapshotRegistry } from '@/lib/server/snapshots/registry';
import { rejectAnyParameter } from '@/lib/services/parse-params';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** One snapshot's details: its window, query, sources and sizes. */
export async function GET(request: Request, context: Context): Promise<NextResponse> {
  try {
    rejectAnyParameter(new URL(request.url).searchParams);
    return NextResponse.json(await getSnapshotRegistry().detail((await context.params).id), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Deletes a snapshot (the middleware checked the request's origin). */
export async function DELETE(request: Request, context: Context): Promise<NextResponse> {
  try {
    rejectAnyParameter(new URL(request.url).searchParams);
    const { id } = await context.params;
    await getSnapshotRegistry().remove(id);
    return NextResponse.json({ deleted: id }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
