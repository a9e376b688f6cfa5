import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 3100)
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Specs that must not share the server with other tests: a load test and the outage test. */
const ISOLATED = /(load|outage)\.spec\.ts/

/**
 * Reader flows against the real production server (`npm start`: Next behind the HTML cache) on the real lake. scripts/e2e.sh builds
 * the app on a fresh lake first; Playwright cannot download browsers here, so Debian's chromium runs.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    // In hosted mode the pages' images come from the lake's TLS API, whose local CA Chromium does not know.
    ignoreHTTPSErrors: process.env.BASPA_E2E_MODE === 'hosted',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'studio', testMatch: /studio[-a-z]*\.spec\.ts/, use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined }, testIgnore: [/studio[-a-z]*\.spec\.ts/, ISOLATED] },
    { name: 'mobile', use: { ...devices['Pixel 7'], channel: undefined }, testMatch: /layout\.spec\.ts/ },
    // Each alone, after the rest (they load or break the server for everyone): `--no-deps` runs one by itself.
    { name: 'load', testMatch: /load\.spec\.ts/, dependencies: process.env.BASPA_E2E_MODE === 'hosted' ? ['desktop', 'mobile'] : ['desktop', 'mobile', 'studio'] },
    { name: 'outage', testMatch: /outage\.spec\.ts/, dependencies: ['load'], use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
  webServer: {
    // The production server with its HTML cache (server/main.ts), as `npm start` runs it.
    command: `node --import tsx server/main.ts -p ${PORT}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
