import { NextResponse } from 'next/server';
import type { ApiErrorBody } from '@/lib/domain/api-responses';

export const dynamic = 'force-dynamic';

/**
 * Unknown API paths answer the API's JSON error, not the HTML 404 page. Optional catch-all, so
 * that `/api` and `/api/v1` (where `/api/v1/traces/..` normalizes to) are covered too.
 */
export function GET(request: Request): NextResponse<ApiErrorBody> {
  const path = new URL(request.url).pathname;
  return NextResponse.json(
    { error: { code: 'not_found', message: `no API endpoint at ${path.slice(0, 200)}; see docs/API.md` } },
    { status: 404, headers: { 'Cache-Control': 'no-store' } },
  );
}
