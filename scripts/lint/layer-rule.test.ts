import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rule of eslint.config.mjs (the module table of docs/ARCHITECTURE.md), run through
 * ESLint's own API with the project's config on snippets placed at paths of each layer.
 */
const root = path.resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
});

async function lint(filePath: string, source: string) {
  const [result] = await eslint.lintText(`import { value } from '${source}';\nexport const used = value;\n`, { filePath: path.join(root, filePath) });
  return result?.messages ?? [];
}

describe('the layer rule', () => {
  it.each([
    ['lib/domain/x.ts', '@/lib/backends/types', 'lib/domain may import lib/domain only'],
    ['lib/domain/triage/x.ts', '../../backends/types', 'a relative import out of lib/domain/'],
    ['lib/domain/x.ts', 'node:fs', 'lib/domain is pure'],
    ['lib/server/core/x.ts', '@/lib/backends/types', 'lib/server/core may import lib/domain, lib/server/core only'],
    ['lib/server/core/x.ts', 'next/server', 'HTTP responses belong to lib/server'],
    ['lib/backends/types.ts', '@/lib/server/core/errors', 'lib/backends/types.ts, lib/backends/triage-types.ts may import lib/domain'],
    ['lib/backends/duckdb/x.ts', '@/lib/server/backend', 'lib/backends may import'],
    ['lib/backends/elasticsearch/verbs/x.ts', '@/lib/services/get-trace', 'lib/backends may import'],
    ['lib/backends/x.ts', './contract/fixture', 'test code'],
    ['lib/services/x.ts', '@/app/page', 'lib/services may import'],
    ['lib/services/x.ts', '@/lib/server/backend', 'lib/services may import'],
    ['lib/server/security/x.ts', '@/lib/backends/duckdb', 'lib/server/security may import'],
    ['lib/server/x.ts', '@/lib/services/get-trace', 'lib/server may import'],
    ['middleware.ts', '@/lib/server/backend', 'middleware.ts may import'],
    ['lib/url-state.ts', './server/backend', "lib/url-state.ts imports other modules through '@/…'"],
    ['components/x/y.tsx', '@/lib/backends/types', 'components may import'],
    ['components/x/y.tsx', '@/lib/services/get-trace', 'components may import'],
    ['app/x/page.tsx', '@/lib/backends/duckdb', 'app may import'],
    ['app/api/v1/x/route.ts', '@/components/format', 'app/api may import'],
    ['app/api/v1/x/route.ts', '@/lib/backends/types', 'app/api may import'],
    ['app/x/page.tsx', '@/test-support/route-fixture', 'test code'],
    ['scripts/x.ts', '@/test-support/ndjson-files', 'test code'],
    ['instrumentation-client.ts', './test-support/ndjson-files', 'test code'],
  ])('%s may not import %s', async (filePath, source, message) => {
    const messages = await lint(filePath, source);
    expect(messages.map((problem) => problem.ruleId)).toContain('no-restricted-imports');
    expect(messages.find((problem) => problem.ruleId === 'no-restricted-imports')?.message).toContain(message);
  });

  it.each([
    ['lib/domain/x.ts', '@/lib/domain/histogram'],
    ['lib/domain/triage/x.ts', '../histogram'],
    ['lib/domain/x.ts', 'zod'],
    ['lib/server/core/x.ts', '@/lib/domain/api-responses'],
    ['lib/backends/triage-types.ts', '@/lib/domain/triage/triage-data'],
    ['lib/backends/duckdb/x.ts', '@/lib/server/core/errors'],
    ['lib/backends/duckdb/sql/triage/x.ts', '../../../types'],
    ['lib/services/x.ts', '@/lib/backends/types'],
    ['lib/server/x.ts', '@/lib/backends/duckdb'],
    ['middleware.ts', '@/lib/server/security/secure-request'],
    ['components/x/y.tsx', '@/lib/triage-url-state'],
    ['app/x/page.tsx', '@/lib/server/backend'],
    ['app/x/page.tsx', '@/lib/backends/types'],
    ['app/api/v1/x/route.ts', '@/lib/services/get-trace'],
    ['scripts/x.ts', '@/lib/backends/duckdb'],
    ['lib/domain/x.test.ts', '@/lib/backends/types'],
    ['app/x/route.test.ts', '@/test-support/route-fixture'],
    ['lib/backends/contract/x.ts', '@/scripts/sample/scenarios'],
  ])('%s may import %s', async (filePath, source) => {
    expect(await lint(filePath, source)).toEqual([]);
  });
});
