import { describe, expect, it } from 'vitest';
import { ConfigError, readAccessControlConfig as readAccess, readServerConfig as readServer } from './config';

/** The tests' environments hold only the variables under test. */
const readAccessControlConfig = (env: Record<string, string>) => readAccess(env as NodeJS.ProcessEnv);
const readServerConfig = (env: Record<string, string>) => readServer(env as NodeJS.ProcessEnv);

const PASSWORD = 'correct horse battery';

describe('readAccessControlConfig', () => {
  it('is off when nothing is set', () => {
    expect(readAccessControlConfig({})).toEqual({ mode: 'off' });
    expect(readServerConfig({}).accessControl).toEqual({ mode: 'off' });
  });

  it('reads basic auth from the user and password variables', () => {
    expect(readAccessControlConfig({ HOPSCOPE_BASIC_AUTH_USER: 'oncall', HOPSCOPE_BASIC_AUTH_PASSWORD: PASSWORD })).toEqual({
      mode: 'basic',
      user: 'oncall',
      password: PASSWORD,
    });
  });

  it('keeps the password exactly as given (spaces are characters of it)', () => {
    const control = readAccessControlConfig({ HOPSCOPE_BASIC_AUTH_USER: 'oncall', HOPSCOPE_BASIC_AUTH_PASSWORD: ` ${PASSWORD} ` });
    expect(control).toMatchObject({ password: ` ${PASSWORD} ` });
  });

  it('reads the trusted proxy header, lower-cased as Node.js presents header names', () => {
    expect(readAccessControlConfig({ HOPSCOPE_TRUSTED_AUTH_HEADER: 'X-Forwarded-User' })).toEqual({ mode: 'trusted-header', header: 'x-forwarded-user' });
  });

  it.each([
    [{ HOPSCOPE_BASIC_AUTH_USER: 'oncall' }, /HOPSCOPE_BASIC_AUTH_PASSWORD: is required/],
    [{ HOPSCOPE_BASIC_AUTH_PASSWORD: PASSWORD }, /HOPSCOPE_BASIC_AUTH_USER: is required/],
    [{ HOPSCOPE_BASIC_AUTH_USER: 'on:call', HOPSCOPE_BASIC_AUTH_PASSWORD: PASSWORD }, /must not contain a colon/],
    [{ HOPSCOPE_BASIC_AUTH_USER: 'oncall', HOPSCOPE_BASIC_AUTH_PASSWORD: 'short' }, /at least 12 characters/],
    [{ HOPSCOPE_TRUSTED_AUTH_HEADER: 'X User' }, /must be an HTTP header name/],
    [{ HOPSCOPE_TRUSTED_AUTH_HEADER: 'Authorization' }, /only your proxy sets, not authorization/],
    [{ HOPSCOPE_TRUSTED_AUTH_HEADER: 'x-user', HOPSCOPE_BASIC_AUTH_USER: 'oncall', HOPSCOPE_BASIC_AUTH_PASSWORD: PASSWORD }, /not both/],
  ])('refuses %o', (env, message) => {
    expect(() => readAccessControlConfig(env)).toThrow(ConfigError);
    expect(() => readAccessControlConfig(env)).toThrow(message);
    // The whole configuration refuses it too: it is validated once, with everything else.
    expect(() => readServerConfig(env)).toThrow(message);
  });

  it('never puts the password into its error messages', () => {
    const secret = 'tooShort!';
    expect(() => readAccessControlConfig({ HOPSCOPE_BASIC_AUTH_USER: 'oncall', HOPSCOPE_BASIC_AUTH_PASSWORD: secret })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });
});
