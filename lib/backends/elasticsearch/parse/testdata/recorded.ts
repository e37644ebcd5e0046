import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { estypes } from '@elastic/elasticsearch';

/** A recorded answer of the real node (README.md in this folder). */
export function recorded<T = estypes.SearchResponse>(name: string): T {
  return JSON.parse(readFileSync(path.join(__dirname, `${name}.json`), 'utf8')) as T;
}

/** The fixture's T0, 2020-11-19T10:00:00Z. */
export const T0 = Date.UTC(2020, 10, 19, 10, 0, 0);
