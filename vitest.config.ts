import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const site = { resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } } }

/**
 * Tests by kind: the lake's own suites (packages/lake/vitest.config.ts); the site's unit tests (no
 * I/O); its integration and contract tests (a real lake on a temporary SQLite file, real HTTP,
 * real child processes). End-to-end tests are Playwright's (e2e/).
 */
export default defineConfig({
  test: {
    projects: [
      'packages/lake/vitest.config.ts',
      { ...site, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', pool: 'threads' } },
      {
        ...site,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/contract/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 20_000,
        },
      },
    ],
  },
})
