import { expect, test } from '@playwright/test'

test('the people index: photo or initials, name, role, country and count, the most written about first; a name leads to the page', async ({ page }) => {
  await page.goto('/people')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Персоны')
  const cards = page.getByTestId('people-list').getByRole('listitem')
  expect(await cards.count()).toBeGreaterThanOrEqual(19)
  const counts = (await page.getByTestId('person-count').allTextContents()).map((text) => parseInt(text, 10))
  expect(counts).toEqual([...counts].sort((a, b) => b - a))
  const tokayev = cards.filter({ hasText: 'Касым-Жомарт Токаев' })
  await expect(tokayev).toContainText('Президент Республики Казахстан')
  await expect(tokayev.getByRole('link', { name: 'Казахстан' })).toHaveAttribute('href', '/countries/kazakhstan')
  await tokayev.getByRole('link', { name: 'Касым-Жомарт Токаев' }).click()
  await expect(page).toHaveURL(/\/people\/kasym-zhomart-tokaev$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Касым-Жомарт Токаев')
  await expect(page.getByText('Президент Республики Казахстан')).toBeVisible()
  await expect(page.getByTestId('article-list').getByRole('article').first()).toBeVisible()
})

test('the people index has one address for page 1, and none past its last page', async ({ page }) => {
  const first = await page.goto('/people/page/1')
  expect(first?.status()).toBe(200)
  await expect(page).toHaveURL(/\/people$/)
  for (const path of ['/people/page/2', '/people/page/0', '/people/page/02']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByTestId('not-found'), path).toBeVisible()
  }
})

test('a country page: flag and code, its people in the news, its articles; the countries index links it', async ({ page }) => {
  await page.goto('/countries')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страны')
  const china = page.getByTestId('countries-list').getByRole('listitem').filter({ hasText: 'Китай' })
  await expect(china).toContainText('CN')
  await china.getByRole('link', { name: 'Китай' }).click()
  await expect(page).toHaveURL(/\/countries\/kitay$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Китай')
  await expect(page.locator('.section-page__kind')).toContainText('CN')
  const people = page.getByRole('region', { name: 'Люди в новостях' }).getByTestId('people-list')
  await expect(people.getByRole('link', { name: 'Ван И' })).toBeVisible()
  await expect(people.getByRole('link', { name: 'Си Цзиньпин' })).toBeVisible()
  await expect(page.getByTestId('article-list').getByRole('link', { name: /Переговоры Токаева и Ван И/ })).toBeVisible()
})

test('an author page: name, bio, the articles they signed', async ({ page }) => {
  await page.goto('/authors/aygerim-saparova')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Айгерим Сапарова')
  await expect(page.getByText(/Политический обозреватель/)).toBeVisible()
  await expect(page.getByTestId('article-list').getByRole('article').first()).toBeVisible()
})

test('topic pages show every topic with its count and, after page 1, the newest in the topic; home sections show their counts', async ({ page }) => {
  await page.goto('/topics/ekonomika')
  const counts = page.getByTestId('topic-counts')
  await expect(counts.locator('[aria-current="page"]')).toHaveText('Экономика')
  await expect(counts.getByRole('link', { name: 'Торговля' })).toBeVisible()
  await expect(counts).toContainText(/\d+ стат/)
  await expect(page.getByTestId('latest-in-topic')).toHaveCount(0)
  const newest = await page.getByTestId('article-list').getByRole('article').first().getByRole('heading').textContent()

  await page.goto('/topics/ekonomika/page/2')
  await expect(page.getByTestId('latest-in-topic').getByRole('heading', { level: 3 }).first()).toHaveText(newest!)

  await page.goto('/')
  const sectionCounts = await page.getByTestId('section-count').allTextContents()
  expect(sectionCounts.length).toBeGreaterThanOrEqual(6)
  for (const text of sectionCounts) expect(text).toMatch(/^\d+ стат(ья|ьи|ей)$/)
})
