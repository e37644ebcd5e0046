import type { estypes } from '@elastic/elasticsearch';
import type { CompositeAfterKey } from '../requests/build-keyword-values-request';
import { aggregationOrThrow, type CompositeAggregate } from './aggregation-shapes';

export type ConnectBin = { binStartMs: number; group: string | number | null; connect: string | number | null; count: number };

export type ConnectBinsPage = { bins: ConnectBin[]; after: CompositeAfterKey | null };

type BinKey = { bin: number; group: string | number | null; connect: string | number | null };

/** One composite page of buildConnectBinsRequest; `after` is null on the last (short) page. */
export function parseConnectBins(response: estypes.SearchResponse, pageSize: number): ConnectBinsPage {
  const composite = aggregationOrThrow<CompositeAggregate<BinKey>>(response, ['connect_bins']);
  return {
    bins: composite.buckets.map(({ key, doc_count }) => ({ binStartMs: key.bin, group: key.group, connect: key.connect, count: doc_count })),
    after: composite.buckets.length >= pageSize && composite.after_key ? composite.after_key : null,
  };
}
