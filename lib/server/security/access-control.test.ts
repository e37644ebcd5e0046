import { describe, expect, it } from 'vitest';
import type { AccessControl } from '@/lib/server/core/config';
import { checkAccess, constantTimeEqual, parseBasicAuthorization, unauthorizedResponse } from './access-control';

const basic: AccessControl = { mode: 'basic', user: 'oncall', password: 'correct horse battery' };
const proxy: AccessControl = { mode: 'trusted-header', header: 'x-forwarded-user' };
const authorization = (text: string) => new Headers({ authorization: `Basic ${Buffer.from(text, 'utf8').toString('base64')}` });

describe('constantTimeEqual', () => {
  it('compares strings of any lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('pässwörd', 'pässwörd')).toBe(true);
  });
});

describe('parseBasicAuthorization', () => {
  it('splits at the first colon: passwords may hold colons', () => {
    expect(parseBasicAuthorization(`Basic ${Buffer.from('oncall:a:b').toString('base64')}`)).toEqual({ user: 'oncall', password: 'a:b' });
  });

  it('accepts the scheme in any case', () => {
    expect(parseBasicAuthorization(`bAsIc ${Buffer.from('u:p').toString('base64')}`)).toEqual({ user: 'u', password: 'p' });
  });

  it.each([null, '', 'Bearer abc', 'Basic', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`])('returns null for %o', (header) => {
    expect(parseBasicAuthorization(header)).toBeNull();
  });
});

describe('checkAccess', () => {
  it('lets everything through when access control is off', () => {
    expect(checkAccess(new Headers(), { mode: 'off' })).toEqual({ allowed: true });
  });

  it('basic: allows the configured user and password only', () => {
    expect(checkAccess(authorization('oncall:correct horse battery'), basic)).toEqual({ allowed: true });
    expect(checkAccess(new Headers(), basic)).toEqual({ allowed: false, reason: 'missing_credentials' });
    expect(checkAccess(authorization('oncall:correct horse batter'), basic)).toEqual({ allowed: false, reason: 'wrong_credentials' });
    expect(checkAccess(authorization('oncal:correct horse battery'), basic)).toEqual({ allowed: false, reason: 'wrong_credentials' });
    expect(checkAccess(authorization('oncall:correct horse battery '), basic)).toEqual({ allowed: false, reason: 'wrong_credentials' });
    expect(checkAccess(authorization(':'), basic)).toEqual({ allowed: false, reason: 'wrong_credentials' });
  });

  it('trusted header: requires a non-empty value', () => {
    expect(checkAccess(new Headers({ 'X-Forwarded-User': 'alice@example.com' }), proxy)).toEqual({ allowed: true });
    expect(checkAccess(new Headers(), proxy)).toEqual({ allowed: false, reason: 'missing_proxy_header' });
    expect(checkAccess(new Headers({ 'x-forwarded-user': '  ' }), proxy)).toEqual({ allowed: false, reason: 'missing_proxy_header' });
    // Basic credentials are no substitute for the proxy.
    expect(checkAccess(authorization('oncall:correct horse battery'), proxy)).toEqual({ allowed: false, reason: 'missing_proxy_header' });
  });
});

describe('unauthorizedResponse', () => {
  it('answers the API with the JSON error and the basic challenge', async () => {
    const response = unauthorizedResponse({ allowed: false, reason: 'missing_credentials' }, basic, 'api');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="hopscope", charset="UTF-8"');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'this hopscope requires a user name and password (HTTP basic auth)' } });
  });

  it('answers a page with the challenge, so the browser asks for credentials', async () => {
    const response = unauthorizedResponse({ allowed: false, reason: 'wrong_credentials' }, basic, 'page');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(await response.text()).toContain('wrong user name or password');
  });

  it('behind a trusted proxy: no challenge (the browser has nothing to send)', async () => {
    const response = unauthorizedResponse({ allowed: false, reason: 'missing_proxy_header' }, proxy, 'api');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect((await response.json()).error.code).toBe('unauthorized');
  });

  it('never repeats the configured secret', async () => {
    const response = unauthorizedResponse({ allowed: false, reason: 'wrong_credentials' }, basic, 'api');
    expect(await response.text()).not.toContain(basic.mode === 'basic' ? basic.password : '');
  });
});
