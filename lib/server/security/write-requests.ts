import 'server-only';
import { WRITE_HEADER, WRITE_HEADER_VALUE } from '@/lib/domain/snapshot';

/** A route that takes a write: its one write method, and whether it also answers GET and HEAD. */
export type WriteRoute = { method: 'POST' | 'DELETE'; readable: boolean };

/**
 * hopscope's only writes: taking a snapshot (POST /api/v1/snapshots), deleting one
 * (DELETE /api/v1/snapshots/<id>), and reading a window from Elasticsearch again
 * (POST /api/v1/refresh, which has nothing to read). Every other method and path stays read-only.
 */
const WRITE_ROUTES: readonly (WriteRoute & { path: RegExp })[] = [
  { path: /^\/api\/v1\/snapshots$/, method: 'POST', readable: true },
  // A malformed id is routed too, so its refusal names the id rule rather than the method.
  { path: /^\/api\/v1\/snapshots\/[^/]+$/, method: 'DELETE', readable: true },
  { path: /^\/api\/v1\/refresh$/, method: 'POST', readable: false },
];

/** The write a path takes, or null for the read-only rest. */
export function writeRouteOf(pathname: string): WriteRoute | null {
  const route = WRITE_ROUTES.find((each) => each.path.test(pathname));
  return route ? { method: route.method, readable: route.readable } : null;
}

/**
 * Why a write must be refused as cross-site, or null when it may proceed. A write carries
 * `X-Requested-By: hopscope`, which an HTML form cannot send and a cross-site script cannot send
 * without a CORS preflight (refused: hopscope answers no OPTIONS); and when the browser says where
 * the request came from (`Origin`, `Sec-Fetch-Site`), it must be this site.
 */
export function crossSiteWriteReason(headers: Headers, ownHost: string | null): string | null {
  if (headers.get(WRITE_HEADER)?.trim().toLowerCase() !== WRITE_HEADER_VALUE) {
    return `a write needs the header ${'X-Requested-By'}: ${WRITE_HEADER_VALUE}`;
  }
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return `a write must come from this site (Sec-Fetch-Site: ${site})`;
  const origin = headers.get('origin');
  if (origin !== null) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host === null || ownHost === null || host.toLowerCase() !== ownHost.toLowerCase()) return `a write must come from this site (Origin: ${origin})`;
  }
  return null;
}
