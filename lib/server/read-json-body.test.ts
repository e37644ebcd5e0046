import { describe, expect, it } from 'vitest';
import { AppError } from './core/errors';
import { readJsonBody } from './read-json-body';

const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://localhost/api/v1/snapshots', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

async function refusal(request: Request, max = 100): Promise<AppError> {
  try {
    await readJsonBody(request, max);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readJsonBody', () => {
  it('reads a JSON body within the limit', async () => {
    expect(await readJsonBody(post('{"title":"x"}', { 'content-type': 'application/json; charset=utf-8' }), 100)).toEqual({ title: 'x' });
  });

  it('refuses a body over the limit, by its Content-Length or as it streams without one', async () => {
    expect((await refusal(post('x'.repeat(101)))).code).toBe('payload_too_large');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(30)));
        controller.close();
      },
    });
    expect((await refusal(post(stream))).code).toBe('payload_too_large');
  });

  it('refuses another content type (a cross-site form posts text/plain or form data) and text that is not JSON', async () => {
    expect((await refusal(post('{}', { 'content-type': 'text/plain' }))).code).toBe('unsupported_media_type');
    expect((await refusal(post('a=1', { 'content-type': 'application/x-www-form-urlencoded' }))).code).toBe('unsupported_media_type');
    expect((await refusal(post('{"title":'))).code).toBe('invalid_parameter');
  });
});
