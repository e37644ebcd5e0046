import { NextResponse } from 'next/server';
import { exportBucketTraces } from '@/lib/services/export-bucket-traces';
import { resolveRequestBackend, toErrorResponse } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

/**
 * A histogram range's traces as a CSV or NDJSON download, streamed. Not `jsonRoute`: the answer
 * is a file, and only what fails before it starts (bad input, the first page) can still be the
 * API's JSON error.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const { backend, request: read } = await resolveRequestBackend(request);
    const file = await exportBucketTraces(backend, new URL(read.url).searchParams, request.signal);
    return new Response(file.body, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (request.signal.aborted) return new NextResponse(null, { status: 499 });
    return toErrorResponse(error);
  }
}
