import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from './config';
import { errorStatus, toErrorBody } from './error-body';
import { AppError, ERROR_STATUS, requestCancelled, type ErrorCode } from './errors';

describe('toErrorBody', () => {
  it.each(Object.entries(ERROR_STATUS) as [ErrorCode, number][])('keeps the code %s (HTTP %i) and the message', (code, status) => {
    const body = toErrorBody(new AppError(code, `message for ${code}`));
    expect(body).toEqual({ error: { code, message: `message for ${code}` } });
    expect(errorStatus(body)).toBe(status);
  });

  it('names the parameter of an invalid-parameter error', () => {
    expect(toErrorBody(new AppError('invalid_parameter', 'bucket: too small', 'bucket')).error.parameter).toBe('bucket');
  });

  it('reports configuration errors as config_error', () => {
    expect(toErrorBody(new ConfigError('HOPSCOPE_BACKEND=elasticsearch needs ES_URL'))).toEqual({
      error: { code: 'config_error', message: 'HOPSCOPE_BACKEND=elasticsearch needs ES_URL' },
    });
  });

  it('never echoes an unexpected error, and logs it', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const body = toErrorBody(new Error('secret detail at /srv/app/lib/x.ts:12'));
    expect(JSON.stringify(body)).not.toContain('secret detail');
    expect(body.error.code).toBe('internal');
    expect(errorStatus(body)).toBe(500);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});

describe('requestCancelled', () => {
  it('is a backend_timeout saying the request was cancelled, keeping its cause', () => {
    const cause = new Error('interrupted');
    expect(requestCancelled()).toMatchObject({ code: 'backend_timeout', message: 'the request was cancelled', status: 504 });
    expect(requestCancelled(cause).cause).toBe(cause);
    expect(requestCancelled().cause).toBeUndefined();
  });
});
