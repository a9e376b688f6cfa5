import { defineConfig } from '@playwright/test'
export default defineConfig({ testDir: '/work/main/e2e', testMatch: /zz-probe/, reporter: 'list', workers: 1 })
