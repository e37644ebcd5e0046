import 'server-only';
import { randomBytes } from 'node:crypto';

/**
 * The security headers of every response. Pages get a Content-Security-Policy with a fresh nonce
 * per request: Next.js reads it from the request's CSP header and puts it on the inline scripts it
 * renders (the flight data, the bootstrap), and 'strict-dynamic' lets those scripts load the
 * framework's chunks. That requires dynamic rendering, which every page here already uses.
 */

/** 128 random bits, base64: a nonce nobody can predict. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The pages' policy.
 * - `style-src-attr 'unsafe-inline'`: React writes `style="…"` attributes into the server HTML
 *   (chart sizes, bar widths, Recharts' wrapper and tooltip); a nonce cannot cover attributes. It
 *   allows attributes only: `<style>` elements and style sheets stay limited to 'self' and the nonce.
 * - No `upgrade-insecure-requests`: hopscope is often served over plain HTTP inside a network,
 *   where upgrading its own requests to HTTPS would break every page.
 * - Development only: React's dev build evaluates code (`'unsafe-eval'`) and the dev server
 *   pushes updates over a WebSocket.
 */
export function buildPageContentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  const development = options.development ?? false;
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(development ? ['ws:'] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/** JSON answers, static assets and refusals: nothing in them may load, run or be framed. */
export const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers every response carries, pages, API and assets alike. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  // Permalinks hold incident details (apps, paths, hosts): never send them to another site.
  'Referrer-Policy': 'no-referrer',
  // frame-ancestors 'none' does it for CSP-aware browsers; this for the others.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'X-DNS-Prefetch-Control': 'off',
};

/**
 * HSTS only when the request reached us over HTTPS (directly or through a proxy that says so):
 * browsers ignore it over HTTP, and hopscope cannot know the deployment's other host names,
 * hence no includeSubDomains.
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/** Sets the common headers, the given CSP and, over HTTPS, HSTS on a response. */
export function applySecurityHeaders(headers: Headers, contentSecurityPolicy: string, https: boolean): void {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) headers.set(name, value);
  headers.set('Content-Security-Policy', contentSecurityPolicy);
  if (https) headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
}
