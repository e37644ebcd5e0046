import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeLineFile } from '@/lib/backends/duckdb/connection';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { TIERS, type Tier } from '@/lib/domain/tiers';

/** Hits an answer: small, so a tier's lines span several answers as a slice's do. */
const PAGE_HITS = 4;

/**
 * Writes each tier's documents as Elasticsearch would answer a slice's search_after pages (each
 * hit its `_source`, its time as a doc value in epoch milliseconds) and normalizes them into one
 * line file a tier, as a materialized slice is stored (read-slice.ts): a store of line files
 * without a node. The documents need a readable `@timestamp`, which Elasticsearch's date field
 * would have parsed.
 */
export async function writeTierLineFiles(docs: Record<Tier, readonly Record<string, unknown>[]>): Promise<Record<Tier, string[]>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-line-files-'));
  const files = { edge: [] as string[], ingress: [] as string[] };
  for (const [tierNumber, tier] of TIERS.entries()) {
    const pages = path.join(dir, `${tier}-pages`);
    mkdirSync(pages);
    for (let first = 0, page = 0; first < docs[tier].length; first += PAGE_HITS, page += 1) {
      const hits = docs[tier].slice(first, first + PAGE_HITS).map((doc, at) => {
        const timeMs = Date.parse(String(doc['@timestamp']));
        if (Number.isNaN(timeMs)) throw new Error(`a line file's document needs a readable @timestamp: ${JSON.stringify(doc)}`);
        return { _source: doc, fields: { '@timestamp': [String(timeMs)] }, sort: [first + at] };
      });
      writeFileSync(path.join(pages, `${String(page).padStart(6, '0')}.json`), JSON.stringify({ hits: { hits } }));
    }
    const file = path.join(dir, `${tier}.parquet`);
    // Ids unique across the two tiers' files, as slices' are.
    await writeLineFile(tier, path.join(pages, '*.json'), DEFAULT_FIELD_NAMES, {}, file, tierNumber * 2 ** 32, PAGE_HITS);
    files[tier].push(file);
  }
  return files;
}
