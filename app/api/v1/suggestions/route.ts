import { getSuggestions } from '@/lib/services/get-suggestions';
import { jsonRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute((backend, request) => getSuggestions(backend, new URL(request.url).searchParams, request.signal));
