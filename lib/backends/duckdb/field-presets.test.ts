import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeFieldPresetContract, fieldNamesOf } from '@/lib/backends/contract/field-presets-contract';
import { presetDocuments } from '@/lib/backends/contract/field-presets-fixture';
import { createDuckdbBackend } from './index';

// The embedded store reads each preset's dotted names as nested paths (Elastic Agent, Filebeat
// ingress) and as flat dotted keys (Filebeat nginx access): fieldPointers tries both.
describeFieldPresetContract('DuckDB', async (layouts) => {
  const dir = mkdtempSync(path.join(tmpdir(), `hopscope-preset-${layouts.edge}-${layouts.ingress}-`));
  const fileOf = (tier: 'edge' | 'ingress') => {
    const file = path.join(dir, `${tier}.ndjson`);
    writeFileSync(file, presetDocuments(layouts[tier])[tier].map((doc) => `${JSON.stringify(doc)}\n`).join(''));
    return file;
  };
  const backend = createDuckdbBackend({ edgeFiles: [fileOf('edge')], ingressFiles: [fileOf('ingress')], fields: fieldNamesOf(layouts) });
  return {
    backend,
    cleanup: async () => {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
