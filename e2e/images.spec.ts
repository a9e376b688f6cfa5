import sharp from 'sharp'
import { expect, test } from '../tests/fixtures/playwright'

const ARTICLE = '/news/peregovory-tokaeva-i-van-i'
const params = (url: string) => new URL(url, 'http://x').searchParams

test("the article's main image: srcset, sizes, width and height, preloaded with high priority; cards below the fold are lazy", async ({ page }) => {
  await page.goto(ARTICLE)
  const main = page.locator('.article__figure--main img')
  await expect(main).toHaveAttribute('sizes', /\d+px/)
  const srcset = (await main.getAttribute('srcset'))!
  const entries = srcset.split(', ').map((entry) => {
    const [url = '', descriptor = ''] = entry.trim().split(' ')
    return { url, width: Number(descriptor.replace('w', '')) }
  })
  const widths = entries.map((entry) => entry.width)
  // From a phone's width to a retina desktop's column, and no more entries than that needs (each is
  // written into the HTML and the RSC payload of every card).
  expect(widths.length).toBeGreaterThanOrEqual(3)
  expect(widths.length).toBeLessThanOrEqual(5)
  expect(Math.min(...widths)).toBeLessThanOrEqual(640)
  expect(Math.max(...widths)).toBeGreaterThanOrEqual(1520)
  // Every srcset entry is a 16:9 crop of its own width.
  for (const entry of entries) {
    const query = params(entry.url)
    expect(Number(query.get('w'))).toBe(entry.width)
    expect(Number(query.get('h'))).toBe(Math.round((Number(query.get('w')) * 9) / 16))
  }
  expect(Number(await main.getAttribute('width'))).toBeGreaterThan(0)
  expect(Number(await main.getAttribute('height'))).toBeGreaterThan(0)
  expect(await main.getAttribute('loading')).not.toBe('lazy')
  await expect(main).toHaveAttribute('fetchpriority', 'high')
  const preloaded = await page.locator('link[rel="preload"][as="image"]').evaluateAll((links) => links.map((link) => link.getAttribute('imagesrcset')))
  expect(preloaded).toContain(srcset)

  const related = page.getByRole('complementary', { name: 'Читайте также' }).locator('img')
  expect(await related.count()).toBeGreaterThan(0)
  for (const img of await related.all()) {
    await expect(img).toHaveAttribute('loading', 'lazy')
    expect(await img.getAttribute('fetchpriority')).toBeNull()
    await expect(img).toHaveAttribute('width', /\d+/)
    await expect(img).toHaveAttribute('height', /\d+/)
  }
})

test('the home page: the lead image is prioritised, the lower grids are lazy', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByTestId('lead-story').locator('img')).toHaveAttribute('fetchpriority', 'high')
  const lower = page.locator('.home-section img')
  expect(await lower.count()).toBeGreaterThan(4)
  for (const img of await lower.all()) await expect(img).toHaveAttribute('loading', 'lazy')
})

test('the lake answers fm=webp/avif, q, fit=crop with w and h, and rect with the right type and pixels', async ({ page, request }) => {
  await page.goto(ARTICLE)
  const src = (await page.locator('.article__figure--main img').getAttribute('src'))!
  // The site's /lake/images, passed to the lake's image API (hosted mode: Sanity's CDN, same parameters).
  const image = new URL(src, page.url())
  const fetchImage = async (query: string) => {
    const response = await request.get(`${image.origin}${image.pathname}?${query}`, { headers: { accept: 'image/jpeg' } })
    expect(response.status(), query).toBe(200)
    const body = await response.body()
    return { type: response.headers()['content-type'], bytes: body.length, ...(await sharp(body).metadata()) }
  }
  expect(await fetchImage('w=320&h=180&fit=crop&fm=webp')).toMatchObject({ type: 'image/webp', width: 320, height: 180 })
  expect(await fetchImage('w=200&h=200&fit=crop&fm=avif')).toMatchObject({ type: 'image/avif', width: 200, height: 200 })
  expect(await fetchImage('rect=100,50,600,600&w=300&fm=png')).toMatchObject({ type: 'image/png', width: 300, height: 300 })
  const [low, high] = [await fetchImage('w=640&fm=jpg&q=20'), await fetchImage('w=640&fm=jpg&q=95')]
  expect(low.type).toBe('image/jpeg')
  expect(low.bytes).toBeLessThan(high.bytes)
})

test("a person's portrait is a square crop around the editor's hotspot, in srcset sizes fit for its box", async ({ page, lake }) => {
  const person = (await lake.getDocument('person-dimash-kudaybergen'))!
  const seed = (await lake.getDocument('article-peregovory-tokaeva-i-van-i'))!
  const asset = (seed.mainImage as { asset: unknown }).asset
  const hotspot = { x: 0.85, y: 0.5, width: 0.1, height: 0.2 }
  await lake.mutate([{ patch: { id: person._id, set: { photo: { _type: 'figure', asset, alt: 'Димаш Кудайберген на сцене', hotspot } } } }])

  await expect
    .poll(
      async () => {
        await page.goto('/people/dimash-kudaybergen')
        return page.locator('.section-page__header img').count()
      },
      { intervals: [500], timeout: 15_000 },
    )
    .toBe(1)
  const photo = page.locator('.section-page__header img')
  await expect(photo).toHaveAttribute('alt', 'Димаш Кудайберген на сцене')
  await expect(photo).toHaveAttribute('sizes', '160px')
  await expect(photo).not.toHaveAttribute('loading', 'lazy')
  const query = params((await photo.getAttribute('src'))!)
  expect(query.get('w')).toBe(query.get('h'))
  const [left = NaN, , width = NaN, height] = query.get('rect')!.split(',').map(Number)
  expect(width).toBe(height)
  // The hotspot is at 85 % of the width: the square is pushed to the right edge, not centred.
  expect(left + width).toBe(1600)
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === img.naturalHeight && img.naturalWidth > 0)).toBe(true)

  await lake.mutate([{ patch: { id: person._id, unset: ['photo'] } }])
})
