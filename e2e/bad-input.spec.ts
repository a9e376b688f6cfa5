import { createHmac, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { request as playwrightRequest } from '@playwright/test'
import { articleDocument, expect, LAKE_API_URL, LAKE_FOLDER, test } from '../tests/fixtures/playwright'

/**
 * Hostile and malformed requests: each gets the exact status a crawler or attacker should see and
 * never a 500, a stack trace or a document that is not public.
 */
const SEED = 'peregovory-tokaeva-i-van-i'
const LEAKS = [
  /\bat [\w.<>]+ \(/,
  /node_modules/,
  /SchemaError|TypeError|ReferenceError|URIError|BackendUnavailable/,
  /sk[ev]_[A-Za-z0-9]/,
  /\/work\/|\/home\/|\.data\/|\.sqlite|\.next\/server/,
  /ECONNREFUSED|ETIMEDOUT/,
]
/** Every status the corpus saw: never a 500. */
const statuses: number[] = []

/** GROQ injection attempts, path traversal, overlong, Unicode and percent-encoded values for every route parameter. */
const HOSTILE_SEGMENTS = [
  encodeURIComponent('x" || true || "'),
  encodeURIComponent('*[_type=="article"]'),
  encodeURIComponent('") || _type == "article" || ("'),
  encodeURIComponent('torgovlya"]{...}[0]{"x":*'),
  encodeURIComponent('$slug'),
  encodeURIComponent('drafts.' + SEED),
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '..%5C..%5Cwindows',
  'a'.repeat(3000),
  encodeURIComponent('торговля'),
  encodeURIComponent('ｔｏｒｇｏｖｌｙａ'),
  '%00',
  '%0d%0aSet-Cookie%3A%20x%3D1',
  encodeURIComponent('<script>alert(1)</script>'),
]
const SLUG_ROUTES = [
  (v: string) => `/news/${v}`,
  ...['topics', 'people', 'countries', 'authors'].flatMap((kind) => [(v: string) => `/${kind}/${v}`, (v: string) => `/${kind}/${v}/page/2`]),
  (v: string) => `/topics/${v}/rss.xml`,
  (v: string) => `/sitemaps/${v}`,
  (v: string) => `/sitemaps/${v}.xml`,
  (v: string) => `/lake/images/local/production/${v}`,
  (v: string) => `/lake/images/${v}/production/x.jpg`,
]
const ARCHIVES = ['/topics/ekonomika', '/people/kasym-zhomart-tokaev', '/countries/kitay', '/authors/aygerim-saparova']
const BAD_PAGES = ['0', '-1', 'abc', '1e9', '2**53', '9007199254740992', '0x2', '%201', '1.0']

const CASES: [path: string, status: number][] = [
  // GROQ injection through route params: the value is a $param, so it is just an unknown slug.
  [`/news/${encodeURIComponent('x" || true || "')}`, 404],
  [`/news/${encodeURIComponent('*[_type=="article"]')}`, 404],
  [`/news/${encodeURIComponent(`${SEED}" && _id != "`)}`, 404],
  [`/topics/${encodeURIComponent('") || _type == "article" || ("')}`, 404],
  [`/people/${encodeURIComponent('$slug')}`, 404],
  ['/topics/torgovlya/rss.xml/extra', 404],
  // Path traversal, encoded and not; overlong, Unicode and percent-encoded slugs.
  ['/news/..%2F..%2Fetc%2Fpasswd', 404],
  ['/news/%2e%2e%2f%2e%2e%2fpackage.json', 404],
  ['/lake/images/local/production/..%2F..%2F.data%2Flake.sqlite', 404],
  [`/news/${'a'.repeat(5000)}`, 404],
  [`/news/${encodeURIComponent('переговоры-токаева')}`, 404],
  [`/news/${encodeURIComponent('Peregovory-Tokaeva-I-Van-I')}`, 404],
  // Broken percent-encoding: 400 (proxy.ts; Next.js alone would answer 500), the lake's images included.
  ['/news/%E0%A4%A', 400],
  ['/lake/images/local/production/%E0%A4%A', 400],
  ['/lake/images/%E0%A4%A/production/x.jpg', 400],
  ['/topics/%E0%A4%A/page/2', 400],
  ['/%C0%AF', 400],
  ['/news/%00', 404],
  [`/news/${SEED}%20`, 404],
  // Page numbers.
  ['/topics/ekonomika/page/0', 404],
  ['/topics/ekonomika/page/-1', 404],
  ['/topics/ekonomika/page/abc', 404],
  ['/topics/ekonomika/page/1e9', 404],
  ['/topics/ekonomika/page/9007199254740993', 404],
  ['/topics/ekonomika/page/2.5', 404],
  ['/topics/ekonomika/page/02', 404],
  ['/topics/ekonomika/page/99', 404],
  // Draft ids and the drafts perspective are not reachable without the preview secret.
  [`/news/drafts.${SEED}`, 404],
  [`/news/${SEED}?perspective=drafts`, 200],
  ['/api/draft-mode/enable', 401],
  [`/api/draft-mode/enable?sanity-preview-secret=guess&sanity-preview-pathname=/news/${SEED}`, 401],
  // Images: unknown asset and bad parameters.
  ['/lake/images/local/production/0000000000000000000000000000000000000000-10x10.jpg', 404],
  // Every route kind with every hostile value; every archive with every bad page number.
  ...SLUG_ROUTES.flatMap((route) => HOSTILE_SEGMENTS.map((value): [string, number] => [route(value), 404])),
  ...ARCHIVES.flatMap((archive) => BAD_PAGES.map((page): [string, number] => [`${archive}/page/${page}`, 404])),
  // Sitemap children and feeds.
  ...['articles-0.xml', 'articles--1.xml', 'articles-1e9.xml', 'articles-99.xml', 'articles-1.json', 'nope.xml', '..%2Fsitemap.xml'].map(
    (name): [string, number] => [`/sitemaps/${name}`, 404],
  ),
  [`/rss.xml?topic=${encodeURIComponent('" || true')}`, 200],
  [`/feed.json?page=${encodeURIComponent('*[0]')}`, 200],
  // Search: any query and filter gives a page (injections are text to search for, never GROQ).
  ...['x" || true || "', '*[_type=="article"]{...}', '$slug', ') || _id match "drafts.*', '<script>alert(1)</script>', 'a'.repeat(5000), '%%%', '\u0000'].map(
    (q): [string, number] => [`/search?q=${encodeURIComponent(q)}`, 200],
  ),
  ...[
    `topic=${encodeURIComponent('") || true || ("')}`,
    `country=${encodeURIComponent('*')}`,
    `from=${encodeURIComponent('2020-01-01" || true')}`,
    'to=9999-99-99',
    ...BAD_PAGES.map((page) => `q=${encodeURIComponent('Казахстан')}&page=${page}`),
    'topic=a&topic=b&page=1&page=2',
    `q[]=x`,
    `q[$ne]=1`,
  ].map((query): [string, number] => [`/search?${query}`, 200]),
]

async function expectClean(response: { status(): number; text(): Promise<string>; headers(): Record<string, string> }, label: string) {
  statuses.push(response.status())
  expect(response.status(), label).not.toBe(500)
  const body = await response.text()
  for (const leak of LEAKS) expect(body, `${label} leaks ${leak}`).not.toMatch(leak)
  for (const leak of LEAKS) expect(JSON.stringify(response.headers()), `${label} headers leak ${leak}`).not.toMatch(leak)
}

test.describe('the corpus', () => {
  // A few hundred requests: batched into a handful of tests rather than one test each.
  const BATCH = 30
  for (let start = 0; start < CASES.length; start += BATCH) {
    const batch = CASES.slice(start, start + BATCH)
    test(`cases ${start + 1}–${start + batch.length} of ${CASES.length}: exact status, nothing leaked`, async ({ request }) => {
      // Most are first renders of a 404 (nothing cached): slow on a busy machine.
      test.setTimeout(120_000)
      for (const [path, status] of batch) {
        const response = await request.get(path, { maxRedirects: 0 })
        expect(response.status(), path.slice(0, 120)).toBe(status)
        await expectClean(response, path.slice(0, 120))
      }
    })
  }

  test('social cards of unknown or hostile slugs are 404', async ({ request }) => {
    test.setTimeout(120_000)
    const html = await (await request.get(`/news/${SEED}`)).text()
    const card = new URL(/<meta property="og:image" content="([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&'))
    // /news/<slug>/opengraph-image-<hash> (Turbopack's name): the same route with another slug.
    const route = card.pathname.split('/').pop()!
    for (const value of HOSTILE_SEGMENTS) {
      for (const path of [`/news/${value}/${route}`, `/news/${value}/${route.replace('opengraph', 'twitter')}`]) {
        const response = await request.get(path, { maxRedirects: 0 })
        expect(response.status(), path.slice(0, 120)).toBe(404)
        await expectClean(response, path.slice(0, 120))
      }
    }
  })

  test.afterAll(() => {
    expect(
      statuses.filter((status) => status >= 500),
      'no 5xx anywhere in the corpus',
    ).toEqual([])
  })
})

test('draft mode’s exit redirects into this site only: tab, line feed and carriage return tricks and a forged Host header', async ({ request, baseURL }) => {
  const site = new URL(baseURL!)
  for (const to of [
    '/%09/evil.example',
    '/%0a/evil.example',
    '/%0d/evil.example',
    '/%09%09//evil.example',
    '//evil.example',
    '/%5Cevil.example',
    'https://evil.example/',
  ]) {
    const response = await request.get(`/api/draft-mode/disable?to=${to}`, { maxRedirects: 0 })
    expect(response.status(), to).toBe(307)
    expect(response.headers()['location'], to).toBe(`${site.origin}/`)
    statuses.push(response.status())
  }
  // The Host header is the client's to choose: the redirect is built on SITE_URL.
  const forged = await request.get('/api/draft-mode/disable?to=/topics', { maxRedirects: 0, headers: { host: 'news.example.com' } })
  expect(forged.status()).toBe(307)
  expect(forged.headers()['location']).toBe(`${site.origin}/topics`)
  const referred = await request.get('/api/draft-mode/disable', {
    maxRedirects: 0,
    headers: { host: 'news.example.com', referer: 'http://news.example.com/topics' },
  })
  expect(referred.headers()['location']).toBe(`${site.origin}/`)
})

test('/topics?pz=<random> again and again is one HTML-cache entry: parameters no page reads are not part of the key', async ({ request }) => {
  const cacheOf = (response: { headers(): Record<string, string> }) => response.headers()['x-baspa-cache']
  // Every request carries a value never sent before and still finds the kept page (polled: a publish
  // by a test running in parallel purges the whole cache; with the value in the key, never a hit).
  await expect.poll(async () => cacheOf(await request.get(`/topics?pz=${randomUUID()}`)), { intervals: [50, 100, 200], timeout: 15_000 }).toBe('hit')
})

test('local mode’s Content-Security-Policy opens the lake, and of Sanity’s cloud only what the Studio calls', async ({ request }) => {
  const connectSrc = async (path: string) => {
    const policy = (await request.get(path)).headers()['content-security-policy']!
    return {
      policy,
      connect: policy
        .split('; ')
        .find((directive) => directive.startsWith('connect-src '))!
        .split(' '),
    }
  }
  const site = await connectSrc('/')
  expect(site.connect).toContain(LAKE_API_URL)
  expect(site.policy).not.toContain('sanity.io')
  // The Studio: the lake, Sanity's version check and the feedback form's fixed address; no wildcard.
  const studio = await connectSrc('/studio')
  expect(studio.connect).toContain(LAKE_API_URL)
  expect(studio.connect.filter((source) => source.includes('sanity'))).toEqual(['https://sanity-cdn.com', 'https://api.sanity.io'])
})

test('/news/<3 000 characters> and /news/%00 are the page’s own 404, for a segment no address has (nothing is written under their names)', async ({
  request,
}) => {
  for (const segment of ['a'.repeat(3000), '%00']) {
    const response = await request.get(`/news/${segment}`)
    expect(response.status()).toBe(404)
    const html = await response.text()
    // The edition's not-found page, rendered for the placeholder segment (its social card addresses say so).
    expect(html).toContain('Страница не найдена')
    expect(html).toContain('/ru/news/_/opengraph-image')
    await expectClean(response, `/news/${segment.slice(0, 20)}`)
  }
})

test('the draft of an article never reaches readers through ?perspective=drafts', async ({ request }) => {
  const html = await (await request.get(`/news/${SEED}?perspective=drafts`)).text()
  expect(html).not.toContain('draft-mode-banner')
})

test('image URLs with bad parameters are 400, not 500', async ({ page, request }) => {
  await page.goto(`/news/${SEED}`)
  const src = await page.locator('img').first().getAttribute('src')
  expect(src, "local mode serves the lake's images under the site's origin").toMatch(/^\/lake\//)
  const base = src!.split('?')[0]
  for (const query of ['w=0', 'w=-5', 'w=abc', 'w=999999', 'dpr=10', 'fit=evil', 'rect=1,2,3', 'fm=gif', 'q=500']) {
    expect((await request.get(`${base}?${query}`)).status(), query).toBe(400)
  }
})

test('revalidation webhooks: missing, forged, stale and replayed-with-another-body signatures are 401', async ({ request }) => {
  const body = JSON.stringify({ operation: 'update', documentId: 'x', type: 'article', slug: { after: SEED } })
  const sign = (timestamp: number, payload: string, secret: string) =>
    `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('base64url')}`
  const post = (headers: Record<string, string>, data = body) =>
    request.post('/api/revalidate', { headers: { 'content-type': 'application/json', ...headers }, data })
  expect((await post({})).status()).toBe(401)
  expect((await post({ 'sanity-webhook-signature': 'garbage' })).status()).toBe(401)
  expect((await post({ 'sanity-webhook-signature': sign(Date.now(), body, 'not-the-secret') })).status()).toBe(401)
  expect((await post({ 'sanity-webhook-signature': sign(Date.now() - 3_600_000, body, 'not-the-secret') })).status()).toBe(401)
})

/** The secret the server under test checks webhooks with: the one it made beside the local lake. */
const webhookSecret = () => readFileSync(join(LAKE_FOLDER, 'webhook-secret'), 'utf8').trim()

test('a correctly signed webhook is accepted once; the same request replayed is 401', async ({ request }) => {
  const body = JSON.stringify({ operation: 'update', documentId: 'replay-test', type: 'siteSettings', slug: { before: null, after: null } })
  const timestamp = Date.now()
  const signature = `t=${timestamp},v1=${createHmac('sha256', webhookSecret()).update(`${timestamp}.${body}`).digest('base64url')}`
  const post = () => request.post('/api/revalidate', { headers: { 'content-type': 'application/json', 'sanity-webhook-signature': signature }, data: body })
  const first = await post()
  expect(first.status(), await first.text()).toBe(200)
  const replay = await post()
  expect(replay.status()).toBe(401)
  expect(await replay.text()).toContain('replayed')
})

test('the lake API: writes need a token (401) and an editor token (403 with a viewer token); drafts stay private', async ({ lake }) => {
  const tokens = JSON.parse(readFileSync(join(LAKE_FOLDER, 'lake-tokens.json'), 'utf8')) as { viewer: string }
  const mutation = { mutations: [{ create: { _id: 'drafts.e2e-forbidden', _type: 'article', title: 'x' } }] }
  const anonymous = await playwrightRequest.newContext({ baseURL: `${LAKE_API_URL}/v2025-02-19/`, ignoreHTTPSErrors: true })
  const viewer = await playwrightRequest.newContext({
    baseURL: `${LAKE_API_URL}/v2025-02-19/`,
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: { authorization: `Bearer ${tokens.viewer}` },
  })
  const forged = await playwrightRequest.newContext({
    baseURL: `${LAKE_API_URL}/v2025-02-19/`,
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: { authorization: 'Bearer ske_forged' },
  })
  try {
    for (const [context, status] of [
      [anonymous, 401],
      [forged, 401],
      [viewer, 403],
    ] as const) {
      const write = await context.post('data/mutate/production', { data: mutation })
      expect(write.status()).toBe(status)
      await expectClean(write, `mutate → ${status}`)
      expect(
        (
          await context.post('data/actions/production', {
            data: { actions: [{ actionType: 'sanity.action.document.delete', publishedId: 'article-peregovory-tokaeva-i-van-i', includeDrafts: [] }] },
          })
        ).status(),
      ).toBe(status)
    }
    // A draft exists; anonymous reads in the drafts or raw perspective get the published view only.
    await lake.mutate([{ createOrReplace: { _id: 'drafts.e2e-private-draft', _type: 'article', title: 'Секретный черновик' } }])
    for (const perspective of ['drafts', 'raw', 'previewDrafts']) {
      const response = await anonymous.get(`data/query/production?query=${encodeURIComponent('*[_id in path("drafts.**")]._id')}&perspective=${perspective}`)
      expect(response.status()).toBe(200)
      expect(((await response.json()) as { result: string[] }).result).toEqual([])
    }
    expect(((await (await anonymous.get('data/doc/production/drafts.e2e-private-draft')).json()) as { documents: unknown[] }).documents).toEqual([])
    expect((await lake.getDocument('article-peregovory-tokaeva-i-van-i'))?._id).toBe('article-peregovory-tokaeva-i-van-i')
  } finally {
    await Promise.all([anonymous.dispose(), viewer.dispose(), forged.dispose()])
  }
})

test('the lake API: a transaction retried with the same transactionId is a 409, applied once, never a 500', async ({ lake }) => {
  const id = `e2e-retry-${randomUUID()}`
  await lake.mutate([{ create: { _id: id, _type: 'counter', n: 0 } }])
  const body = { transactionId: `tx-${randomUUID().slice(0, 8)}`, mutations: [{ patch: { id, inc: { n: 1 } } }] }
  const first = await lake.api.post('data/mutate/production', { data: body })
  expect(first.status()).toBe(200)
  const again = await lake.api.post('data/mutate/production', { data: body })
  expect(again.status()).toBe(409)
  expect(((await again.json()) as { error: { type: string } }).error.type).toBe('conflictError')
  await expectClean(again, 'repeated transactionId')
  expect((await lake.getDocument(id))?.n).toBe(1)
})

test('the lake API: an HTML file an editor uploads is a sandboxed download, never a page of the lake’s origin', async ({ lake }) => {
  const html = `<!doctype html><title>x</title><script>fetch("/v1/users/me")</script>${randomUUID()}`
  const upload = await lake.api.post('assets/files/production?filename=page.html', { data: Buffer.from(html), headers: { 'content-type': 'text/html' } })
  expect(upload.status()).toBe(200)
  const { document } = (await upload.json()) as { document: { path: string } }
  const served = await lake.api.get(`${LAKE_API_URL}/${document.path}`)
  expect(served.status()).toBe(200)
  expect(served.headers()['content-type']).toBe('application/octet-stream')
  expect(served.headers()['content-disposition']).toMatch(/^attachment/)
  expect(served.headers()['x-content-type-options']).toBe('nosniff')
  expect(served.headers()['content-security-policy']).toMatch(/\bsandbox\b/)
  statuses.push(upload.status(), served.status())
})

test('javascript: and data: links, raw HTML and a </script> title are inert on the article page and in its JSON-LD', async ({ page, lake }) => {
  const id = `e2e-xss-${Date.now().toString(36)}`
  const title = `Заголовок </script><script>window.__pwned="title"</script> <img src=x onerror="window.__pwned='img'">`
  const link = (key: string, href: string) => ({ _key: key, _type: 'link', href })
  const span = (key: string, text: string, marks: string[] = []) => ({ _type: 'span', _key: key, text, marks })
  await lake.mutate([
    {
      create: articleDocument(id, {
        title,
        lead: '<b onmouseover="window.__pwned=1">лид</b>',
        body: [
          {
            _type: 'block',
            _key: 'b1',
            style: 'normal',
            markDefs: [
              link('l1', 'javascript:window.__pwned="js"'),
              link('l2', ' JaVaScRiPt:window.__pwned="js2"'),
              link('l3', 'data:text/html,<script>alert(1)</script>'),
              link('l4', 'java\tscript:alert(1)'),
              link('l5', 'vbscript:msgbox(1)'),
            ],
            children: [
              span('s1', 'ссылка 1', ['l1']),
              span('s2', ' ссылка 2', ['l2']),
              span('s3', ' ссылка 3', ['l3']),
              span('s4', ' ссылка 4', ['l4']),
              span('s5', ' ссылка 5', ['l5']),
            ],
          },
          {
            _type: 'block',
            _key: 'b2',
            style: 'normal',
            markDefs: [],
            children: [span('s6', '<script>window.__pwned="body"</script><iframe src="https://evil.example"></iframe><img src=x onerror="window.__pwned=2">')],
          },
          { _type: 'html', _key: 'b3', html: '<script>window.__pwned="html"</script>' },
          { _type: 'block', _key: 'b4', style: '<script>', markDefs: [], children: [span('s7', 'стиль')] },
        ],
      }),
    },
  ])
  const response = await page.goto(`/news/${id}`)
  expect(response?.status()).toBe(200)
  await page.waitForLoadState('networkidle')
  const article = page.locator('main article, main').first()
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
  expect(
    await page
      .locator('a[href]')
      .evaluateAll((links) =>
        links.map((a) => a.getAttribute('href')!.replace(/\s/g, '').toLowerCase()).filter((href) => /^(javascript|data|vbscript):/.test(href)),
      ),
  ).toEqual([])
  await expect(article.locator('iframe, img[src="x"], b[onmouseover]')).toHaveCount(0)
  // The markup is shown as the text it is.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('</script><script>')
  await expect(article).toContainText('<script>window.__pwned="body"</script>')
  // JSON-LD: one script per object, each parses, and the title is inside it as text.
  const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents()
  expect(jsonLd.length).toBeGreaterThanOrEqual(2)
  const parsed = jsonLd.map((text) => JSON.parse(text) as { '@type': string; headline?: string })
  expect(parsed.find((item) => item['@type'] === 'NewsArticle')?.headline).toContain('</script><script>')
  const html = await (await page.request.get(`/news/${id}`)).text()
  expect(html).not.toMatch(/<\/script><script>window\.__pwned/)
})
