import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { requireElasticsearchUrl } from '@/test-support/elasticsearch-node';

/**
 * What the real node stores of documents the contract fixture cannot share with DuckDB. These
 * never reach hopscope's queries, so there is nothing for it to count: the shipper sees the
 * refusal (Filebeat logs it and drops the event; Logstash retries or sends it to its dead letter
 * queue). Shippers replace invalid UTF-8 with U+FFFD before sending, and such text is stored as
 * sent (the contract's dirty fixture holds it on both backends).
 */

const url = requireElasticsearchUrl();
const index = `hs-test-${randomBytes(4).toString('hex')}-dirty`;

type BulkItem = { index: { status: number; error?: { type: string; reason?: string; caused_by?: unknown } } };

async function bulk(lines: Buffer[]): Promise<BulkItem[]> {
  const response = await fetch(`${url}/_bulk?refresh=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: Buffer.concat(lines),
  });
  const body = (await response.json()) as { items: BulkItem[] };
  return body.items;
}

const action = Buffer.from(`${JSON.stringify({ index: { _index: index } })}\n`);
const raw = (latin1: string) => Buffer.from(`${latin1}\n`, 'latin1');
const json = (doc: object) => Buffer.from(`${JSON.stringify(doc)}\n`, 'utf8');

describe('Elasticsearch node: documents hopscope never sees', () => {
  afterAll(async () => {
    await fetch(`${url}/${index}`, { method: 'DELETE' });
  });

  it('refuses invalid UTF-8 per document, stores U+FFFD as sent, refuses an object where trace_id is a keyword', async () => {
    const create = await fetch(`${url}/${index}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mappings: { properties: { trace_id: { type: 'keyword' }, request_time: { type: 'keyword' } } } }),
    });
    expect(create.ok).toBe(true);
    const items = await bulk([
      action, raw('{"trace_id":"b\xff\xfe","request_time":"0.200"}'),
      action, raw('{"trace_id":"c","request_time":"0.3\xc3"}'),
      action, json({ trace_id: 'd\uFFFD', request_time: '0.4\uFFFD' }),
      action, json({ trace_id: { id: 'e' }, request_time: '0.500' }),
      action, json({ trace_id: 'f', request_time: '0.600' }),
    ]);
    expect(items.map((item) => [item.index.status, item.index.error?.type ?? null])).toEqual([
      [400, 'document_parsing_exception'],
      [400, 'document_parsing_exception'],
      [201, null],
      [400, 'document_parsing_exception'],
      [201, null],
    ]);
    // The reason names the field; its cause chain names the byte.
    expect(JSON.stringify(items[0]!.index.error)).toContain('Invalid UTF-8');
    expect(JSON.stringify(items[1]!.index.error)).toContain('Invalid UTF-8');

    const search = await fetch(`${url}/${index}/_search?sort=trace_id`, { headers: { 'content-type': 'application/json' } });
    const hits = ((await search.json()) as { hits: { hits: { _source: Record<string, unknown> }[] } }).hits.hits;
    expect(hits.map((hit) => hit._source)).toEqual([
      { trace_id: 'd\uFFFD', request_time: '0.4\uFFFD' },
      { trace_id: 'f', request_time: '0.600' },
    ]);
  });
});
