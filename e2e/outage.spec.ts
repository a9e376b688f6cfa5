import { lakePid, test, expect } from '../tests/fixtures/playwright'

/**
 * Backend outage (proxy.ts, sanity/backend-health.ts): the lake's process is stopped (SIGSTOP: it
 * accepts connections and never answers, the hardest case for timeouts) and continued. Runs alone,
 * after every other spec (playwright.config.ts).
 */
// One after the other in one worker: both switch the backend off and on.
test.describe.configure({ mode: 'default' })

const SEED = '/news/peregovory-tokaeva-i-van-i'

function backend(): { down(): Promise<void>; up(): void } {
  const pid = lakePid()
  return {
    // The proxy probes the backend at most every 2 s (OPEN_MS); a request in the 2 s after the last
    // good probe would be rendered and could get the error boundary's 500 (docs/architecture.md, Resilience).
    down: async () => {
      process.kill(pid, 'SIGSTOP')
      await new Promise((resolve) => setTimeout(resolve, 2_500))
    },
    up: () => process.kill(pid, 'SIGCONT'),
  }
}

/**
 * An address no one has asked for: its render needs the backend (is there such an article?), so it is
 * never in a cache. Not a new article: its publish webhook could land in the middle of the outage and
 * expire the very pages the test expects to stay cached.
 */
const neverVisited = (label: string) => `/news/e2e-${label}-${Date.now().toString(36)}`

test('an outage: cached pages still answer, uncached ones get the 503 page, and the site recovers by itself', async ({ request }) => {
  test.setTimeout(90_000)
  const uncached = neverVisited('outage')
  // Visited before the outage: the seed article and the topics index.
  for (const path of [SEED, '/topics']) expect((await request.get(path)).status(), path).toBe(200)

  const { down, up } = backend()
  await down()
  try {
    const started = Date.now()
    const fresh = await request.get(uncached)
    console.log(`[measure] uncached page during the outage: ${fresh.status()} after ${Date.now() - started} ms`)
    expect(fresh.status()).toBe(503)
    expect(fresh.headers()['retry-after']).toBe('30')
    expect(fresh.headers()['x-robots-tag']).toBe('noindex')
    expect(fresh.headers()['cache-control']).toBe('no-store')
    const html = await fresh.text()
    expect(html).toContain('<meta name="robots" content="noindex">')
    expect(html).toContain('Сайт временно недоступен')
    expect(html).not.toMatch(/node_modules|ECONNREFUSED|ETIMEDOUT|BackendUnavailable|at \w+ \(/)

    for (const path of [SEED, '/topics']) {
      const cached = await request.get(path)
      expect(cached.status(), path).toBe(200)
      expect(await cached.text(), path).not.toContain('Сайт временно недоступен')
    }
    const seed = await (await request.get(SEED)).text()
    expect(seed).toContain('Ван И')

    // Not 500 either for what has no outage page: an unknown article is still a 404 or the outage.
    expect([404, 503]).toContain((await request.get('/news/no-such-article-during-outage')).status())
  } finally {
    up()
  }
  const back = Date.now()
  // The same address, rendered now that the backend answers again: the site's own 404.
  await expect.poll(async () => (await request.get(uncached)).status(), { intervals: [250], timeout: 15_000 }).toBe(404)
  console.log(`[measure] backend back → uncached page rendered: ${Date.now() - back} ms`)
  expect(await (await request.get(uncached)).text()).not.toContain('Сайт временно недоступен')
})

test("the outage page in a browser: in the edition's language, not indexed, no script", async ({ page }) => {
  const uncached = neverVisited('outage-page')
  const { down, up } = backend()
  await down()
  try {
    const response = await page.goto(uncached)
    expect(response?.status()).toBe(503)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Сайт временно недоступен')
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru')
    expect(await page.locator('script').count()).toBe(0)
    // Each edition's readers get it in their language, with a link to their edition's home.
    for (const [prefix, title] of [
      ['/kk', 'Сайт уақытша қолжетімсіз'],
      ['/en', 'The site is temporarily unavailable'],
    ] as const) {
      const localized = await page.goto(`${prefix}${uncached}`)
      expect(localized?.status(), prefix).toBe(503)
      expect(localized?.headers()['content-language']).toBe(prefix.slice(1))
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
      await expect(page.locator('html')).toHaveAttribute('lang', prefix.slice(1))
      await expect(page.getByRole('link', { name: 'Baspa' })).toHaveAttribute('href', prefix)
    }
  } finally {
    up()
  }
})
