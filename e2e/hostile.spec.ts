import { readFileSync } from 'node:fs'
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test'
import { expect, LAKE_API_URL, lakePid, test } from '../tests/fixtures/playwright'

/**
 * Requests an abusive or careless client can send, each answered within the lake's limits
 * (packages/lake/README.md) with a clear status, while a cached page of the site keeps answering:
 * the site and the lake are separate processes, and the lake evaluates queries in worker threads.
 * Runs alone, after the load test (playwright.config.ts): it measures latency.
 */
test.describe.configure({ mode: 'default' })

const CACHED = '/news/peregovory-tokaeva-i-van-i'
const QUERY_LIMIT_MS = 10_000

let lakeApi: APIRequestContext
test.beforeAll(async () => {
  lakeApi = await playwrightRequest.newContext({ baseURL: `${LAKE_API_URL}/v2025-02-19/`, ignoreHTTPSErrors: true })
})
test.afterAll(async () => lakeApi.dispose())

/** Runs `hostile` while requesting the cached page every 50 ms; the page's worst latency and the hostile answers. */
async function duringHostile(site: APIRequestContext, hostile: () => Promise<APIResponse[]>) {
  expect((await site.get(CACHED)).status()).toBe(200)
  let worst = 0
  let requests = 0
  let done = false
  const reader = (async () => {
    while (!done) {
      const started = performance.now()
      const response = await site.get(CACHED)
      expect(response.status()).toBe(200)
      await response.body()
      worst = Math.max(worst, performance.now() - started)
      requests++
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  const started = performance.now()
  try {
    const answers = await hostile()
    return { answers, ms: performance.now() - started, worst: () => worst, requests: () => requests }
  } finally {
    done = true
    await reader
  }
}

const errorType = async (response: APIResponse) => ((await response.json()) as { error?: { type?: string } }).error?.type
const lakeRssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${lakePid()}/status`, 'utf8'))![1]) / 1024

const queryRows: { name: string; send: () => Promise<APIResponse>; statuses: number[]; types: (string | undefined)[]; within: number }[] = [
  {
    // The count(*[]{"x": *[]{"y": *[]{_id}}}) ends in about 8 s on an idle 2-core machine; one level deeper it cannot end within any limit.
    name: 'a nested scan of every document to the fourth power',
    send: () => lakeApi.get(`data/query/production?query=${encodeURIComponent('count(*[]{"x": *[]{"y": *[]{"z": *[]{_id}}}})')}`),
    statuses: [408, 422],
    types: ['queryTimeout', 'queryMemoryLimit'],
    within: QUERY_LIMIT_MS + 3_000,
  },
  {
    name: 'a 240 kB query of 20 000 literal ids',
    send: () =>
      lakeApi.post('data/query/production', { data: { query: `*[_id in [${Array.from({ length: 20_000 }, (_, i) => `"id-${i}"`).join(',')}]]._id` } }),
    statuses: [413],
    types: ['queryTooLarge'],
    within: 2_000,
  },
  {
    name: 'every document squared in the result',
    send: () => lakeApi.get(`data/query/production?query=${encodeURIComponent('*[]{"x": *[]{"y": *[]}}')}`),
    statuses: [422],
    types: ['resultTooLarge'],
    within: QUERY_LIMIT_MS + 3_000,
  },
  {
    name: 'a GROQ function groq-js does not implement',
    send: () => lakeApi.get(`data/query/production?query=${encodeURIComponent('*[geo::distance(location, geo::latLng(43.2, 76.9)) < 1000]')}`),
    statuses: [400],
    types: ['queryParseError'],
    within: 2_000,
  },
]

for (const row of queryRows) {
  test(`${row.name}: ${row.statuses.join(' or ')}, and the cached page stays under 1 s meanwhile`, async ({ request }) => {
    test.setTimeout(60_000)
    const run = await duringHostile(request, async () => [await row.send()])
    const [answer] = run.answers
    console.log(
      `[measure] ${row.name}: ${answer!.status()} after ${Math.round(run.ms)} ms; cached page worst ${Math.round(run.worst())} ms over ${run.requests()} requests`,
    )
    expect(row.statuses, await answer!.text()).toContain(answer!.status())
    expect(row.types).toContain(await errorType(answer!))
    expect(run.ms).toBeLessThan(row.within)
    expect(run.worst()).toBeLessThan(1_000)
  })
}

test('40 distinct 5 MB queries: each refused, and the lake keeps none of them', async ({ request }) => {
  test.setTimeout(90_000)
  // The bodies are made before the clock starts: building 200 MB of JSON in this process would delay
  // its own requests for the cached page, and that delay is not the site's.
  const bodies = Array.from({ length: 40 }, (_, i) => Buffer.from(JSON.stringify({ query: `*[title == "${String(i).padEnd(5 * 1024 * 1024, 'x')}"]` })))
  const before = lakeRssMb()
  const run = await duringHostile(request, async () => {
    const answers: APIResponse[] = []
    for (let i = 0; i < 40; i += 4) {
      answers.push(
        ...(await Promise.all(
          bodies.slice(i, i + 4).map((body) => lakeApi.post('data/query/production', { data: body, headers: { 'content-type': 'application/json' } })),
        )),
      )
    }
    return answers
  })
  const after = lakeRssMb()
  console.log(
    `[measure] 40 × 5 MB queries: ${Math.round(run.ms)} ms; lake RSS ${Math.round(before)} → ${Math.round(after)} MB; cached page worst ${Math.round(run.worst())} ms`,
  )
  for (const answer of run.answers) expect(answer.status()).toBe(413)
  expect(after - before).toBeLessThan(150)
  expect(run.worst()).toBeLessThan(1_000)
})

test('huge AVIF renditions through the site’s image route: capped, queued, and the cached page stays under 1 s', async ({ page, request }) => {
  test.setTimeout(120_000)
  await page.goto(CACHED)
  const src = (await page.locator('.article__figure--main img').getAttribute('src'))!
  const base = src.split('?')[0]
  // Other sources than earlier runs' (a rendition is cached once made): a random quality each time.
  const q = 90 + Math.floor(Math.random() * 10)
  const run = await duringHostile(request, () =>
    Promise.all([
      ...Array.from({ length: 4 }, (_, i) => request.get(`${base}?w=3000&h=${3000 - i}&fit=fill&fm=avif&q=${q}`, { timeout: 90_000 })),
      request.get(`${base}?w=5000&h=5000&fit=crop&fm=avif&q=100`, { timeout: 90_000 }),
    ]),
  )
  console.log(
    `[measure] 5 huge AVIF renditions: ${run.answers.map((a) => a.status()).join(', ')} in ${Math.round(run.ms)} ms; cached page worst ${Math.round(run.worst())} ms`,
  )
  for (const answer of run.answers) {
    expect(answer.status()).toBe(200)
    expect(answer.headers()['content-type']).toBe('image/avif')
  }
  expect(run.worst()).toBeLessThan(1_000)
})
