import { NextResponse } from 'next/server';
import { MAX_SNAPSHOT_BODY_BYTES } from '@/lib/domain/snapshot';
import { parseCreateSnapshotBody, warmSnapshotView } from '@/lib/services/snapshots';
import { getBackendFor } from '@/lib/server/backend';
import { readJsonBody } from '@/lib/server/read-json-body';
import { toErrorResponse } from '@/lib/server/route-handler';
import { getSnapshotRegistry } from '@/lib/server/snapshots/registry';
import { rejectAnyParameter } from '@/lib/services/parse-params';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** Every snapshot, newest first. */
export async function GET(request: Request): Promise<NextResponse> {
  try {
    rejectAnyParameter(new URL(request.url).searchParams);
    return NextResponse.json({ snapshots: await getSnapshotRegistry().list() }, { headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Freezes a window of the live data (docs/API.md, "Snapshots"); the middleware checked the request's origin. */
export async function POST(request: Request): Promise<NextResponse> {
  try {
    rejectAnyParameter(new URL(request.url).searchParams);
    const body = parseCreateSnapshotBody(await readJsonBody(request, MAX_SNAPSHOT_BODY_BYTES));
    const registry = getSnapshotRegistry();
    const created = await registry.create(await getBackendFor(undefined), body, request.signal);
    // Its own view's answers, computed now and saved beside it: the link opens at once.
    await warmSnapshotView(await getBackendFor(created.id), (await registry.detail(created.id)).query, request.signal);
    await registry.saveAnswers(created.id);
    return NextResponse.json(created, { status: 201, headers: { ...NO_STORE, Location: created.url } });
  } catch (error) {
    if (request.signal.aborted) return new NextResponse(null, { status: 499 });
    return toErrorResponse(error);
  }
}
