import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'lake',
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/tls-setup.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
})
