import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FreezePlan, LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { FROZEN_WINDOW } from '@/test-support/frozen-window';
import { AppError } from '@/lib/server/core/errors';
import { SNAPSHOT_FORMAT_VERSION, SnapshotStore } from './snapshot-store';

/**
 * The folder bookkeeping alone: a stand-in backend whose freeze writes one file of a chosen size
 * (or fails). That a frozen window answers as its store did is the contract suites' business
 * (lib/backends/contract/snapshot.contract.test.ts, on real stores).
 */

function freezingBackend(bytes = 10, fail = false): LatencyBackend {
  return {
    kind: 'duckdb',
    async freezeWindow(plan: FreezePlan) {
      writeFileSync(path.join(plan.dir, 'traces.parquet'), 'x'.repeat(bytes));
      if (fail) throw new AppError('backend_error', 'the store went away');
      return FROZEN_WINDOW;
    },
  } as Partial<LatencyBackend> as LatencyBackend;
}

const NEW = { title: 'Incident', note: 'SYN-ACKs', hopscopeVersion: '0.1.0', window: { fromMs: 0, toMs: 3_600_000 }, query: { from: 'a', to: 'b' }, rawTraces: 5, slowMs: 1000 };
const freshStore = () => new SnapshotStore(path.join(mkdtempSync(path.join(tmpdir(), 'hopscope-snapshots-')), 'snapshots'));

describe('SnapshotStore', () => {
  it('writes a snapshot under a 128-bit hex id, lists it and details it', async () => {
    const store = freshStore();
    const manifest = await store.create(freezingBackend(), NEW);
    expect(manifest.id).toMatch(/^[0-9a-f]{32}$/);
    expect(manifest.formatVersion).toBe(SNAPSHOT_FORMAT_VERSION);
    expect(readdirSync(store.dir)).toEqual([manifest.id]);
    const [summary] = store.list();
    expect(summary).toMatchObject({
      id: manifest.id,
      url: `/s/${manifest.id}`,
      title: 'Incident',
      note: 'SYN-ACKs',
      window: { from: '1970-01-01T00:00:00.000Z', to: '1970-01-01T01:00:00.000Z' },
      backend: 'duckdb',
      traces: 9,
      rawTraces: 9,
    });
    expect(summary!.sizeBytes).toBeGreaterThan(10);
    expect(store.detail(manifest.id)).toMatchObject({ query: NEW.query, sources: FROZEN_WINDOW.sources, hopscopeVersion: '0.1.0' });
  });

  it('keeps where an Elasticsearch window\'s raw lines hold aliased fields, for the snapshot to read them there', async () => {
    const store = freshStore();
    const sourceAliases = { edge: { requestTime: ['nginx.request_time'] }, ingress: {} };
    const backend = { ...freezingBackend(), freezeWindow: async () => ({ ...FROZEN_WINDOW, sourceAliases }) } as LatencyBackend;
    const manifest = await store.create(backend, NEW);
    expect(store.manifest(manifest.id).frozen.sourceAliases).toEqual(sourceAliases);
    // Snapshots taken before aliases were read have none.
    expect(store.manifest((await store.create(freezingBackend(), NEW)).id).frozen.sourceAliases).toBeUndefined();
  });

  it('leaves nothing behind when the freeze fails midway', async () => {
    const store = freshStore();
    await expect(store.create(freezingBackend(10, true), NEW)).rejects.toThrow('the store went away');
    expect(readdirSync(store.dir)).toEqual([]);
    expect(store.list()).toEqual([]);
  });

  it('refuses a malformed id before building any path, and answers 404 for an unknown one', () => {
    const store = freshStore();
    for (const id of ['../../etc/passwd', '..', '0123456789ABCDEF0123456789ABCDEF', '0123456789abcdef', '']) {
      expect(() => store.folderOf(id), id).toThrow(expect.objectContaining({ code: 'invalid_parameter' }));
    }
    expect(() => store.manifest('0123456789abcdef0123456789abcdef')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => store.remove('0123456789abcdef0123456789abcdef')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('deletes a snapshot', async () => {
    const store = freshStore();
    const { id } = await store.create(freezingBackend(), NEW);
    store.remove(id);
    expect(store.list()).toEqual([]);
    expect(readdirSync(store.dir)).toEqual([]);
  });

  it("keeps each tier's field names, and reads a format 1 snapshot's one set as both tiers'", async () => {
    const store = freshStore();
    const fields = { edge: DEFAULT_FIELD_NAMES, ingress: { ...DEFAULT_FIELD_NAMES, requestTime: 'nginx.ingress_controller.http.request.time' } };
    const backend = { ...freezingBackend(), freezeWindow: async () => ({ ...FROZEN_WINDOW, fields }) } as LatencyBackend;
    const { id } = await store.create(backend, NEW);
    expect(store.manifest(id).frozen.fields).toEqual(fields);
    const older = '0123456789abcdef0123456789abcdef';
    mkdirSync(path.join(store.dir, older));
    const written = store.manifest(id);
    const formatOne = { ...written, id: older, formatVersion: 1, frozen: { ...written.frozen, fields: fields.ingress } };
    writeFileSync(path.join(store.dir, older, 'manifest.json'), JSON.stringify(formatOne));
    expect(store.manifest(older).frozen.fields).toEqual({ edge: fields.ingress, ingress: fields.ingress });
  });

  it('refuses to open a snapshot written by a newer format, and lists only the readable ones', async () => {
    const store = freshStore();
    const { id } = await store.create(freezingBackend(), NEW);
    const newer = '0123456789abcdef0123456789abcdef';
    mkdirSync(path.join(store.dir, newer));
    writeFileSync(path.join(store.dir, newer, 'manifest.json'), JSON.stringify({ ...store.manifest(id), id: newer, formatVersion: SNAPSHOT_FORMAT_VERSION + 1 }));
    expect(() => store.manifest(newer)).toThrow(/newer hopscope/);
    expect(store.list().map((each) => each.id)).toEqual([id]);
  });

  it('removes the oldest snapshots beyond the maximum age or total size, never the one just taken', async () => {
    const store = freshStore();
    const first = await store.create(freezingBackend(1000), NEW);
    const second = await store.create(freezingBackend(1000), NEW);
    const third = await store.create(freezingBackend(1000), NEW);
    // Creation times are ISO strings: make the order certain.
    const stamp = (id: string, createdAt: string) =>
      writeFileSync(path.join(store.dir, id, 'manifest.json'), JSON.stringify({ ...store.manifest(id), createdAt }));
    stamp(first.id, '2026-01-01T00:00:00.000Z');
    stamp(second.id, '2026-01-02T00:00:00.000Z');
    stamp(third.id, '2026-01-03T00:00:00.000Z');
    const size = store.list()[0]!.sizeBytes;
    expect(store.enforce({ maxAgeMs: null, maxBytes: null })).toEqual([]);
    expect(store.enforce({ maxAgeMs: null, maxBytes: 2 * size }, Date.parse('2026-01-03T00:00:00Z'), third.id)).toEqual([first.id]);
    expect(store.enforce({ maxAgeMs: 12 * 3_600_000, maxBytes: null }, Date.parse('2026-01-03T06:00:00Z'), third.id)).toEqual([second.id]);
    expect(store.enforce({ maxAgeMs: null, maxBytes: 1 }, Date.now(), third.id)).toEqual([]);
    expect(store.list().map((each) => each.id)).toEqual([third.id]);
  });

  it('removes the temporary folders of writes that never finished, once they are old', () => {
    const store = freshStore();
    mkdirSync(path.join(store.dir, '.tmp-0123456789abcdef0123456789abcdef'), { recursive: true });
    mkdirSync(path.join(store.dir, '.tmp-fedcba9876543210fedcba9876543210'));
    const old = new Date(Date.now() - 7 * 3_600_000);
    utimesSync(path.join(store.dir, '.tmp-0123456789abcdef0123456789abcdef'), old, old);
    store.removeUnfinished(6 * 3_600_000);
    expect(readdirSync(store.dir)).toEqual(['.tmp-fedcba9876543210fedcba9876543210']);
  });
});
