import { getBucketTraces } from '@/lib/services/get-bucket-traces';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute((backend, request) => getBucketTraces(backend, new URL(request.url).searchParams, request.signal));
