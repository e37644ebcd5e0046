import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

describe('GET /api/v1/suggestions', () => {
  beforeAll(useFixtureBackend);

  it('suggests apps by frequency', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/suggestions?${WINDOW}&field=app`);
    expect(status).toBe(200);
    expect(body).toEqual({ field: 'app', values: [{ value: 'shop', count: 11 }, { value: 'media', count: 1 }] });
  });

  it('filters paths by prefix', async () => {
    const { body } = await callRoute(GET, `/api/v1/suggestions?${WINDOW}&field=path&prefix=/api/p`);
    expect(body.values).toEqual([{ value: '/api/ping', count: 11 }]);
  });

  it.each([
    ['field=host', 'field'],
    ['field=app&limit=1000', 'limit'],
  ])('refuses %s with a 400 naming %s', async (search, parameter) => {
    const { status, body } = await callRoute(GET, `/api/v1/suggestions?${WINDOW}&${search}`);
    expect(status).toBe(400);
    expect(body.error.parameter).toBe(parameter);
  });
});
