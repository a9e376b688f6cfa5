import { expect, test } from '../tests/fixtures/playwright'

/**
 * The Kazakh and English editions: addresses, <html lang>, interface strings, taxonomy names, the
 * language switcher, hreflang alternates and canonical addresses, redirects and 404s.
 */
const SEED = 'tokaev-prinyal-ministra-inostrannyh-del-kitaya-van-i'
const SEED_KK = 'toqaev-qytay-syrtqy-ister-ministri-van-iydi-qabyldady'
const SEED_EN = 'tokayev-receives-chinese-foreign-minister-wang-yi'
const SITE = process.env.SITE_URL ?? `http://localhost:${process.env.E2E_PORT ?? 3100}`

const EDITIONS = [
  {
    locale: 'kk',
    prefix: '/kk',
    seed: SEED_KK,
    allTopics: 'Барлық тақырыптар',
    latest: 'Соңғы жаңалықтар',
    topic: 'Саясат',
    person: 'Қасым-Жомарт Тоқаев',
    country: 'Қазақстан',
    search: 'Іздеу',
    notFound: 'Бет табылмады',
    og: 'kk_KZ',
  },
  {
    locale: 'en',
    prefix: '/en',
    seed: SEED_EN,
    allTopics: 'All topics',
    latest: 'Latest news',
    topic: 'Politics',
    person: 'Kassym-Jomart Tokayev',
    country: 'Kazakhstan',
    search: 'Search',
    notFound: 'Page not found',
    og: 'en_US',
  },
] as const

for (const edition of EDITIONS) {
  test.describe(`${edition.locale} edition`, () => {
    test('home, article, topic, person, country, author and search answer 200 in the edition’s language', async ({ page }) => {
      const pages = [
        `${edition.prefix}`,
        `${edition.prefix}/news/${edition.seed}`,
        `${edition.prefix}/topics/politika`,
        `${edition.prefix}/people/kasym-zhomart-tokaev`,
        `${edition.prefix}/countries/kazakhstan`,
        `${edition.prefix}/authors/aygerim-saparova`,
        `${edition.prefix}/topics`,
        `${edition.prefix}/search?q=${encodeURIComponent(edition.locale === 'kk' ? 'Тоқаев' : 'Tokayev')}`,
      ]
      for (const path of pages) {
        const response = await page.goto(path)
        expect(response?.status(), path).toBe(200)
        await expect(page.locator('html'), path).toHaveAttribute('lang', edition.locale)
        await expect(page.getByRole('navigation').first().getByRole('link', { name: edition.allTopics }), path).toBeVisible()
        await expect(page.locator('meta[property="og:locale"]'), path).toHaveAttribute('content', edition.og)
      }
    })

    test('localised strings and taxonomy names; lists hold the edition’s articles only', async ({ page }) => {
      await page.goto(edition.prefix)
      await expect(page.getByRole('heading', { name: edition.latest })).toBeVisible()
      await expect(page.getByTestId('latest-news').getByRole('link').first()).toBeVisible()
      await page.goto(`${edition.prefix}/topics/politika`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(edition.topic)
      await page.goto(`${edition.prefix}/people/kasym-zhomart-tokaev`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(edition.person)
      // Every card links to an article of this edition.
      for (const href of await page
        .getByTestId('article-list')
        .locator('h3 a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
        expect(href).toMatch(new RegExp(`^${edition.prefix}/news/`))
      }
      await page.goto(`${edition.prefix}/countries/kazakhstan`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(edition.country)
      await page.goto(`${edition.prefix}/search?q=${encodeURIComponent(edition.locale === 'kk' ? 'Тоқаев' : 'Tokayev')}`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(edition.search)
      const results = page.getByTestId('search-results').locator('h2 a')
      await expect(results.first()).toBeVisible()
      for (const href of await results.evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
        expect(href).toMatch(new RegExp(`^${edition.prefix}/news/`))
    })

    test('the seed article: switcher to its translations, hreflang of exactly its translations, canonical, inLanguage', async ({ page }) => {
      await page.goto(`${edition.prefix}/news/${edition.seed}`)
      const switcher = page.getByTestId('language-switcher')
      await expect(switcher.locator('a[data-locale="ru"]')).toHaveAttribute('href', `/news/${SEED}`)
      const other = edition.locale === 'kk' ? { locale: 'en', href: `/en/news/${SEED_EN}` } : { locale: 'kk', href: `/kk/news/${SEED_KK}` }
      await expect(switcher.locator(`a[data-locale="${other.locale}"]`)).toHaveAttribute('href', other.href)
      const alternates = await page
        .locator('link[rel="alternate"][hreflang]')
        .evaluateAll((links) => Object.fromEntries(links.map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')])))
      expect(alternates).toEqual({
        ru: `${SITE}/news/${SEED}`,
        kk: `${SITE}/kk/news/${SEED_KK}`,
        en: `${SITE}/en/news/${SEED_EN}`,
        'x-default': `${SITE}/news/${SEED}`,
      })
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${SITE}${edition.prefix}/news/${edition.seed}`)
      const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents()
      expect(
        jsonLd.map((text) => JSON.parse(text) as { '@type': string; inLanguage?: string }).find((data) => data['@type'] === 'NewsArticle')?.inLanguage,
      ).toBe(edition.locale)
      // Following the switcher lands on the Russian original.
      await switcher.locator('a[data-locale="ru"]').click()
      await expect(page).toHaveURL(`${SITE}/news/${SEED}`)
      await expect(page.locator('html')).toHaveAttribute('lang', 'ru')
    })

    test('unknown addresses are the edition’s 404', async ({ page }) => {
      for (const path of [`${edition.prefix}/news/unknown`, `${edition.prefix}/news/${SEED}`, `${edition.prefix}/no-such-page`]) {
        const response = await page.goto(path)
        expect(response?.status(), path).toBe(404)
        await expect(page.locator('html'), path).toHaveAttribute('lang', edition.locale)
        await expect(page.getByTestId('not-found').getByRole('heading'), path).toHaveText(edition.notFound)
      }
    })
  })
}

test('an untranslated article: the switcher goes to each edition’s home, and there are no hreflang alternates', async ({ page }) => {
  await page.goto('/news/peregovory-tokaeva-i-van-i')
  const switcher = page.getByTestId('language-switcher')
  await expect(switcher.locator('a[data-locale="kk"]')).toHaveAttribute('href', '/kk')
  await expect(switcher.locator('a[data-locale="en"]')).toHaveAttribute('href', '/en')
  await expect(page.locator('link[rel="alternate"][hreflang]')).toHaveCount(0)
  await switcher.locator('a[data-locale="kk"]').click()
  await expect(page).toHaveURL(`${SITE}/kk`)
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk')
})

test('a topic page has hreflang alternates for every edition and x-default → Russian', async ({ page }) => {
  await page.goto('/kk/topics/diplomatiya')
  const alternates = await page
    .locator('link[rel="alternate"][hreflang]')
    .evaluateAll((links) => Object.fromEntries(links.map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')])))
  expect(alternates).toEqual({
    ru: `${SITE}/topics/diplomatiya`,
    kk: `${SITE}/kk/topics/diplomatiya`,
    en: `${SITE}/en/topics/diplomatiya`,
    'x-default': `${SITE}/topics/diplomatiya`,
  })
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${SITE}/kk/topics/diplomatiya`)
})

test('Russian stays at the root: /ru/… answers 308 with the unprefixed address', async ({ request, page }) => {
  for (const [from, to] of [
    ['/ru', '/'],
    [`/ru/news/${SEED}`, `/news/${SEED}`],
    ['/ru/topics/politika?x=1', '/topics/politika?x=1'],
  ] as const) {
    const response = await request.get(from, { maxRedirects: 0 })
    expect(response.status(), from).toBe(308)
    expect(new URL(response.headers().location!, SITE).pathname + new URL(response.headers().location!, SITE).search, from).toBe(to)
  }
  // `/ru/` first loses its trailing slash (Next's own 308), then its prefix.
  const response = await page.goto('/ru/')
  expect(response?.status()).toBe(200)
  expect(new URL(page.url()).pathname).toBe('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru')
  await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute('content', 'ru_RU')
})

test('an unknown language segment is a 404; route handlers keep their addresses', async ({ request }) => {
  expect((await request.get('/xx/')).status()).toBe(404)
  expect((await request.get('/xx/news/x')).status()).toBe(404)
  for (const path of ['/rss.xml', '/sitemap.xml', '/robots.txt', '/feed.json']) expect((await request.get(path)).status(), path).toBe(200)
  expect((await request.get('/kk/news/%E0%A4%A')).status()).toBe(400)
})
