import { describe, expect, it } from 'vitest';
import { buildDocumentsRequest } from './build-documents-request';

describe('buildDocumentsRequest', () => {
  const filters = [{ terms: { trace_id: ['a1'] } }];

  it('whole documents, with the total to tell a cut answer', () => {
    expect(buildDocumentsRequest(filters, 100)).toEqual({ size: 100, track_total_hits: true, query: { bool: { filter: filters } }, _source: true });
  });
});
