import { expect, test, type LakeFixture } from '../tests/fixtures/playwright'
import type { Page } from '@playwright/test'

/**
 * The unmodified Sanity Studio at /studio, in Chromium, against the local lake's HTTP API.
 * Each test works on its own scratch article so that the reader suites never see it change.
 */
test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })
// The Studio is heavy: on the 2-core CI machine with two workers one flow can take a minute, and
// opening it up to one under load.
test.describe.configure({ timeout: 180_000 })

async function scratchArticle(lake: LakeFixture, name: string) {
  const id = `e2e-${name}-${Date.now().toString(36)}`
  const demo = (await lake.getDocument('article-peregovory-tokaeva-i-van-i'))!
  await lake.mutate([
    {
      createOrReplace: {
        _id: id,
        _type: 'article',
        title: `Тестовая статья ${name}`,
        slug: { _type: 'slug', current: id },
        lead: 'Лид тестовой статьи.',
        language: 'ru',
        publishedAt: '2020-01-01T00:00:00.000Z',
        mainImage: demo.mainImage,
        topics: [{ _type: 'reference', _ref: 'topic-kultura', _key: 'k1' }],
        authors: [{ _type: 'reference', _ref: 'author-mariya-li', _key: 'a1' }],
        body: [],
      },
    },
  ])
  return id
}

async function openInStudio(page: Page, lake: LakeFixture, id: string) {
  await page.goto(`/studio/intent/edit/id=${id};type=article/#token=${lake.editorToken}`)
  const title = page.getByTestId('field-title').getByRole('textbox')
  await expect(title).toBeVisible({ timeout: 60_000 })
  return title
}

test('an editor logs in with a token link, sees the article list, edits and publishes; the edit persists', async ({ page, lake }) => {
  const id = await scratchArticle(lake, 'publish')
  await page.goto(`/studio#token=${lake.editorToken}`)
  await expect(page.getByTestId('pane-item-Лента')).toBeVisible({ timeout: 60_000 })
  expect(page.url()).not.toContain('token=') // the Studio takes the token out of the address bar

  const title = await openInStudio(page, lake, id)
  await title.click()
  await page.keyboard.press('End')
  await page.keyboard.type(' — правка')
  await expect.poll(async () => (await lake.getDocument(`drafts.${id}`))?.title, { timeout: 15_000 }).toBe('Тестовая статья publish — правка')
  expect((await lake.getDocument(id))!.title).toBe('Тестовая статья publish')

  await page.getByTestId('action-опубликовать').click()
  await expect.poll(async () => (await lake.getDocument(id))?.title, { timeout: 15_000 }).toBe('Тестовая статья publish — правка')
  await expect.poll(async () => lake.getDocument(`drafts.${id}`)).toBeUndefined()

  await page.reload()
  await expect(page.getByTestId('field-title').getByRole('textbox')).toHaveValue('Тестовая статья publish — правка', { timeout: 60_000 })
})

test('a second browser sees the first one’s edits live', async ({ page, browser, lake }) => {
  const id = await scratchArticle(lake, 'live')
  const title = await openInStudio(page, lake, id)

  const other = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 }, baseURL: test.info().project.use.baseURL })
  const otherPage = await other.newPage()
  const otherTitle = await openInStudio(otherPage, lake, id)

  await title.click()
  await page.keyboard.press('End')
  await page.keyboard.type(' (вместе)')
  await expect(otherTitle).toHaveValue('Тестовая статья live (вместе)', { timeout: 20_000 })
  await other.close()
})

test('discarding a draft restores the published version; unpublishing from the drafts view keeps the editor on the draft; deleting removes the document', async ({
  page,
  lake,
}) => {
  const id = await scratchArticle(lake, 'discard')
  const title = await openInStudio(page, lake, id)
  await title.fill('Черновик, который не нужен')
  await expect.poll(async () => (await lake.getDocument(`drafts.${id}`))?.title, { timeout: 15_000 }).toBe('Черновик, который не нужен')

  await page.getByTestId('action-menu-button').last().click()
  await page.getByRole('menuitem', { name: 'Отменить изменения' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Отменить изменения' }).click()
  await expect.poll(async () => lake.getDocument(`drafts.${id}`), { timeout: 15_000 }).toBeUndefined()
  await expect(title).toHaveValue('Тестовая статья discard', { timeout: 15_000 })

  // «Снять с публикации» in the normal (drafts) view, after a confirmation; the pane stays on the document, now a draft.
  await page.goto(`/studio/structure/feed;${id}`)
  await expect(title).toHaveValue('Тестовая статья discard', { timeout: 60_000 })
  await page.getByTestId('action-menu-button').last().click()
  await page.getByRole('menuitem', { name: 'Снять с публикации' }).click()
  // Sanity shows a confirmation as a popover by the action button.
  await expect(page.getByText('Снять «Тестовая статья discard» с публикации?')).toBeVisible()
  await page.getByRole('button', { name: 'Снять с публикации' }).last().click()
  await expect.poll(async () => lake.getDocument(id), { timeout: 15_000 }).toBeUndefined()
  expect((await lake.getDocument(`drafts.${id}`))?.title).toBe('Тестовая статья discard')
  await expect(title).toHaveValue('Тестовая статья discard')
  expect(page.url()).toContain(id)
  // …and the article is still in «Лента», as a draft.
  await page.getByRole('combobox', { name: 'Поиск по списку' }).first().fill('Тестовая статья discard')
  await expect(page.getByTestId('document-list-pane').first().getByText('Тестовая статья discard')).toBeVisible({ timeout: 30_000 })

  await page.getByTestId('action-menu-button').last().click()
  const remove = page.getByRole('menuitem', { name: 'Удалить' })
  await expect(remove).toBeEnabled({ timeout: 60_000 })
  await remove.click()
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /Удалить/ })
    .last()
    .click()
  await expect.poll(async () => lake.getDocument(`drafts.${id}`), { timeout: 15_000 }).toBeUndefined()
  expect(await lake.getDocument(id)).toBeUndefined()
})

test('an editor logs in from the Studio’s login screen with the lake’s provider', async ({ page, lake }) => {
  await page.goto('/studio')
  await page
    .getByRole('link', { name: /Вход по токену редакции/ })
    .or(page.getByRole('button', { name: /Вход по токену редакции/ }))
    .first()
    .click({ timeout: 60_000 })
  await expect(page.getByRole('heading', { name: 'Вход в редакцию' })).toBeVisible()
  await page.getByLabel('Токен').fill('ske_not-a-real-token')
  await page.getByRole('button', { name: 'Войти' }).click()
  await expect(page.getByRole('alert')).toContainText('Токен не подошёл')
  await page.getByLabel('Токен').fill(lake.editorToken)
  await page.getByRole('button', { name: 'Войти' }).click()
  await expect(page).toHaveURL(/\/studio/)
  await expect(page.getByTestId('pane-item-Лента')).toBeVisible({ timeout: 60_000 })
  expect(page.url()).not.toContain('sid=')
})

test('title, lead and SEO fields count characters live against their limits', async ({ page, lake }) => {
  const id = await scratchArticle(lake, 'counters')
  const title = await openInStudio(page, lake, id)
  const titleCount = page.getByTestId('field-title').getByTestId('character-count')
  await expect(titleCount).toHaveText(`${'Тестовая статья counters'.length} / 140`)
  await title.fill('Заголовок')
  await expect(titleCount).toHaveText('9 / 140')
  const lead = page.getByTestId('field-lead')
  await lead.getByRole('textbox').fill('л'.repeat(301))
  await expect(lead.getByTestId('character-count')).toHaveText('301 / 300')
  await page.getByRole('tab', { name: 'Публикация' }).click()
  await page.getByTestId('field-seo').getByRole('button', { name: 'SEO' }).click()
  await expect(page.getByTestId('field-seo.title').getByTestId('character-count')).toHaveText('0 / 70')
  await expect(page.getByTestId('field-seo.description').getByTestId('character-count')).toHaveText('0 / 160')
})
