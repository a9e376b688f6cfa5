import { defineConfig } from '@playwright/test'

/**
 * The cluster tests (e2e/cluster/): redis-server, the lake, two site instances and Varnish, started
 * by the same script as `npm run demo:cluster` on ports of their own, over the production build that
 * scripts/e2e.sh made. One worker, in order: the last tests stop an instance and Redis.
 */
export const CLUSTER = { varnish: 3180, sites: [3181, 3182], redis: 6392, lakeApi: 3643, lakeHttp: 3644, data: '.data/e2e-cluster' }

export default defineConfig({
  testDir: './e2e/cluster',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  timeout: 90_000,
  use: { baseURL: `http://localhost:${CLUSTER.varnish}` },
  webServer: {
    command: [
      'node --import tsx scripts/demo-cluster.ts',
      `--varnish=${CLUSTER.varnish} --sites=${CLUSTER.sites.join(',')} --redis=${CLUSTER.redis}`,
      `--lake-api=${CLUSTER.lakeApi} --lake-http=${CLUSTER.lakeHttp} --data=${CLUSTER.data}`,
    ].join(' '),
    url: `http://localhost:${CLUSTER.varnish}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
