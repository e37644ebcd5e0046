import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AccessControl } from '@/lib/server/core/config';

/** What the middleware decided about one request. */
export type AccessDecision = { allowed: true } | { allowed: false; reason: 'missing_credentials' | 'wrong_credentials' | 'missing_proxy_header' };

/** The realm browsers show in their login dialog. */
export const BASIC_AUTH_REALM = 'hopscope';

/**
 * Equal-time comparison of two strings whatever their lengths: both are hashed first, so the
 * comparison neither stops at the first difference nor reveals the expected length.
 */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(actual), digest(expected));
}

/** `Authorization: Basic base64(user:password)` → its two parts; null when absent or malformed. */
export function parseBasicAuthorization(header: string | null): { user: string; password: string } | null {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Whether a request may proceed under the configured access control. Pure; no I/O. */
export function checkAccess(headers: Headers, control: AccessControl): AccessDecision {
  switch (control.mode) {
    case 'off':
      return { allowed: true };
    case 'trusted-header':
      return headers.get(control.header)?.trim() ? { allowed: true } : { allowed: false, reason: 'missing_proxy_header' };
    case 'basic': {
      const credentials = parseBasicAuthorization(headers.get('authorization'));
      if (!credentials) return { allowed: false, reason: 'missing_credentials' };
      // Both comparisons always run, so the answer time does not tell which part was wrong.
      const userMatches = constantTimeEqual(credentials.user, control.user);
      const passwordMatches = constantTimeEqual(credentials.password, control.password);
      return userMatches && passwordMatches ? { allowed: true } : { allowed: false, reason: 'wrong_credentials' };
    }
  }
}

const MESSAGES: Record<Exclude<AccessDecision, { allowed: true }>['reason'], string> = {
  missing_credentials: 'this hopscope requires a user name and password (HTTP basic auth)',
  wrong_credentials: 'wrong user name or password',
  missing_proxy_header: 'this hopscope only answers requests that came through its authenticating proxy',
};

/**
 * The refusal: the API's JSON error for `/api/*`, a short page otherwise. Under basic auth both
 * carry the `WWW-Authenticate` challenge, so a browser asks for credentials and then resends them
 * with every page and API request of the origin.
 */
export function unauthorizedResponse(decision: Exclude<AccessDecision, { allowed: true }>, control: AccessControl, kind: 'api' | 'page'): Response {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  if (control.mode === 'basic') headers.set('WWW-Authenticate', `Basic realm="${BASIC_AUTH_REALM}", charset="UTF-8"`);
  const message = MESSAGES[decision.reason];
  if (kind === 'api') {
    headers.set('Content-Type', 'application/json');
    return new Response(JSON.stringify({ error: { code: 'unauthorized', message } }), { status: 401, headers });
  }
  headers.set('Content-Type', 'text/plain; charset=utf-8');
  return new Response(`401 Unauthorized: ${message}\n`, { status: 401, headers });
}
