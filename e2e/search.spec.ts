import { expect, test } from '../tests/fixtures/playwright'

/** Reader search (/search), through the site's HTTP pages; the freshness test writes to the lake. */

const SEED_TITLE = 'Переговоры Токаева и Ван И: торговля, агросектор и борьба с COVID-19'
const search = (params: Record<string, string>) => `/search?${new URLSearchParams(params)}`
const countOf = async (summary: string | null) => Number(/(\d+) материал/.exec(summary ?? '')?.[1] ?? NaN)

test('the header search box: «переговорах Токаева» → the seed article first, matches marked, noindex', async ({ page }) => {
  await page.goto('/')
  const box = page.getByRole('banner').getByRole('searchbox', { name: 'Поиск' })
  await box.fill('переговорах Токаева')
  await box.press('Enter')

  await expect(page).toHaveURL(/\/search\?q=/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Поиск')
  await expect(page.getByRole('searchbox', { name: 'Что искать' })).toHaveValue('переговорах Токаева')
  await expect(page.getByTestId('search-summary')).toHaveText(/По запросу «переговорах Токаева» найден[оы]? \d+ материал/)
  const first = page.getByTestId('search-results').getByRole('article').first()
  await expect(first.getByRole('heading', { level: 2 })).toHaveText(SEED_TITLE)
  await expect(first.getByRole('heading', { level: 2 }).locator('mark')).toHaveText(['Переговоры', 'Токаева'])
  await expect(first.locator('.search-hit__snippet mark').first()).toBeVisible()
  await expect(page).toHaveTitle(/^Поиск: переговорах Токаева — /)
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/)
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /(^|, *)follow/)

  await first.getByRole('link', { name: SEED_TITLE }).click()
  await expect(page).toHaveURL(/\/news\/peregovory-tokaeva-i-van-i$/)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })
  test('the header box and the filters are plain forms', async ({ page }) => {
    await page.goto('/topics')
    await page.getByRole('banner').getByRole('searchbox', { name: 'Поиск' }).fill('переговоры')
    await page.getByRole('banner').getByRole('button', { name: 'Найти' }).click()
    await expect(page).toHaveURL(/\/search\?q=/)
    await page.getByLabel('Страна').selectOption({ label: 'Китай' })
    await page.getByRole('search', { name: 'Параметры поиска' }).getByRole('button', { name: 'Найти' }).click()
    await expect(page).toHaveURL(/country=kitay/)
    await expect(page.getByTestId('search-results').getByRole('heading', { name: SEED_TITLE })).toBeVisible()
  })
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } })
  test('results fit the screen, the header search box included', async ({ page }) => {
    await page.goto(search({ q: 'Казахстан', topic: 'ekonomika' }))
    await expect(page.getByTestId('search-results').getByRole('article').first()).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
    await expect(page.getByRole('banner').getByRole('searchbox', { name: 'Поиск' })).toBeVisible()
  })
})

test('morphology: «переговоры», «переговорах» and «переговоров» find the same articles', async ({ page }) => {
  const titles: string[][] = []
  for (const q of ['переговоры', 'переговорах', 'переговоров']) {
    await page.goto(search({ q }))
    titles.push(await page.getByTestId('search-results').getByRole('heading', { level: 2 }).allTextContents())
  }
  expect(titles[0]!.length).toBeGreaterThan(3)
  expect(titles[1]!.sort()).toEqual(titles[0]!.sort())
  expect(titles[2]!.sort()).toEqual(titles[0]!.sort())
})

test('filtering by topic narrows the results, keeps the query, and works with the plain form', async ({ page }) => {
  await page.goto(search({ q: 'переговоры' }))
  const all = await countOf(await page.getByTestId('search-summary').textContent())
  expect(all).toBeGreaterThan(3)

  await page.getByLabel('Тема').selectOption({ label: 'Торговля' })
  await page.getByRole('search', { name: 'Параметры поиска' }).getByRole('button', { name: 'Найти' }).click()
  await expect(page).toHaveURL(/topic=torgovlya/)
  await expect(page).toHaveURL(/q=%D0%BF%D0%B5%D1%80%D0%B5%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D1%8B/)
  await expect(page.getByTestId('search-summary')).toContainText('в теме «Торговля»')
  const filtered = await countOf(await page.getByTestId('search-summary').textContent())
  expect(filtered).toBeGreaterThan(0)
  expect(filtered).toBeLessThan(all)
  await expect(page.getByTestId('search-results').getByRole('heading', { name: SEED_TITLE })).toBeVisible()
  await expect(page.getByLabel('Тема')).toHaveValue('torgovlya')

  // A date range before the demo began finds nothing, and offers to search without filters.
  await page.goto(search({ q: 'переговоры', from: '2001-01-01', to: '2001-12-31' }))
  await expect(page.getByTestId('search-summary')).toContainText('ничего не найдено')
  await page.getByRole('link', { name: 'Искать без фильтров' }).click()
  await expect(page).toHaveURL(/\/search\?q=[^&]+$/)
  expect(await countOf(await page.getByTestId('search-summary').textContent())).toBe(all)
})

test('pagination keeps the query and the filters; a page past the last shows the last', async ({ page }) => {
  await page.goto(search({ q: 'Казахстан', topic: 'ekonomika' }))
  const status = page.locator('.pagination__current')
  await expect(status).toHaveText(/Страница 1 из (\d+)/)
  const pageCount = Number(/из (\d+)/.exec((await status.textContent())!)![1])
  expect(pageCount).toBeGreaterThan(1)
  const cards = page.getByTestId('search-results').getByRole('article')
  await expect(cards).toHaveCount(10)
  const firstPage = await cards.getByRole('heading').allTextContents()

  await page.getByRole('link', { name: 'Следующая ›' }).click()
  await expect(page).toHaveURL(/page=2/)
  await expect(page).toHaveURL(/topic=ekonomika/)
  await expect(status).toHaveText(`Страница 2 из ${pageCount}`)
  const secondPage = await cards.getByRole('heading').allTextContents()
  expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([])
  await expect(page.getByRole('searchbox', { name: 'Что искать' })).toHaveValue('Казахстан')

  const beyond = await page.goto(search({ q: 'Казахстан', topic: 'ekonomika', page: '9999' }))
  expect(beyond?.status()).toBe(200)
  await expect(status).toHaveText(`Страница ${pageCount} из ${pageCount}`)
})

test('markup in the query is shown as text: no script runs', async ({ page }) => {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  const q = '<script>alert(1)</script>'
  const response = await page.goto(search({ q }))
  expect(response?.status()).toBe(200)
  expect(await response!.text()).not.toContain(q)
  await expect(page.getByTestId('search-summary')).toContainText(`«${q}»`)
  await expect(page.getByRole('searchbox', { name: 'Что искать' })).toHaveValue(q)
  await expect(page).toHaveTitle(/^Поиск: <script>alert\(1\)<\/script>/)
  const img = await page.goto(search({ q: '"><img src=x onerror=alert(2)>' }))
  expect(img?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Поиск')
  expect(await page.locator('img[src="x"]').count()).toBe(0)
  expect(dialogs).toEqual([])
})

test('an empty or blank query gives the search form with examples', async ({ page }) => {
  for (const path of ['/search', '/search?q=', '/search?q=%20%20%20', '/search?q=&topic=&country=&from=&to=']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(200)
    await expect(page.getByTestId('search-summary'), path).toContainText('Введите слово или фразу')
    await expect(page.getByTestId('search-results'), path).toHaveCount(0)
  }
  await page.getByTestId('search-summary').getByRole('link', { name: 'инфляция' }).click()
  await expect(page.getByTestId('search-results').getByRole('article').first()).toContainText(/инфляция/i)
})

test('a 1000-character query is cut with a notice, not refused', async ({ page }) => {
  const response = await page.goto(search({ q: 'переговоры '.repeat(91).trim() }))
  expect(response?.status()).toBe(200)
  await expect(page.getByTestId('search-notices')).toContainText('Запрос длиннее 200 знаков')
  await expect(page.getByTestId('search-results').getByRole('article').first()).toBeVisible()
})

test('odd parameters never give an error page', async ({ page }) => {
  for (const path of [
    '/search?page=abc',
    '/search?q=%D0%BF%D0%B5%D1%80%D0%B5%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D1%8B&page=0',
    '/search?q=x&page=-1',
    '/search?q=x&page=1e9',
    '/search?q=a&q=b&page=2&page=3',
    '/search?from=2026-13-45&to=abc',
    '/search?from=2026-12-31&to=2026-01-01',
    '/search?topic=%3Cb%3E&country=..%2F..%2Fetc',
    '/search?topic=no-such-topic',
    `/search?q=${encodeURIComponent('*[_type=="article"]')}`,
    `/search?q=${encodeURIComponent('") || true')}`,
    '/search?q=%00%01',
    '/search?q=%E0%A4%A',
    `/search?q=${'%F0%9F%99%82'.repeat(300)}`,
  ]) {
    const response = await page.request.get(path)
    expect(response.status(), path).toBe(200)
    expect(await response.text(), path).toContain('<h1>Поиск</h1>')
  }
  await page.goto('/search?q=%D0%BF%D0%B5%D1%80%D0%B5%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D1%8B&topic=no-such-topic')
  await expect(page.getByTestId('search-notices')).toContainText('фильтр по теме не применён')
  await expect(page.getByTestId('search-results').getByRole('article').first()).toBeVisible()
})

test.describe('freshness', () => {
  test('a published article is found at once and an unpublished one disappears, without a restart', async ({ page, lake }) => {
    // A word no other article has: Cyrillic letters from the current time.
    const word = `бармаглот${Array.from(Date.now().toString(36), (c) => 'абвгдежзиклмнопрстуфхцчшщэюя'[parseInt(c, 36) % 28]).join('')}`
    const id = `e2e-search-${Date.now().toString(36)}`
    const title = `Найден ${word} в степи`
    await lake.mutate([
      {
        create: {
          _id: id,
          _type: 'article',
          title,
          slug: { _type: 'slug', current: id },
          lead: 'Лид статьи для проверки поиска.',
          language: 'ru',
          publishedAt: new Date(Date.now() - 60_000).toISOString(),
          topics: [{ _type: 'reference', _ref: 'topic-kultura', _key: 't1' }],
          authors: [{ _type: 'reference', _ref: 'author-aygerim-saparova', _key: 'a1' }],
          body: [
            {
              _type: 'block',
              _key: 'b1',
              style: 'normal',
              markDefs: [],
              children: [{ _type: 'span', _key: 's1', text: `Учёные описали ${word}а подробно.`, marks: [] }],
            },
          ],
        },
      },
    ])
    const results = async () => (await page.request.get(search({ q: word }))).text()
    const published = Date.now()
    await expect.poll(results, { intervals: [200], timeout: 10_000 }).toContain(id)
    console.log(`[measure] publish → found by search: ${Date.now() - published} ms`)

    await lake.act([{ actionType: 'sanity.action.document.unpublish', draftId: `drafts.${id}`, publishedId: id }])
    const unpublished = Date.now()
    await expect.poll(results, { intervals: [200], timeout: 10_000 }).not.toContain(id)
    console.log(`[measure] unpublish → gone from search: ${Date.now() - unpublished} ms`)
    await page.goto(search({ q: word }))
    await expect(page.getByTestId('search-summary')).toContainText('ничего не найдено')
  })
})
