import { describe, expect, it } from 'vitest';
import { SnapshotAnswerCache } from './answer-cache';

const ID = '0123456789abcdef0123456789abcdef';
const url = (search: string, path = '/api/v1/histograms') => new URL(`http://localhost${path}?${search}`);

describe('SnapshotAnswerCache', () => {
  it('computes an answer once per URL, whatever the order of its parameters', async () => {
    const cache = new SnapshotAnswerCache();
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    const first = SnapshotAnswerCache.keyOf(ID, url(`from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z&snapshot=${ID}&filter=b&filter=a`));
    const same = SnapshotAnswerCache.keyOf(ID, url(`snapshot=${ID}&filter=a&filter=b&to=2020-11-19T03:00:00Z&from=2020-11-19T02:00:00Z`));
    expect(same).toBe(first);
    expect(await cache.answer(first, compute)).toEqual({ n: 1 });
    expect(await cache.answer(same, compute)).toEqual({ n: 1 });
    expect(await cache.answer(SnapshotAnswerCache.keyOf(ID, url('from=2020-11-19T02:00:00Z', '/api/v1/histograms/edge')), compute)).toEqual({ n: 2 });
  });

  it('does not cache a relative window, nor a failure', async () => {
    expect(SnapshotAnswerCache.keyOf(ID, url('from=now-1h&to=now'))).toBeNull();
    const cache = new SnapshotAnswerCache();
    let computed = 0;
    await expect(cache.answer('k', async () => Promise.reject(new Error(`failed ${++computed}`)))).rejects.toThrow('failed 1');
    expect(await cache.answer('k', async () => ++computed)).toBe(2);
  });

  it('stays within its size, oldest out first, and forgets a deleted snapshot', async () => {
    const cache = new SnapshotAnswerCache(400);
    const big = (tag: string) => async () => ({ tag, pad: 'x'.repeat(80) });
    for (const tag of ['a', 'b', 'c', 'd', 'e']) await cache.answer(`${ID} ${tag}`, big(tag));
    let recomputed = 0;
    await cache.answer(`${ID} a`, async () => ++recomputed);
    expect(recomputed).toBe(1);
    cache.forget(ID);
    await cache.answer(`${ID} e`, async () => ++recomputed);
    expect(recomputed).toBe(2);
  });
});
