import { existsSync, readFileSync } from 'node:fs'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { errorsOf, validateSitemap, type SitemapSchema } from '../tests/fixtures/sitemap-xsd'

const SEED_SLUG = 'peregovory-tokaeva-i-van-i'
/** scripts/e2e.sh sets SITE_URL to the server under test; every address in a sitemap starts with it. */
const SITE_URL = process.env.SITE_URL ?? `http://localhost:${process.env.E2E_PORT ?? 3100}`
const HOUR = 3_600_000
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }
const text = (xml: string) => xml.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity]!)
/** The text of every `<name>` element (the XSD check has already established the structure). */
const all = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((match) => text(match[1]!))
const blocks = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((match) => match[1]!)

/** The lake's "now" (LAKE_TEST_CLOCK_FILE): the embargo test moves it forward by writing an offset to this file. */
function serverNow() {
  const file = process.env.BASPA_TEST_CLOCK_FILE
  return Date.now() + (file && existsSync(file) ? Number(readFileSync(file, 'utf8')) || 0 : 0)
}

async function fetchValid(request: APIRequestContext, path: string, schema: SitemapSchema) {
  const response = await request.get(path)
  expect(response.status(), path).toBe(200)
  expect(response.headers()['content-type'], path).toBe('application/xml; charset=utf-8')
  const xml = await response.text()
  const result = await validateSitemap(xml, schema, path.slice(1).replaceAll('/', '_'))
  expect(result.valid, `${path} against ${schema}-0.9.xsd:\n${errorsOf(result)}`).toBe(true)
  return xml
}

test('the sitemap index and each sitemap it lists validate, with absolute addresses, lastmods and the seed article’s image', async ({ request }) => {
  const index = await fetchValid(request, '/sitemap.xml', 'siteindex')
  const children = all(index, 'loc')
  for (const child of children) expect(child.startsWith(`${SITE_URL}/`), child).toBe(true)
  const paths = children.map((child) => new URL(child).pathname)
  expect(paths).toEqual(
    expect.arrayContaining([
      '/sitemaps/articles-1.xml',
      '/sitemaps/topics.xml',
      '/sitemaps/people.xml',
      '/sitemaps/countries.xml',
      '/sitemaps/authors.xml',
      '/sitemaps/pages.xml',
      '/news-sitemap.xml',
    ]),
  )
  for (const lastmod of all(index, 'lastmod')) expect(lastmod).toMatch(W3C_DATETIME)

  let seed: string | undefined
  let pageCount = 0
  for (const path of paths) {
    const xml = await fetchValid(request, path, 'sitemap')
    const locs = all(xml, 'loc')
    expect(locs.length, path).toBeGreaterThan(0)
    pageCount += locs.length
    for (const loc of locs) expect(loc.startsWith(`${SITE_URL}/`), `${path}: ${loc}`).toBe(true)
    seed ??= blocks(xml, 'url').find((block) => block.includes(`<loc>${SITE_URL}/news/${SEED_SLUG}</loc>`))
    // A sitemap lists pages, not 404s: the first page of each answers 200.
    expect((await request.get(new URL(locs[0]!).pathname)).status(), locs[0]).toBe(200)
  }
  expect(pageCount).toBeGreaterThan(46)

  expect(seed, 'the seed article is in an article sitemap').toBeDefined()
  expect(all(seed!, 'lastmod')[0]).toMatch(W3C_DATETIME)
  const [image] = all(seed!, 'image:loc')
  expect(image).toMatch(/^https?:\/\//)
  const picture = await request.get(image!)
  expect(picture.status(), image).toBe(200)
  expect(picture.headers()['content-type']).toMatch(/^image\//)
})

test('the Google News sitemap holds the articles of the last 48 hours, newest first, at most 1 000', async ({ request }) => {
  const xml = await fetchValid(request, '/news-sitemap.xml', 'sitemap')
  expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')
  const entries = blocks(xml, 'url')
  expect(entries.length).toBeGreaterThan(0)
  expect(entries.length).toBeLessThanOrEqual(1000)
  expect(entries.some((entry) => entry.includes(`<loc>${SITE_URL}/news/${SEED_SLUG}</loc>`))).toBe(true)
  for (const entry of entries) {
    expect(all(entry, 'news:name')).toEqual(['Baspa'])
    // Translations are news in their own language, at their edition's address.
    const [language] = all(entry, 'news:language')
    expect(['ru', 'kk', 'en']).toContain(language)
    expect(all(entry, 'loc')[0]).toMatch(new RegExp(`^${SITE_URL}${language === 'ru' ? '' : `/${language}`}/news/`))
    expect(all(entry, 'news:title')[0]?.length).toBeGreaterThan(0)
  }
  const dates = all(xml, 'news:publication_date')
  expect(dates).toHaveLength(entries.length)
  for (const date of dates) expect(date).toMatch(W3C_DATETIME)
  expect([...dates].sort().reverse()).toEqual(dates)
  // The window is computed when the sitemap is generated: up to a minute earlier (revalidate = 60), or
  // at build time for the first request after it. Ten minutes cover both; nothing is from the future.
  const now = serverNow()
  for (const date of dates) {
    expect(Date.parse(date), date).toBeGreaterThanOrEqual(now - 48 * HOUR - 10 * 60_000)
    expect(Date.parse(date), date).toBeLessThanOrEqual(now)
  }
})

test('robots.txt keeps crawlers out of the Studio, the API and search, and names both sitemaps', async ({ request }) => {
  const response = await request.get('/robots.txt')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toContain('text/plain')
  const lines = (await response.text()).split('\n').map((line) => line.trim())
  expect(lines.map((line) => line.toLowerCase())).toContain('user-agent: *')
  expect(lines).toEqual(
    expect.arrayContaining([
      'Allow: /',
      'Disallow: /studio',
      'Disallow: /api/',
      'Disallow: /search',
      `Sitemap: ${SITE_URL}/sitemap.xml`,
      `Sitemap: ${SITE_URL}/news-sitemap.xml`,
    ]),
  )
  // The local lake serves the articles' images under /lake/images: they stay crawlable.
  const disallowed = lines.filter((line) => line.startsWith('Disallow:')).map((line) => line.slice('Disallow:'.length).trim())
  expect(disallowed.filter((prefix) => prefix && '/lake/images/local/production/a.jpg'.startsWith(prefix))).toEqual([])
})

test('an unknown sitemap or an article sitemap past the last one is 404', async ({ request }) => {
  for (const path of [
    '/sitemaps/nope.xml',
    '/sitemaps/articles-99.xml',
    '/sitemaps/articles-0.xml',
    '/sitemaps/articles-01.xml',
    '/sitemaps/topics',
    '/sitemaps/',
  ]) {
    expect((await request.get(path)).status(), path).toBe(404)
  }
})
