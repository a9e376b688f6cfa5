import { defineConfig, devices } from '@playwright/test'
import { SITE_NODE_ARGS } from './server/node-args'

const PORT = Number(process.env.E2E_PORT ?? 3100)
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Specs that must not share the server with other tests: a load test, the hostile requests (they measure latency) and the outage test. */
const ISOLATED = /(load|hostile|outage)\.spec\.ts/

/**
 * Reader flows against the real production server (`npm start`: Next behind the HTML cache) on the real lake. scripts/e2e.sh builds
 * the app on a fresh lake first; Playwright cannot download browsers here, so Debian's chromium runs.
 */
export default defineConfig({
  testDir: './e2e',
  // The cluster's own config runs these (playwright.cluster.config.ts).
  testIgnore: /cluster\//,
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    // DOM snapshots are enough to see a failure. A screencast of every test costs the 2-core CI machine half again
    // as much CPU (its frames are rasterised and encoded whether the test fails or not).
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'studio', testMatch: /studio[-a-z]*\.spec\.ts/, use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined }, testIgnore: [/studio[-a-z]*\.spec\.ts/, ISOLATED, /cluster\//] },
    { name: 'mobile', use: { ...devices['Pixel 7'], channel: undefined }, testMatch: /layout\.spec\.ts/ },
    // Each alone, after the rest (they load or break the server for everyone): `--no-deps` runs one by itself.
    { name: 'load', testMatch: /load\.spec\.ts/, dependencies: ['desktop', 'mobile', 'studio'] },
    { name: 'hostile', testMatch: /hostile\.spec\.ts/, dependencies: ['load'], use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'outage', testMatch: /outage\.spec\.ts/, dependencies: ['hostile'], use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
  webServer: {
    // The production server with its HTML cache and its lake (server/main.ts), as `npm start` runs it.
    command: `node ${SITE_NODE_ARGS.join(' ')} -p ${PORT}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
