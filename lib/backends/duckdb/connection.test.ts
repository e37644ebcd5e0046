import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { openStore } from './connection';

describe('openStore', () => {
  it('removes the temporary store folders of servers that died, not those of live ones', async () => {
    // Above the kernel's largest pid (2^22), so no process has it.
    const abandoned = path.join(os.tmpdir(), 'hopscope-store-9999999-abandoned');
    const live = path.join(os.tmpdir(), `hopscope-store-${process.ppid}-live`);
    mkdirSync(abandoned, { recursive: true });
    mkdirSync(live, { recursive: true });
    const { edgeFile, ingressFile } = writeTierFiles([{ '@timestamp': '2020-11-19T02:00:00Z', trace_id: 'a', request_time: 0.1 }], []);
    const store = await openStore({ edgeFiles: [edgeFile], ingressFiles: [ingressFile] }, DEFAULT_FIELD_NAMES);
    try {
      expect(store.lineCounts).toEqual({ edge: 1, ingress: 0 });
      expect(existsSync(abandoned)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      store.close();
      rmSync(live, { recursive: true, force: true });
    }
  });
});
