import { expect, test } from '@playwright/test'

const SEED_TITLE = /Переговоры Токаева и Ван И/

test('home → the seed article → its people and countries → its trade topic lists it', async ({ page }) => {
  const home = await page.goto('/')
  expect(home?.status()).toBe(200)
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru')

  const lead = page.getByTestId('lead-story')
  await expect(lead.getByRole('heading', { name: SEED_TITLE })).toBeVisible()
  await expect(page.getByTestId('latest-news').getByRole('article')).toHaveCount(6)
  await lead.getByRole('link', { name: SEED_TITLE }).click()

  await expect(page).toHaveURL(/\/news\/peregovory-tokaeva-i-van-i$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE)
  await expect(page.getByText('пригласил делегацию из Казахстана поучаствовать в Международной выставке импортных товаров')).toBeVisible()
  await expect(page.getByRole('link', { name: 'https://baq.kz/' })).toHaveAttribute('href', 'https://baq.kz/')
  await expect(page.getByTestId('article-people').getByRole('link')).toHaveText(['Касым-Жомарт Токаев', 'Ван И', 'Си Цзиньпин'])
  await expect(page.getByTestId('article-countries').getByRole('link')).toHaveText(['Казахстан', 'Китай'])
  await expect(page.locator('time').first()).toHaveText(/\d{1,2} [а-я]+ \d{4} г\. в \d{2}:\d{2}/)

  const mainImage = page.locator('.article__figure--main img')
  await expect(mainImage).toHaveAttribute('alt', /Казахстана и Китая/)
  await expect.poll(() => mainImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)

  const related = page.getByRole('complementary', { name: 'Читайте также' }).getByRole('article')
  expect(await related.count()).toBeGreaterThanOrEqual(3)

  await page.getByTestId('article-people').getByRole('link', { name: 'Ван И' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ван И')
  await expect(page.getByText('Министр иностранных дел КНР')).toBeVisible()
  await expect(page.getByTestId('article-list').getByRole('link', { name: SEED_TITLE })).toBeVisible()
  await page.getByRole('link', { name: 'Китай' }).click()
  await expect(page).toHaveURL(/\/countries\/kitay$/)
  await expect(page.getByTestId('article-list').getByRole('link', { name: SEED_TITLE })).toBeVisible()
  await page.goBack()
  await page.goBack()

  await page.getByTestId('article-topics').getByRole('link', { name: 'Торговля' }).click()
  await expect(page).toHaveURL(/\/topics\/torgovlya$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Торговля')
  await expect(page.getByTestId('article-list').getByRole('link', { name: SEED_TITLE })).toBeVisible()
})

test('a topic with more than 20 articles paginates: first, next, previous, last, and out of range is 404', async ({ page }) => {
  await page.goto('/topics/ekonomika')
  const cards = page.getByTestId('article-list').getByRole('article')
  await expect(cards).toHaveCount(20)
  const firstPageTitles = await cards.getByRole('heading').allTextContents()
  const status = page.locator('.pagination__current')
  await expect(status).toHaveText(/Страница 1 из (\d+)/)
  const pageCount = Number((await status.textContent())!.match(/из (\d+)/)![1])
  expect(pageCount).toBeGreaterThan(1)

  await page.getByRole('link', { name: 'Следующая ›' }).click()
  await expect(page).toHaveURL(/\/topics\/ekonomika\/page\/2$/)
  await expect(status).toHaveText(`Страница 2 из ${pageCount}`)
  const secondPageTitles = await cards.getByRole('heading').allTextContents()
  expect(secondPageTitles.length).toBeGreaterThan(0)
  expect(secondPageTitles.filter((title) => firstPageTitles.includes(title))).toEqual([])
  await expect(page).toHaveTitle(/страница 2/)

  await page.getByRole('link', { name: '‹ Предыдущая' }).click()
  await expect(page).toHaveURL(/\/topics\/ekonomika$/)

  await page.getByRole('link', { name: 'Последняя »' }).click()
  await expect(page).toHaveURL(new RegExp(`/topics/ekonomika/page/${pageCount}$`))
  await expect(page.getByRole('link', { name: 'Следующая ›' })).toHaveCount(0)

  const beyond = await page.goto(`/topics/ekonomika/page/${pageCount + 1}`)
  expect(beyond?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Страница не найдена' })).toBeVisible()
})

test('unknown slugs and malformed page numbers answer with the 404 page', async ({ page }) => {
  for (const path of [
    '/news/no-such-article',
    '/topics/no-such-topic',
    '/topics/ekonomika/page/abc',
    '/topics/ekonomika/page/0',
    '/topics/ekonomika/page/02',
    '/no/such/page',
  ]) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByTestId('not-found'), path).toBeVisible()
  }
})

test('page 1 of a topic redirects to the topic itself', async ({ page }) => {
  const response = await page.goto('/topics/ekonomika/page/1')
  expect(response?.status()).toBe(200)
  await expect(page).toHaveURL(/\/topics\/ekonomika$/)
})

test('the topics index lists every topic with its article count', async ({ page }) => {
  await page.goto('/topics')
  const items = page.locator('.topic-index__item')
  expect(await items.count()).toBeGreaterThanOrEqual(8)
  await expect(items.filter({ hasText: 'Торговля' }).locator('.topic-index__count')).toHaveText(/\d+ стат(ья|ьи|ей)/)
  await items.getByRole('link', { name: 'Сельское хозяйство' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Сельское хозяйство')
})

test('under the main photo the caption and the credit are two lines, not one sentence', async ({ page }) => {
  await page.goto('/news/peregovory-tokaeva-i-van-i')
  const caption = page.locator('.article__figure--main figcaption .figure__caption')
  const credit = page.locator('.article__figure--main figcaption .credit')
  await expect(caption).toBeVisible()
  await expect(credit).toHaveText('Иллюстрация: Baspa')
  const [captionBox, creditBox] = [await caption.boundingBox(), await credit.boundingBox()]
  expect(creditBox!.y).toBeGreaterThanOrEqual(captionBox!.y + captionBox!.height - 1)
})
