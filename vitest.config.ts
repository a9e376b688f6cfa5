import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/contract/**/*.test.ts'],
    globalSetup: ['tests/contract/tls-setup.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
})
