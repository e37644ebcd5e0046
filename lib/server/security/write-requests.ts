import 'server-only';
import { WRITE_HEADER, WRITE_HEADER_VALUE } from '@/lib/domain/snapshot';

/**
 * hopscope's only writes: taking a snapshot (POST /api/v1/snapshots) and deleting one
 * (DELETE /api/v1/snapshots/<id>). Every other method and path stays read-only.
 */
export function allowedWriteMethod(pathname: string): 'POST' | 'DELETE' | null {
  if (pathname === '/api/v1/snapshots') return 'POST';
  const id = /^\/api\/v1\/snapshots\/([^/]+)$/.exec(pathname)?.[1];
  // A malformed id is routed too, so its refusal names the id rule rather than the method.
  return id ? 'DELETE' : null;
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
