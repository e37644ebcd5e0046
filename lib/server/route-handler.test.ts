import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from './core/config';
import { AppError, ERROR_STATUS, type ErrorCode } from './core/errors';
import { toErrorResponse } from './route-handler';

describe('toErrorResponse', () => {
  it.each(Object.entries(ERROR_STATUS) as [ErrorCode, number][])('maps %s to HTTP %i with the JSON error shape', async (code, status) => {
    const response = toErrorResponse(new AppError(code, `message for ${code}`));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: `message for ${code}` } });
  });

  it('names the parameter of an invalid-parameter error', async () => {
    const body = await toErrorResponse(new AppError('invalid_parameter', 'bucket: too small', 'bucket')).json();
    expect(body.error.parameter).toBe('bucket');
  });

  it('reports configuration errors as config_error', async () => {
    const response = toErrorResponse(new ConfigError('HOPSCOPE_BACKEND=elasticsearch needs ES_URL'));
    expect(response.status).toBe(500);
    expect((await response.json()).error).toEqual({ code: 'config_error', message: 'HOPSCOPE_BACKEND=elasticsearch needs ES_URL' });
  });

  it('never echoes an unexpected error or its stack', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = toErrorResponse(new Error('secret detail at /srv/app/lib/x.ts:12'));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toContain('secret detail');
    expect(text).not.toContain('.ts:');
    expect(JSON.parse(text).error.code).toBe('internal');
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
