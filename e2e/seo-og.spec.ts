import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import sharp from 'sharp'

const SEED_ARTICLE = 'peregovory-tokaeva-i-van-i'
const TOPIC = 'torgovlya'

/** The image route's path, with the hash suffix the bundler may add to its name. */
// Card addresses carry the internal edition segment of Russian pages (`/ru/news/…/opengraph-image-…`):
// Next builds them from the route's params; the proxy serves `/ru/…` cards without the 308.
const imageRoute = (path: string) => new RegExp(`^(/ru)?${path}(-[a-z0-9]+)?$`)

/** The page's Open Graph image tags, after checking that the image URL is absolute. */
async function ogImageOf(page: Page, path: string) {
  const response = await page.goto(path)
  expect(response?.status(), path).toBe(200)
  const meta = (property: string) => page.locator(`meta[property="${property}"]`).first().getAttribute('content')
  const url = await meta('og:image')
  expect(url, `${path}: og:image`).toMatch(/^https?:\/\//)
  return {
    url: new URL(url!),
    width: await meta('og:image:width'),
    height: await meta('og:image:height'),
    type: await meta('og:image:type'),
    alt: await meta('og:image:alt'),
    twitter: await page.locator('meta[name="twitter:image"]').first().getAttribute('content'),
  }
}

/** Fetches an image URL and checks it is a 1200×630 PNG; returns its bytes. */
async function expectCard(request: APIRequestContext, url: string) {
  const response = await request.get(url)
  expect(response.status(), url).toBe(200)
  expect(response.headers()['content-type'], url).toBe('image/png')
  const body = await response.body()
  expect(await sharp(body).metadata(), url).toMatchObject({ format: 'png', width: 1200, height: 630 })
  return body
}

test('an article and a topic have their own 1200×630 PNG social card, announced with its size', async ({ page, request, baseURL }) => {
  const cards: Buffer[] = []
  for (const [path, imagePath] of [
    [`/news/${SEED_ARTICLE}`, `/news/${SEED_ARTICLE}/opengraph-image`],
    [`/topics/${TOPIC}`, `/topics/${TOPIC}/opengraph-image`],
  ] as const) {
    const og = await ogImageOf(page, path)
    expect(og.url.origin, path).toBe(new URL(baseURL!).origin)
    // Turbopack names the route with a hash suffix: /news/[slug]/opengraph-image-5nvrt4.
    expect(og.url.pathname, path).toMatch(imageRoute(imagePath))
    expect([og.width, og.height, og.type], path).toEqual(['1200', '630', 'image/png'])
    expect(og.alt, path).toBeTruthy()
    cards.push(await expectCard(request, og.url.href))
    // The same card for X/Twitter.
    expect(og.twitter, path).toMatch(/^https?:\/\//)
    expect(new URL(og.twitter!).pathname, path).toMatch(imageRoute(imagePath.replace(/opengraph-image$/, 'twitter-image')))
    await expectCard(request, og.twitter!)
  }
  expect(cards[0]!.equals(cards[1]!), 'the article and the topic cards differ').toBe(false)
})

test('pages without a card of their own inherit the site card; a topic’s later pages its card', async ({ page, request }) => {
  for (const path of ['/', '/topics', '/countries/kitay']) {
    const og = await ogImageOf(page, path)
    expect(og.url.pathname, path).toMatch(imageRoute('/opengraph-image'))
    expect([og.width, og.height], path).toEqual(['1200', '630'])
  }
  await expectCard(request, (await ogImageOf(page, '/')).url.href)
  expect((await ogImageOf(page, '/topics/ekonomika/page/2')).url.pathname).toMatch(imageRoute('/topics/ekonomika/opengraph-image'))
})

test('the card of an unknown article or topic answers 404, not 500, and the 404 is not cached', async ({ page, request }) => {
  const article = (await ogImageOf(page, `/news/${SEED_ARTICLE}`)).url
  const topic = (await ogImageOf(page, `/topics/${TOPIC}`)).url
  for (const url of [
    new URL(article.href.replace(SEED_ARTICLE, 'no-such-article')),
    new URL(topic.href.replace(`/topics/${TOPIC}/`, '/topics/no-such-topic/')),
    new URL(article.href.replace(SEED_ARTICLE, 'no-such-article').replace('/opengraph-image', '/twitter-image')),
  ]) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await request.get(url.href)
      expect(response.status(), url.pathname).toBe(404)
      // Not cached: the slug may be published later (an embargo), and its card must then appear.
      expect(response.headers()['x-nextjs-cache'], url.pathname).not.toBe('HIT')
      expect(response.headers()['cache-control'] ?? '', url.pathname).not.toMatch(/s-maxage=\d{4,}/)
    }
  }
})
