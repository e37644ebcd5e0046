import { getDataExtent } from '@/lib/services/get-data-extent';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

/** The data's first and last edge @timestamp (a snapshot's: its frozen window). Takes no parameters. */
export const GET = jsonRoute((backend, request) => getDataExtent(backend, new URL(request.url).searchParams, request.signal));
