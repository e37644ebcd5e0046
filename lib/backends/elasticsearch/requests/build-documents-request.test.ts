import { describe, expect, it } from 'vitest';
import { buildDocumentsRequest } from './build-documents-request';

describe('buildDocumentsRequest', () => {
  const filters = [{ terms: { trace_id: ['a1'] } }];

  it('whole documents with their time as Elasticsearch parsed it, and the total to tell a cut answer', () => {
    expect(buildDocumentsRequest(filters, 100, '@timestamp')).toEqual({
      size: 100,
      track_total_hits: true,
      query: { bool: { filter: filters } },
      _source: true,
      docvalue_fields: [{ field: '@timestamp', format: 'epoch_millis' }],
    });
  });
});
