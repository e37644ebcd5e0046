import { describe, expect, it } from 'vitest';
import { buildPageContentSecurityPolicy } from './security-headers';

const directives = (policy: string) => new Map(policy.split('; ').map((directive) => [directive.split(' ')[0]!, directive.split(' ').slice(1)]));

describe('buildPageContentSecurityPolicy', () => {
  it('allows scripts by nonce only, styles by nonce or origin, inline style attributes, no framing', () => {
    const policy = directives(buildPageContentSecurityPolicy('abc'));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'nonce-abc'"]);
    expect(policy.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    // Neither inline scripts nor eval in production.
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it("allows eval and the dev server's WebSocket in development only", () => {
    const policy = directives(buildPageContentSecurityPolicy('abc', { development: true }));
    expect(policy.get('script-src')).toContain("'unsafe-eval'");
    expect(policy.get('connect-src')).toContain('ws:');
  });
});
