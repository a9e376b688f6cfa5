import { randomUUID } from 'node:crypto'
import type { APIRequestContext, APIResponse } from '@playwright/test'
import { createPreviewSecret, expect, test, type LakeFixture } from '../tests/fixtures/playwright'

/**
 * The production server's in-process HTML cache (server/fast-path.ts), through its `x-baspa-cache`
 * header: anonymous page requests are kept, a publish through the lake's real webhook makes the next
 * request fresh, and draft mode, RSC navigation, the Studio, APIs and not-founds never touch it.
 */

const SEED = '/news/peregovory-tokaeva-i-van-i'
const cacheOf = (response: { headers(): Record<string, string> }) => response.headers()['x-baspa-cache']
/**
 * Waits for a hit and returns it, with the response that stored it: the miss just before it (the
 * path is this test's own, so nothing else stores it). Polled, not asserted once: every publish by a
 * test running in parallel purges the whole cache (by design), so a single request may find it just
 * emptied, and the entry that is hit may be a later render than the test's first request.
 */
async function keptPair(request: APIRequestContext, path: string, headers?: Record<string, string>) {
  let stored: APIResponse | undefined
  let last: APIResponse | undefined
  await expect
    .poll(
      async () => {
        if (last && cacheOf(last) === 'miss') stored = last
        return cacheOf((last = await request.get(path, { headers })))
      },
      { intervals: [50, 100, 200], timeout: 10_000 },
    )
    .toBe('hit')
  return { stored, hit: last! }
}

async function hit(request: APIRequestContext, path: string, headers?: Record<string, string>) {
  return (await keptPair(request, path, headers)).hit
}

/**
 * Each test reads pages of its own, made for it through the lake's API: nothing of them can be
 * kept from before the test (a query string the page ignores is not a new entry: it shares the key).
 */
async function createTopic(lake: LakeFixture, name: string) {
  const slug = `e2e-fast-${name}-${Date.now().toString(36)}`
  await lake.mutate([
    { create: { _id: `topic-${slug}`, _type: 'topic', title: { _type: 'localeString', ru: `Тема ${slug}` }, slug: { _type: 'slug', current: slug } } },
  ])
  return { id: `topic-${slug}`, path: `/topics/${slug}` }
}

/** A published article (in «Культура», or in `topicId`), made through the lake's API. */
async function createArticle(lake: LakeFixture, name: string, topicId = 'topic-kultura') {
  const slug = `e2e-fast-${name}-${Date.now().toString(36)}`
  await lake.mutate([
    {
      create: {
        _id: slug,
        _type: 'article',
        title: `Статья ${slug}`,
        slug: { _type: 'slug', current: slug },
        lead: 'Лид статьи для проверки кэша страниц.',
        language: 'ru',
        publishedAt: new Date(Date.now() - 60_000).toISOString(),
        body: [],
        topics: [{ _type: 'reference', _ref: topicId, _key: 't1' }],
        authors: [{ _type: 'reference', _ref: 'author-aygerim-saparova', _key: 'a1' }],
      },
    },
  ])
  return { id: slug, slug, title: `Статья ${slug}`, path: `/news/${slug}` }
}

test('a second anonymous request is a hit, with the same bytes and the same headers', async ({ request, lake }) => {
  const { path } = await createArticle(lake, 'hit')
  const first = await request.get(path)
  expect(first.status()).toBe(200)
  expect(cacheOf(first)).toBe('miss')
  const kept = await keptPair(request, path)
  const stored = kept.stored ?? first
  const second = kept.hit
  expect(await second.text()).toBe(await stored.text())
  for (const header of [
    'content-type',
    'content-security-policy',
    'x-frame-options',
    'x-content-type-options',
    'referrer-policy',
    'permissions-policy',
    'etag',
  ]) {
    expect(second.headers()[header], header).toBe(stored.headers()[header])
  }
  // Compressed and uncompressed answers are separate entries.
  const gzip = await request.get(path, { headers: { 'accept-encoding': 'gzip' } })
  expect(cacheOf(gzip)).toBe('miss')
  expect((await hit(request, path, { 'accept-encoding': 'gzip' })).headers()['content-encoding']).toBe('gzip')
})

test('a later page of an archive is shared-cacheable and kept, as its first page is', async ({ request }) => {
  const path = '/topics/ekonomika/page/2'
  const first = await request.get(path)
  expect(first.status()).toBe(200)
  expect(first.headers()['cache-control']).toMatch(/(^|, )s-maxage=\d+/)
  expect(first.headers()['cache-control']).not.toMatch(/private|no-store|no-cache/)
  expect((await hit(request, path)).status()).toBe(200)
})

test('RSC navigation and prefetch requests bypass the cache and get the RSC payload, not the kept HTML', async ({ request, lake }) => {
  const { path } = await createArticle(lake, 'rsc')
  await hit(request, path)
  const rsc = await request.get(path, { headers: { RSC: '1' } })
  expect(cacheOf(rsc)).toBe('bypass')
  expect(rsc.headers()['content-type']).toContain('text/x-component')
  expect(cacheOf(await request.get(path, { headers: { RSC: '1', 'Next-Router-Prefetch': '1' } }))).toBe('bypass')
  expect(cacheOf(await request.get(`${path}?_rsc=abcde`))).toBe('bypass')
})

test('the Studio, APIs, not-founds and non-GET requests are never kept', async ({ request }) => {
  expect(cacheOf(await request.get('/studio'))).toBe('bypass')
  expect(cacheOf(await request.get('/api/health'))).toBe('bypass')
  const missing = `/news/no-such-article-${randomUUID()}`
  expect((await request.get(missing)).status()).toBe(404)
  const again = await request.get(missing)
  expect(again.status()).toBe(404)
  expect(cacheOf(again), 'a 404 is not kept').toBe('miss')
  expect(cacheOf(await request.post(SEED, { data: '' }))).toBe('bypass')
})

test.describe('with the local lake', () => {
  test.describe.configure({ timeout: 60_000 })

  const heading = async (request: APIRequestContext, path: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await (await request.get(path)).text())?.[1]

  test('a publish through the webhook makes the next request fresh, long before the cache lifetime', async ({ request, lake }) => {
    const topic = await createTopic(lake, 'publish')
    const article = await createArticle(lake, 'publish', topic.id)
    const articlePath = article.path
    const topicPath = topic.path
    // Both addresses are new: nothing of them can be kept from before this moment.
    const firstRequested = Date.now()
    await expect.poll(() => heading(request, articlePath), { timeout: 10_000 }).toBe(article.title)
    await expect.poll(async () => (await request.get(topicPath)).text(), { timeout: 10_000 }).toContain(article.title)
    // Both kept now: a hit each.
    await hit(request, articlePath)
    await hit(request, topicPath)

    const edited = `${article.title} — обновлено`
    const published = Date.now()
    await lake.mutate([{ patch: { id: article.id, set: { title: edited } } }])
    await expect.poll(() => heading(request, articlePath), { intervals: [100], timeout: 5_000 }).toBe(edited)
    await expect.poll(async () => (await request.get(topicPath)).text(), { intervals: [100], timeout: 5_000 }).toContain(edited)
    // Kept pages live 10 s (BASPA_HTML_CACHE_TTL's default) and were kept no earlier than
    // firstRequested: fresh pages before that ends can only come from the webhook's purge.
    expect(Date.now() - firstRequested).toBeLessThan(9_500)
    console.log(`[measure] publish → fresh article and topic page through the HTML cache: ${Date.now() - published} ms`)
    expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(await (await hit(request, articlePath)).text())?.[1]).toBe(edited)
  })

  test('draft mode bypasses the cache: the editor sees the draft, readers the kept page', async ({ browser, request, lake }) => {
    const article = await createArticle(lake, 'draft')
    const path = `/news/${article.slug}`
    await expect.poll(() => heading(request, path), { timeout: 10_000 }).toBe(article.title)
    await hit(request, path)
    await lake.mutate([{ createOrReplace: { ...(await lake.getDocument(article.id)), _id: `drafts.${article.id}`, title: `${article.title} — черновик` } }])

    const secret = await createPreviewSecret(lake)
    const previewer = await browser.newContext({ baseURL: test.info().project.use.baseURL })
    const preview = await previewer.newPage()
    await preview.goto(`/api/draft-mode/enable?sanity-preview-secret=${secret}&sanity-preview-pathname=${path}`)
    await expect(preview.getByRole('heading', { level: 1 })).toHaveText(`${article.title} — черновик`)
    // The preview keeps Next's client runtime (the Presentation tool drives it); a reader's page has none.
    await expect.poll(() => preview.evaluate(() => typeof (window as unknown as { next?: unknown }).next)).toBe('object')
    const response = await preview.request.get(path)
    expect(cacheOf(response)).toBe('bypass')
    expect(await response.text()).toContain('— черновик')
    await previewer.close()

    const reader = await hit(request, path)
    expect(await reader.text()).not.toContain('— черновик')
    expect(await reader.text()).not.toContain('__next_f')
  })
})
