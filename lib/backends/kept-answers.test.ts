import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeptAnswers } from './kept-answers';

const notice = { code: 'no_matching_index' as const, tier: 'edge' as const, indexPattern: 'x-*', message: 'none' };

describe('KeptAnswers', () => {
  it('keeps an answer with its notices, the first one for a key', () => {
    const kept = new KeptAnswers();
    expect(kept.get('k')).toBeUndefined();
    kept.put('k', { n: 1 }, [notice]);
    kept.put('k', { n: 2 }, []);
    expect(kept.get('k')).toEqual({ value: { n: 1 }, notices: [notice] });
  });

  it('saves to its file whole (no temporary file left) and reads it back; an unreadable file is no answers', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-kept-'));
    const file = path.join(dir, 'answers.json');
    const kept = new KeptAnswers(file);
    kept.put('a', [1, 2], []);
    kept.put('b', { x: 'y' }, [notice]);
    kept.save();
    expect(readdirSync(dir)).toEqual(['answers.json']);
    const reopened = new KeptAnswers(file);
    expect([reopened.get('a'), reopened.get('b')]).toEqual([{ value: [1, 2], notices: [] }, { value: { x: 'y' }, notices: [notice] }]);
    writeFileSync(file, '{"truncated":');
    expect(new KeptAnswers(file).get('a')).toBeUndefined();
    expect(new KeptAnswers(path.join(dir, 'missing.json')).get('a')).toBeUndefined();
  });

  it('stays within its size, oldest out first, and does not keep an answer too large for it', () => {
    const kept = new KeptAnswers(null, 400);
    for (const key of ['a', 'b', 'c', 'd', 'e']) kept.put(key, 'x'.repeat(80), []);
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => kept.get(key) !== undefined)).toEqual([false, true, true, true, true]);
    kept.put('huge', 'x'.repeat(200), []);
    expect(kept.get('huge')).toBeUndefined();
  });
});
