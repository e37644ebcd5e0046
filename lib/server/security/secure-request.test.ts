import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { ConfigError, type AccessControl } from '@/lib/server/core/config';
import { requestKind, secureRequest } from './secure-request';
import { COMMON_SECURITY_HEADERS, NON_PAGE_CONTENT_SECURITY_POLICY } from './security-headers';

const basic: AccessControl = { mode: 'basic', user: 'oncall', password: 'correct horse battery' };
const goodAuthorization = `Basic ${Buffer.from('oncall:correct horse battery').toString('base64')}`;
const request = (url: string, headers: Record<string, string> = {}) => new NextRequest(new URL(url, 'http://127.0.0.1:3000'), { headers });
const fixedNonce = () => 'bm9uY2Utb25l';

/** Headers the middleware asks Next.js to add to the request it passes on (NextResponse.next({ request })). */
const forwardedRequestHeader = (response: Response, name: string) => response.headers.get(`x-middleware-request-${name}`);

function expectCommonHeaders(response: Response): void {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
}

describe('requestKind', () => {
  it.each([
    ['/', 'page'],
    ['/traces/abc', 'page'],
    ['/api/v1/histograms', 'api'],
    ['/api', 'api'],
    ['/apix', 'page'],
    ['/_next/static/chunks/app.js', 'asset'],
    ['/favicon.ico', 'asset'],
    ['/_next/data/x.json', 'page'],
  ])('%s is a %s', (path, kind) => {
    expect(requestKind(path)).toBe(kind);
  });
});

describe('secureRequest', () => {
  it('gives a page a nonce CSP, and hands the same policy and nonce to Next.js in the request', () => {
    const response = secureRequest(request('/'), { accessControl: { mode: 'off' }, nonce: fixedNonce });
    const policy = response.headers.get('content-security-policy');
    expect(policy).toContain("script-src 'self' 'nonce-bm9uY2Utb25l' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(forwardedRequestHeader(response, 'content-security-policy')).toBe(policy);
    expect(forwardedRequestHeader(response, 'x-nonce')).toBe('bm9uY2Utb25l');
    expectCommonHeaders(response);
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('uses a fresh nonce per request', () => {
    const nonces = [1, 2, 3].map(() => forwardedRequestHeader(secureRequest(request('/'), { accessControl: { mode: 'off' } }), 'x-nonce'));
    expect(new Set(nonces).size).toBe(3);
    for (const nonce of nonces) expect(Buffer.from(nonce!, 'base64')).toHaveLength(16);
  });

  it('gives API answers and assets the locked-down policy and no nonce', () => {
    for (const path of ['/api/v1/histograms', '/_next/static/chunks/main.js']) {
      const response = secureRequest(request(path), { accessControl: { mode: 'off' } });
      expect(response.headers.get('content-security-policy')).toBe(NON_PAGE_CONTENT_SECURITY_POLICY);
      expect(forwardedRequestHeader(response, 'x-nonce')).toBeNull();
      expectCommonHeaders(response);
    }
  });

  it('adds HSTS behind an HTTPS proxy', () => {
    const response = secureRequest(request('/', { 'x-forwarded-proto': 'https' }), { accessControl: { mode: 'off' } });
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('basic auth: refuses pages and the API (health included) without credentials, with the headers', async () => {
    for (const path of ['/', '/traces/abc', '/api/v1/histograms', '/api/v1/health']) {
      const response = secureRequest(request(path), { accessControl: basic });
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect(response.headers.get('content-security-policy')).toBe(NON_PAGE_CONTENT_SECURITY_POLICY);
      expectCommonHeaders(response);
    }
    expect(await secureRequest(request('/api/v1/histograms'), { accessControl: basic }).json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('basic auth: passes requests with the right credentials, and serves assets without', () => {
    expect(secureRequest(request('/', { authorization: goodAuthorization }), { accessControl: basic }).headers.get('x-middleware-next')).toBe('1');
    expect(secureRequest(request('/api/v1/health', { authorization: goodAuthorization }), { accessControl: basic }).status).toBe(200);
    expect(secureRequest(request('/_next/static/chunks/main.js'), { accessControl: basic }).headers.get('x-middleware-next')).toBe('1');
  });

  it('refuses every method but GET and HEAD, before access control, with a JSON error on the API', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const api = secureRequest(new NextRequest('http://127.0.0.1:3000/api/v1/histograms', { method }), { accessControl: basic });
      expect(api.status, method).toBe(405);
      expect(api.headers.get('allow')).toBe('GET, HEAD');
      expect(await api.json()).toEqual({ error: { code: 'method_not_allowed', message: 'the API is read-only: use GET' } });
      const page = secureRequest(new NextRequest('http://127.0.0.1:3000/', { method }), { accessControl: { mode: 'off' } });
      expect(page.status, method).toBe(405);
      expectCommonHeaders(page);
    }
    expect(secureRequest(new NextRequest('http://127.0.0.1:3000/', { method: 'HEAD' }), { accessControl: { mode: 'off' } }).status).toBe(200);
  });

  describe('the writes (POST /api/v1/snapshots, DELETE /api/v1/snapshots/<id>, POST /api/v1/refresh)', () => {
    const ID = '0123456789abcdef0123456789abcdef';
    const write = (path: string, method: string, headers: Record<string, string>, accessControl: AccessControl = { mode: 'off' }) =>
      secureRequest(new NextRequest(`http://127.0.0.1:3000${path}`, { method, headers: { host: '127.0.0.1:3000', ...headers } }), { accessControl });
    const sameSite = { 'x-requested-by': 'hopscope', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' };

    it('passes a same-origin write that carries X-Requested-By (and a script without Origin, such as curl)', () => {
      expect(write('/api/v1/snapshots', 'POST', sameSite).status).toBe(200);
      expect(write(`/api/v1/snapshots/${ID}`, 'DELETE', sameSite).status).toBe(200);
      expect(write('/api/v1/refresh', 'POST', sameSite).status).toBe(200);
      expect(write('/api/v1/snapshots', 'POST', { 'x-requested-by': 'hopscope' }).status).toBe(200);
      expect(write('/api/v1/refresh', 'POST', { 'x-requested-by': 'hopscope' }).status).toBe(200);
    });

    it.each([
      ['without X-Requested-By', { origin: 'http://127.0.0.1:3000' }, 'X-Requested-By'],
      ['with another X-Requested-By', { 'x-requested-by': 'evil' }, 'X-Requested-By'],
      ['from another origin', { 'x-requested-by': 'hopscope', origin: 'https://evil.example' }, 'Origin: https://evil.example'],
      ['from another site by Sec-Fetch-Site', { 'x-requested-by': 'hopscope', 'sec-fetch-site': 'cross-site' }, 'Sec-Fetch-Site: cross-site'],
      ['from a sibling site', { 'x-requested-by': 'hopscope', 'sec-fetch-site': 'same-site' }, 'Sec-Fetch-Site: same-site'],
      ['with an unparsable Origin', { 'x-requested-by': 'hopscope', origin: 'null' }, 'Origin: null'],
    ])('refuses a write %s (403, JSON, security headers)', async (_, headers, said) => {
      for (const [path, method] of [['/api/v1/snapshots', 'POST'], [`/api/v1/snapshots/${ID}`, 'DELETE'], ['/api/v1/refresh', 'POST']] as const) {
        const response = write(path, method, headers);
        expect(response.status, `${method} ${path}`).toBe(403);
        const body = await response.json();
        expect(body.error.code).toBe('forbidden');
        expect(body.error.message).toContain(said);
        expectCommonHeaders(response);
      }
    });

    it('asks for credentials before anything else when access control is on', () => {
      expect(write('/api/v1/snapshots', 'POST', sameSite, basic).status).toBe(401);
      expect(write('/api/v1/snapshots', 'POST', { ...sameSite, authorization: goodAuthorization }, basic).status).toBe(200);
      expect(write('/api/v1/refresh', 'POST', sameSite, basic).status).toBe(401);
      expect(write('/api/v1/refresh', 'POST', { ...sameSite, authorization: goodAuthorization }, basic).status).toBe(200);
    });

    it('keeps every other method refused: other methods on the write routes, reads of the refresh, POST elsewhere, CORS preflights', async () => {
      const cases = [
        ['/api/v1/snapshots', 'DELETE', 'GET, HEAD, POST'],
        ['/api/v1/snapshots', 'PUT', 'GET, HEAD, POST'],
        ['/api/v1/snapshots', 'OPTIONS', 'GET, HEAD, POST'],
        [`/api/v1/snapshots/${ID}`, 'POST', 'GET, HEAD, DELETE'],
        [`/api/v1/snapshots/${ID}/x`, 'DELETE', 'GET, HEAD'],
        // The refresh has nothing to read: its one method is POST.
        ['/api/v1/refresh', 'GET', 'POST'],
        ['/api/v1/refresh', 'HEAD', 'POST'],
        ['/api/v1/refresh', 'DELETE', 'POST'],
        ['/api/v1/refresh', 'OPTIONS', 'POST'],
        ['/api/v1/refresh/x', 'POST', 'GET, HEAD'],
        ['/api/v1/histograms', 'POST', 'GET, HEAD'],
        ['/snapshots', 'POST', 'GET, HEAD'],
      ] as const;
      for (const [path, method, allow] of cases) {
        const response = write(path, method, sameSite);
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get('allow'), `${method} ${path}`).toBe(allow);
      }
    });
  });

  it('fails closed when the access-control configuration is invalid', async () => {
    const response = secureRequest(request('/'), { accessControl: new ConfigError('invalid environment variable HOPSCOPE_BASIC_AUTH_USER: is required') });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'config_error', message: 'invalid environment variable HOPSCOPE_BASIC_AUTH_USER: is required' } });
  });
});
