import { expect, test } from '../tests/fixtures/playwright'

test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })
test.describe.configure({ timeout: 180_000 })

test('the newsroom desk: feed, drafts, articles by topic, taxonomy lists and the one settings document', async ({ page, lake }) => {
  const draftId = `drafts.e2e-structure-${Date.now().toString(36)}`
  const draftTitle = `Черновик для структуры ${Date.now().toString(36)}`
  await lake.mutate([{ create: { _id: draftId, _type: 'article', title: draftTitle, lead: 'Лид.' } }])

  await page.goto(`/studio#token=${lake.editorToken}`)
  const deskItem = (title: string) => page.getByTestId(`pane-item-${title}`)
  await expect(deskItem('Лента')).toBeVisible({ timeout: 60_000 })
  for (const item of ['Черновики', 'Запланированные', 'По темам', 'Темы', 'Персоны', 'Страны', 'Авторы', 'Переводы', 'Настройки сайта'])
    await expect(deskItem(item)).toBeVisible()

  // The feed: newest first, each item with its date and lead; other tests add articles, so search it.
  await deskItem('Лента').click()
  const feed = page.getByTestId('document-list-pane').last()
  await page.getByRole('combobox', { name: 'Поиск по списку' }).last().fill('Переговоры Токаева')
  await expect(feed.getByText(/Переговоры Токаева и Ван И/).first()).toBeVisible({ timeout: 60_000 })

  // Drafts: the unpublished article is there, published-only articles are not.
  await deskItem('Черновики').click()
  const drafts = page.getByTestId('document-list-pane').last()
  // Other specs add drafts while this one runs, and the list renders only its visible rows: search it.
  await page.getByRole('combobox', { name: 'Поиск по списку' }).last().fill(draftTitle)
  await expect(drafts.getByText(draftTitle)).toBeVisible({ timeout: 60_000 })
  await page.getByRole('combobox', { name: 'Поиск по списку' }).last().fill('Рыбакина')
  await expect(drafts.getByText(/Рыбакина вышла в полуфинал/)).toHaveCount(0)
  await page.getByRole('combobox', { name: 'Поиск по списку' }).last().fill('')

  // By topic: a topic, then its articles.
  await deskItem('По темам').click()
  await page.getByTestId('document-list-pane').last().getByText('Торговля', { exact: true }).click()
  const topicList = page.getByTestId('document-list-pane').last()
  await page.getByRole('combobox', { name: 'Поиск по списку' }).last().fill('Переговоры Токаева')
  await expect(topicList.getByText(/Переговоры Токаева и Ван И/).first()).toBeVisible({ timeout: 60_000 })

  // The settings singleton opens straight into its form; it cannot be created again from the menu.
  await deskItem('Настройки сайта').click()
  await expect(page.getByTestId('field-title').getByRole('textbox')).toHaveValue('Baspa', { timeout: 60_000 })
  await page.getByTestId('new-document-button').click()
  const templates = page.getByRole('listbox', { name: 'new-document.new-document' })
  await expect(templates.getByRole('link', { name: 'Статья' })).toBeVisible()
  await expect(templates.getByRole('link')).toHaveText(['Автор', 'Переводы статьи', 'Персона', 'Статья', 'Страна', 'Тема'])
})

test('the Presentation tool shows the site in draft mode, with the document the page is about', async ({ page, lake }) => {
  await page.goto(`/studio/presentation?preview=${encodeURIComponent('/news/peregovory-tokaeva-i-van-i')}#token=${lake.editorToken}`)
  const site = page.frameLocator('iframe').first()
  await expect(site.getByTestId('draft-mode-banner')).toBeVisible({ timeout: 60_000 })
  await expect(site.getByRole('heading', { level: 1 })).toHaveText(/Переговоры Токаева и Ван И/)
  // The tool resolves the page to its article (mainDocuments) and opens it beside the preview.
  await expect(page.getByTestId('field-title').getByRole('textbox')).toHaveValue(/Переговоры Токаева и Ван И/, { timeout: 60_000 })
})
