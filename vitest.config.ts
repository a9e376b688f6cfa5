import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** Two projects: the lake's own suites (packages/lake/vitest.config.ts) and the site's. */
export default defineConfig({
  test: {
    projects: [
      'packages/lake/vitest.config.ts',
      {
        resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
        test: {
          name: 'site',
          include: ['tests/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 20_000,
        },
      },
    ],
  },
})
