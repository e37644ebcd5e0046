import { describe, expect, it } from 'vitest';
import { parseDocuments } from './parse-documents';
import { recorded, T0 } from './testdata/recorded';

describe('parseDocuments', () => {
  it('documents with their source, and sort keys of the ordered scan', () => {
    const documents = parseDocuments(recorded('documents-edge'));
    expect(documents.total).toBe(2);
    expect(documents.documents.map((document) => document.source.request_time).sort()).toEqual([0.25, 0.35]);
    const ordered = parseDocuments(recorded('ordered-edge'));
    expect(ordered.documents.map((document) => document.sort)).toEqual([
      [String(T0 + 3_599_999), 'a14'],
      [String(T0 + 130_000), 'a15'],
      [String(T0 + 60_000), 'a6'],
    ]);
  });

  it('takes the time field\'s doc value in epoch milliseconds, nanoseconds truncated', () => {
    const hit = (fields: Record<string, unknown[]> | undefined) => ({ _index: 'i', _id: 'x', _source: {}, ...(fields ? { fields } : {}) });
    const response = { took: 1, timed_out: false, _shards: { total: 1, successful: 1, failed: 0 }, hits: { total: 3, hits: [
      hit({ '@timestamp': ['1605780000000'] }),
      hit({ '@timestamp': ['1605780000000.987654'] }),
      hit(undefined),
    ] } };
    expect(parseDocuments(response, '@timestamp').documents.map((document) => document.timestampMs)).toEqual([1605780000000, 1605780000000, null]);
    expect(parseDocuments(response).documents.map((document) => document.timestampMs)).toEqual([null, null, null]);
  });
});
