import autocannon from 'autocannon'
import { expect, test } from '@playwright/test'

/**
 * A short load test: 100 connections for 10 s alternating between the seed article and a topic
 * page must get no errors, no timeouts and only 2xx. Runs alone, after the reader specs
 * (playwright.config.ts). The 60-second figures are `npm run bench`'s job.
 */
const PATHS = ['/news/peregovory-tokaeva-i-van-i', '/topics/torgovlya']

test('100 connections for 10 s: 0 errors, 0 non-2xx', async ({ baseURL }) => {
  test.setTimeout(60_000)
  for (const path of PATHS) expect((await fetch(`${baseURL}${path}`)).status, path).toBe(200)
  const result = await autocannon({
    url: baseURL!,
    connections: 100,
    duration: 10,
    timeout: 10,
    requests: PATHS.map((path) => ({ method: 'GET' as const, path })),
  })
  console.log(
    `[measure] ${result.requests.total} requests in ${result.duration} s (${Math.round(result.requests.average)}/s), ` +
      `latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms, errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
  )
  expect(result.requests.total).toBeGreaterThan(100)
  expect(result.errors).toBe(0)
  expect(result.timeouts).toBe(0)
  expect(result.non2xx).toBe(0)
})
