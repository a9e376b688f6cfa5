import type { Page } from '@playwright/test'
import Parser from 'rss-parser'
import { expect, test } from '@playwright/test'

const SEED = 'peregovory-tokaeva-i-van-i'
const SITE = process.env.SITE_URL ?? `http://localhost:${process.env.E2E_PORT ?? 3100}`

const meta = (page: Page, key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`)
const canonical = (page: Page) => page.locator('link[rel="canonical"]').getAttribute('href')

/** Every JSON-LD block of the page, parsed (a block that is not valid JSON fails the test). */
async function jsonLd(page: Page): Promise<Record<string, unknown>[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents()
  return blocks.map((text) => JSON.parse(text) as Record<string, unknown>)
}
const types = (blocks: Record<string, unknown>[]) => blocks.map((block) => block['@type']).sort()

test('an article: canonical, Open Graph and Twitter tags, large image previews, NewsArticle and breadcrumbs', async ({ page }) => {
  await page.goto(`/news/${SEED}`)
  expect(await canonical(page)).toBe(`${SITE}/news/${SEED}`)
  await expect(page).toHaveTitle(/^Переговоры Токаева и Ван И.* — Baspa$/)
  await expect(meta(page, 'description')).toHaveAttribute('content', /.{40,}/)
  await expect(meta(page, 'og:type')).toHaveAttribute('content', 'article')
  await expect(meta(page, 'og:url')).toHaveAttribute('content', `${SITE}/news/${SEED}`)
  await expect(meta(page, 'og:locale')).toHaveAttribute('content', 'ru_RU')
  await expect(meta(page, 'og:site_name')).toHaveAttribute('content', 'Baspa')
  await expect(meta(page, 'article:published_time')).toHaveAttribute('content', /^\d{4}-\d\d-\d\dT/)
  await expect(meta(page, 'article:modified_time')).toHaveAttribute('content', /^\d{4}-\d\d-\d\dT/)
  await expect(meta(page, 'article:section')).toHaveAttribute('content', 'Дипломатия')
  expect(await meta(page, 'article:tag').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('content')))).toEqual(
    expect.arrayContaining(['Торговля', 'Сельское хозяйство', 'COVID-19']),
  )
  await expect(meta(page, 'twitter:card')).toHaveAttribute('content', 'summary_large_image')
  await expect(meta(page, 'robots')).toHaveAttribute('content', /max-image-preview:large/)
  await expect(meta(page, 'robots')).not.toHaveAttribute('content', /noindex/)
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]').first()).toHaveAttribute('href', `${SITE}/rss.xml`)

  const blocks = await jsonLd(page)
  expect(types(blocks)).toEqual(['BreadcrumbList', 'NewsArticle'])
  const article = blocks.find((block) => block['@type'] === 'NewsArticle')!
  expect(article).toMatchObject({
    '@context': 'https://schema.org',
    inLanguage: 'ru',
    isAccessibleForFree: true,
    mainEntityOfPage: { '@id': `${SITE}/news/${SEED}` },
  })
  expect(String(article.headline).length).toBeLessThanOrEqual(110)
  for (const key of ['description', 'datePublished', 'dateModified', 'author', 'publisher', 'about', 'mentions']) expect(article[key], key).toBeTruthy()
  const images = article.image as string[]
  expect(images).toHaveLength(3)
  // Each crop is a real 1200 px wide image.
  for (const url of images) {
    const response = await page.request.get(url)
    expect(response.status(), url).toBe(200)
    expect(response.headers()['content-type']).toBe('image/jpeg')
  }
  expect(images[0]).toMatch(/[?&]w=1200&h=675/)
  const logo = (article.publisher as { logo: { url: string } }).logo.url
  const logoResponse = await page.request.get(logo)
  expect(logoResponse.status(), logo).toBe(200)
  expect(logoResponse.headers()['content-type']).toBe('image/png')
  const authors = article.author as { url: string; name: string }[]
  expect(authors.length).toBeGreaterThan(0)
  expect((await page.request.get(authors[0]!.url)).status()).toBe(200)
  const crumbs = (blocks.find((block) => block['@type'] === 'BreadcrumbList')!.itemListElement as { item: string }[]).map((crumb) => crumb.item)
  expect(crumbs).toEqual([`${SITE}/`, `${SITE}/topics/diplomatiya`, `${SITE}/news/${SEED}`])
})

test('topic pages: canonical to themselves, rel prev/next, «страница N», breadcrumbs and the topic feed', async ({ page }) => {
  await page.goto('/topics/ekonomika')
  expect(await canonical(page)).toBe(`${SITE}/topics/ekonomika`)
  await expect(page.locator('link[rel="prev"]')).toHaveCount(0)
  await expect(page.locator('link[rel="next"]')).toHaveAttribute('href', `${SITE}/topics/ekonomika/page/2`)
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"][href$="/topics/ekonomika/rss.xml"]')).toHaveCount(1)
  expect(types(await jsonLd(page))).toEqual(['BreadcrumbList'])

  await page.goto('/topics/ekonomika/page/2')
  await expect(page).toHaveTitle('Экономика — страница 2 — Baspa')
  expect(await canonical(page)).toBe(`${SITE}/topics/ekonomika/page/2`)
  await expect(page.locator('link[rel="prev"]')).toHaveAttribute('href', `${SITE}/topics/ekonomika`)
  await expect(page.locator('link[rel="next"]')).toHaveCount(0)
  await expect(meta(page, 'og:url')).toHaveAttribute('content', `${SITE}/topics/ekonomika/page/2`)
})

test('home, person and author pages: WebSite with search and the organisation once; Person', async ({ page }) => {
  await page.goto('/')
  // Next.js writes the root URL without its trailing slash.
  expect(await canonical(page)).toMatch(new RegExp(`^${SITE}/?$`))
  await expect(page).toHaveTitle('Baspa — новости Казахстана')
  await expect(meta(page, 'og:type')).toHaveAttribute('content', 'website')
  const home = await jsonLd(page)
  expect(types(home)).toEqual(['NewsMediaOrganization', 'WebSite'])
  expect(JSON.stringify(home)).toContain(`${SITE}/search?q={search_term_string}`)

  await page.goto('/people/kasym-zhomart-tokaev')
  expect(await canonical(page)).toBe(`${SITE}/people/kasym-zhomart-tokaev`)
  const person = await jsonLd(page)
  expect(types(person)).toEqual(['BreadcrumbList', 'Person'])
  expect(person.find((block) => block['@type'] === 'Person')).toMatchObject({ name: 'Касым-Жомарт Токаев', url: `${SITE}/people/kasym-zhomart-tokaev` })

  await page.goto('/countries/kitay')
  expect(await canonical(page)).toBe(`${SITE}/countries/kitay`)
  await expect(meta(page, 'og:url')).toHaveAttribute('content', `${SITE}/countries/kitay`)
  await expect(meta(page, 'og:image')).toHaveAttribute('content', new RegExp(`^${SITE}/`))
  expect(types(await jsonLd(page))).toEqual(['BreadcrumbList'])

  await page.goto(`/news/${SEED}`)
  await page.locator('a[rel="author"]').first().click()
  await expect(page).toHaveURL(/\/authors\/[a-z-]+$/)
  await expect(page.locator('.section-page__kind')).toHaveText('Автор')
  expect(await canonical(page)).toBe(page.url())
  await expect(meta(page, 'og:image')).toHaveAttribute('content', new RegExp(`^${SITE}/`))
  expect(types(await jsonLd(page))).toEqual(['BreadcrumbList', 'Person'])
  expect(await page.locator('article.card').count()).toBeGreaterThan(0)
  expect((await page.request.get('/authors/no-such-author')).status()).toBe(404)
})

test('the Studio is noindex; the 404 page is not canonical to anything', async ({ request }) => {
  const studio = await (await request.get('/studio')).text()
  expect(studio).toMatch(/<meta name="robots" content="noindex, nofollow"/)
  const missing = await request.get('/news/no-such-article')
  expect(missing.status()).toBe(404)
  expect(await missing.text()).not.toContain('rel="canonical"')
})

test('RSS, Atom, JSON Feed and a topic feed parse and carry the seed article with its full text', async ({ request }) => {
  const parser = new Parser({ customFields: { item: ['content:encoded'] } })
  for (const [path, type] of [
    ['/rss.xml', 'application/rss+xml'],
    ['/atom.xml', 'application/atom+xml'],
    ['/topics/torgovlya/rss.xml', 'application/rss+xml'],
  ] as const) {
    const response = await request.get(path)
    expect(response.status(), path).toBe(200)
    expect(response.headers()['content-type']).toContain(type)
    const xml = await response.text()
    const feed = await parser.parseString(xml)
    expect(feed.items.length, path).toBeGreaterThan(5)
    expect(feed.items.length, path).toBeLessThanOrEqual(50)
    const seed = feed.items.find((item) => item.link === `${SITE}/news/${SEED}`)
    expect(seed, `${path} has the seed article`).toBeTruthy()
    // rss-parser reads RSS categories only; Atom's are <category term="…">.
    if (type === 'application/rss+xml') expect(seed!.categories).toContain('Торговля')
    else expect(xml).toMatch(/<category [^>]*term="Торговля"/)
    expect(seed!['content:encoded'] ?? seed!.content).toContain('Ван И')
  }
  const json = (await (await request.get('/feed.json')).json()) as { items: { url: string; content_html: string }[] }
  expect(json.items.find((item) => item.url === `${SITE}/news/${SEED}`)?.content_html).toContain('<p>')

  const old = await request.get('/feed.xml', { maxRedirects: 0 })
  expect(old.status()).toBe(301)
  expect(old.headers().location).toBe('/rss.xml')
  expect((await request.get('/topics/no-such-topic/rss.xml')).status()).toBe(404)
})

test('the site icon: /favicon.ico is an icon, and pages of every edition link it', async ({ request, page }) => {
  const icon = await request.get('/favicon.ico')
  expect(icon.status()).toBe(200)
  expect(icon.headers()['content-type']).toBe('image/x-icon')
  // An ICO file: reserved 0, type 1, then the number of images.
  const bytes = await icon.body()
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 3])
  for (const path of ['/', '/kk/topics', '/en/news/tokayev-receives-chinese-foreign-minister-wang-yi']) {
    await page.goto(path)
    await expect(page.locator('head link[rel="icon"]').first(), path).toHaveAttribute('href', /^\/favicon\.ico/)
  }
})
