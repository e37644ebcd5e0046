import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/server/core/errors';
import { parseCreateSnapshotBody } from './snapshots';

const refusal = (body: unknown): string => {
  try {
    parseCreateSnapshotBody(body);
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_parameter') return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('parseCreateSnapshotBody', () => {
  it('takes the query of shared parameters (filter a list), a title and an optional note', () => {
    const body = { query: { from: '2020-11-19T02:00:00Z', to: '2020-11-19T03:00:00Z', filter: ['ingress.host:n2'] }, title: ' Incident ' };
    expect(parseCreateSnapshotBody(body)).toEqual({ ...body, title: 'Incident', note: '' });
  });

  it.each([
    [{ query: {}, title: '' }, 'title: title must not be empty'],
    [{ query: {}, title: 'x'.repeat(201) }, 'title: title must be at most 200 characters'],
    [{ query: {}, title: 't', note: 'x'.repeat(4001) }, 'note: note must be at most 4000 characters'],
    [{ query: { latencymin: '1' }, title: 't' }, 'query.latencymin: unknown parameter'],
    [{ query: { snapshot: '0123456789abcdef0123456789abcdef' }, title: 't' }, 'query.snapshot: unknown parameter'],
    [{ query: {}, title: 't', extra: 1 }, 'body'],
    [{ title: 't' }, 'query'],
    ['text', 'body'],
  ])('refuses %j, naming what is wrong', (body, said) => {
    expect(refusal(body)).toContain(said);
  });
});
