import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'
import { layers } from './eslint.layers.mjs'

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // One configuration module owns the environment (config/, and the lake's packages/lake/src/config.ts).
  {
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read configuration through config/env.ts (the lake: packages/lake/src/config.ts)' },
      ],
    },
  },
  {
    files: [
      'config/**',
      'packages/lake/src/config.ts',
      'tests/**',
      'e2e/**',
      'scripts/**',
      'packages/lake/tests/**',
      'playwright.config.ts',
      'playwright.cluster.config.ts',
      'vitest.config.ts',
      // Next loads the cache handler by path, where config/ cannot be imported.
      'server/shared-cache-handler.mjs',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  ...layers,
  // The lake is a package of its own: nothing of the site (packages/lake/tests/standalone.test.ts checks every import).
  {
    files: ['packages/lake/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@/*'], message: 'the lake imports nothing of the site' }] }] },
  },
  // Reader pages go out without Next's client runtime (server/reader-html.ts): a client component there would never run.
  {
    files: ['components/**/*.{ts,tsx}', 'app/(site)/**/*.{ts,tsx}'],
    // The error boundary is the exception: a failed render (5xx) keeps the runtime, which renders it.
    ignores: ['app/(site)/[[]locale]/error.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Program > ExpressionStatement[directive='use client']",
          message: "reader pages are sent without Next's client runtime (server/reader-html.ts): a client component would never hydrate",
        },
      ],
    },
  },
  // Playwright fixtures call `use()`, which is not React's hook.
  { files: ['e2e/**', 'tests/fixtures/playwright.ts'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
  globalIgnores(['.next/**', '.data/**', 'out/**', 'build/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'sanity.types.ts', 'schema.json']),
])
