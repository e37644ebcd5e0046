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
});
