import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlatCompat } from '@eslint/eslintrc';

const compat = new FlatCompat({ baseDirectory: dirname(fileURLToPath(import.meta.url)) });

/**
 * The module table of docs/ARCHITECTURE.md ("may import"), enforced with no-restricted-imports.
 * It holds for production code; tests, the contract suite, test-support/, e2e/ and the test
 * runners' configs may import anything. A layer reaches another module through '@/…' only: a
 * relative import may not climb out of its own folder. Dynamic import() is not checked.
 * scripts/lint/layer-rule.test.ts proves that a cross-layer import fails.
 */
const SOURCES = '{ts,tsx,js,mjs,cjs}';
const TEST_CODE = [`**/*.test.${SOURCES}`, 'lib/backends/contract/**', 'test-support/**', 'e2e/**', 'playwright.config.ts', 'vitest.config.ts'];
const SEE_TABLE = 'see the module table in docs/ARCHITECTURE.md';

const LAYERS = [
  { dir: 'lib/domain', mayImport: ['lib/domain'], packages: { only: ['zod'] } },
  { dir: 'lib/server/core', mayImport: ['lib/domain', 'lib/server/core'], packages: { not: ['next'], why: 'the leaf answers in plain objects; HTTP responses belong to lib/server' } },
  { files: ['lib/backends/types.ts', 'lib/backends/triage-types.ts'], mayImport: ['lib/domain', 'lib/backends/types', 'lib/backends/triage-types'] },
  {
    dir: 'lib/backends',
    ignores: ['lib/backends/contract/**', 'lib/backends/types.ts', 'lib/backends/triage-types.ts'],
    mayImport: ['lib/domain', 'lib/server/core', 'lib/backends'],
  },
  { dir: 'lib/services', mayImport: ['lib/domain', 'lib/server/core', 'lib/backends', 'lib/services'] },
  { dir: 'lib/server/security', mayImport: ['lib/domain', 'lib/server/core', 'lib/server/security'] },
  { dir: 'lib/server', ignores: ['lib/server/core/**', 'lib/server/security/**'], mayImport: ['lib/domain', 'lib/server', 'lib/backends'] },
  { files: ['middleware.ts'], mayImport: ['lib/domain', 'lib/server/core', 'lib/server/security'] },
  { files: ['lib/url-state.ts'], mayImport: ['lib/domain'] },
  { files: ['lib/triage-url-state.ts'], mayImport: ['lib/domain', 'lib/url-state'] },
  { dir: 'components', mayImport: ['lib/domain', 'lib/url-state', 'lib/triage-url-state', 'components'] },
  { dir: 'app/api', mayImport: ['lib/domain', 'lib/services', 'lib/server', 'app/api'] },
  {
    dir: 'app',
    ignores: ['app/api/**'],
    mayImport: ['lib/domain', 'lib/url-state', 'lib/triage-url-state', 'lib/services', 'lib/server', 'lib/backends/types', 'components', 'app'],
  },
  { dir: 'scripts', mayImport: ['lib', 'scripts'] },
];

/** Test code, wherever production code would reach it from. */
const TEST_ONLY = {
  regex: '^(?:@/|(?:\\.{1,2}/)+)(?:test-support|e2e|lib/backends/contract)(?:/|$)|^(?:\\./|(?:\\.\\./)+)contract(?:/|$)',
  message: 'test code (test-support/, e2e/, lib/backends/contract/) is not imported by production code',
};

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function layerPatterns({ dir, files, mayImport, packages }, depth) {
  const name = dir ?? files.join(', ');
  const patterns = [
    TEST_ONLY,
    {
      regex: `^@/(?!(?:${mayImport.map(escapeRegex).join('|')})(?:/|$))`,
      message: `${name} may import ${mayImport.join(', ')} only; ${SEE_TABLE}`,
    },
  ];
  // A relative import may not leave the layer's folder (the siblings of a layer of single files are other modules).
  patterns.push(
    depth === undefined
      ? { regex: '^\\.', message: `${name} imports other modules through '@/…'; ${SEE_TABLE}` }
      : { regex: `^(?:\\.\\./){${depth}}\\.\\.(?:/|$)`, message: `a relative import out of ${name}/: import other modules through '@/…'; ${SEE_TABLE}` },
  );
  if (packages?.only) {
    patterns.push({
      regex: `^(?!\\.|@/|(?:${packages.only.map(escapeRegex).join('|')})(?:/|$))`,
      message: `${name} is pure: its only package is ${packages.only.join(', ')}; ${SEE_TABLE}`,
    });
  }
  if (packages?.not) {
    patterns.push({ regex: `^(?:${packages.not.map(escapeRegex).join('|')})(?:/|$)`, message: `${name}: ${packages.why}; ${SEE_TABLE}` });
  }
  return { patterns };
}

/** Deeper than this, a layer's files may not import with '..' at all. */
const MAX_DEPTH = 8;

function layerConfigs(layer) {
  const rule = (depth) => ({ 'no-restricted-imports': ['error', layerPatterns(layer, depth)] });
  if (layer.files) return [{ files: layer.files, ignores: TEST_CODE, rules: rule(undefined) }];
  const ignores = [...TEST_CODE, ...(layer.ignores ?? [])];
  return [
    { files: [`${layer.dir}/**/*.${SOURCES}`], ignores, rules: rule(0) },
    ...Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({
      files: [`${layer.dir}/${'*/'.repeat(depth)}*.${SOURCES}`],
      ignores,
      rules: rule(depth),
    })),
  ];
}

const config = [
  { ignores: ['node_modules/**', '.next/**', '.data/**', 'bench/data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...compat.extends('next/core-web-vitals', 'next/typescript'),
  {
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['scripts/**', 'e2e/**'], rules: { 'no-console': 'off' } },
  // Layers: any production file outside the table still may not import test code.
  { files: [`**/*.${SOURCES}`], ignores: TEST_CODE, rules: { 'no-restricted-imports': ['error', { patterns: [TEST_ONLY] }] } },
  ...LAYERS.flatMap(layerConfigs),
];

export default config;
