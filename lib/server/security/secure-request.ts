import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { AccessControl } from '@/lib/server/core/config';
import { checkAccess, unauthorizedResponse } from './access-control';
import { crossSiteWriteReason, writeRouteOf, type WriteRoute } from './write-requests';
import { applySecurityHeaders, buildPageContentSecurityPolicy, createNonce, NON_PAGE_CONTENT_SECURITY_POLICY } from './security-headers';

/** `asset`: the build's public files (JavaScript, CSS), which hold no data and need no login. */
export type RequestKind = 'page' | 'api' | 'asset';

export function requestKind(pathname: string): RequestKind {
  if (pathname.startsWith('/_next/static/') || pathname === '/favicon.ico') return 'asset';
  if (pathname === '/api' || pathname.startsWith('/api/')) return 'api';
  return 'page';
}

const isHttps = (request: NextRequest) =>
  request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';

/**
 * hopscope reads: pages and API alike answer GET (and HEAD), there are no server actions, and the
 * snapshot routes and the refresh alone take their one write each (write-requests.ts).
 */
const READ_METHODS = new Set(['GET', 'HEAD']);

function methodNotAllowed(kind: RequestKind, https: boolean, write: WriteRoute | null): Response {
  const allow = write ? (write.readable ? `GET, HEAD, ${write.method}` : write.method) : 'GET, HEAD';
  const headers = { Allow: allow, 'Cache-Control': 'no-store' };
  const message = write ? `this endpoint answers ${allow}` : 'the API is read-only: use GET';
  const response =
    kind === 'api'
      ? NextResponse.json({ error: { code: 'method_not_allowed', message } }, { status: 405, headers })
      : new NextResponse('405 Method Not Allowed: use GET\n', { status: 405, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  applySecurityHeaders(response.headers, NON_PAGE_CONTENT_SECURITY_POLICY, https);
  return response;
}

export type SecureRequestOptions = {
  /** The validated access control, or the error that made it invalid (then every request is refused). */
  accessControl: AccessControl | Error;
  development?: boolean;
  nonce?: () => string;
};

/**
 * The middleware's whole decision for one request: refuse it (a method other than GET/HEAD,
 * access control, or a broken access-control configuration, which fails closed), or pass it on with a per-request nonce in
 * the page's CSP; either way the answer carries the security headers.
 */
export function secureRequest(request: NextRequest, options: SecureRequestOptions): Response {
  const kind = requestKind(request.nextUrl.pathname);
  const https = isHttps(request);
  const { accessControl } = options;

  if (accessControl instanceof Error) {
    const response = NextResponse.json({ error: { code: 'config_error', message: accessControl.message } }, { status: 500 });
    applySecurityHeaders(response.headers, NON_PAGE_CONTENT_SECURITY_POLICY, https);
    return response;
  }
  const write = kind === 'api' ? writeRouteOf(request.nextUrl.pathname) : null;
  const isWrite = write !== null && request.method === write.method;
  const isRead = READ_METHODS.has(request.method) && (write?.readable ?? true);
  if (!isRead && !isWrite) return methodNotAllowed(kind, https, write);
  if (kind !== 'asset') {
    const decision = checkAccess(request.headers, accessControl);
    if (!decision.allowed) {
      const response = unauthorizedResponse(decision, accessControl, kind);
      applySecurityHeaders(response.headers, NON_PAGE_CONTENT_SECURITY_POLICY, https);
      return response;
    }
  }
  if (isWrite) {
    const reason = crossSiteWriteReason(request.headers, request.headers.get('host'));
    if (reason !== null) {
      const response = NextResponse.json({ error: { code: 'forbidden', message: reason } }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
      applySecurityHeaders(response.headers, NON_PAGE_CONTENT_SECURITY_POLICY, https);
      return response;
    }
  }
  if (kind !== 'page') {
    const response = NextResponse.next();
    applySecurityHeaders(response.headers, NON_PAGE_CONTENT_SECURITY_POLICY, https);
    return response;
  }
  const nonce = (options.nonce ?? createNonce)();
  const policy = buildPageContentSecurityPolicy(nonce, { development: options.development });
  // Next.js takes the nonce for its inline scripts from the request's CSP header.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  requestHeaders.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  applySecurityHeaders(response.headers, policy, https);
  return response;
}
