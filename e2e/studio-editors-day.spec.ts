import { existsSync, readFileSync } from 'node:fs'
import type { APIRequestContext, Page } from '@playwright/test'
import { slugify } from '../lib/slug'
import { formatScheduleTime } from '../lib/schedule'
import { expect, test, type LakeFixture } from '../tests/fixtures/playwright'
import { uploadAndCropMainImage } from './studio-steps'

/**
 * An editor's day in the Studio, in Russian, against the real lake and site: create an article
 * (reference search, image, crop), validate it, preview it, schedule it, publish, edit, change its
 * address (301), unpublish and delete it. On every screen it passes, the Studio's visible text has
 * no English beyond a few names; publish → visible times are logged as `[measure]` lines.
 */
test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })
test.describe.configure({ timeout: 480_000 })

/**
 * Latin words allowed on screen: product names, the field titles «SEO» and «Адрес (slug)», key names
 * in shortcuts (as printed on keyboards), and «English», the English edition's name in the language choice.
 */
const ALLOWED = new Set(['Sanity', 'Baspa', 'Studio', 'SEO', 'slug', 'Ctrl', 'Alt', 'Shift', 'Cmd', 'Enter', 'Esc', 'English'])
/** Content of this run shown in fields' lists (the article's addresses in «Прежние адреса»). */
const runContent: string[] = []

/**
 * Where the Studio shows content rather than its interface: document previews in lists, search
 * results and reference fields (their titles and subtitles). Their words are the newsroom's, in
 * any edition's language, and are not checked.
 */
const CONTENT = [
  '[data-testid="default-preview__header"]',
  '[data-testid="detail-preview__header"]',
  '[data-testid="compact-preview__header"]',
  '[data-testid="block-preview__header"]',
  '[data-testid="inline-preview-title"]',
].join(', ')

const words = (value: string) => value.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g) ?? []

/** The English words visible in the Studio's own document (frames, such as the preview, are the site's). */
async function englishOnScreen(page: Page, contentWords: readonly string[] = []) {
  const { text, content } = await page.evaluate((selector) => {
    const previews = [...document.querySelectorAll<HTMLElement>(selector)].map((element) => element.innerText)
    return { text: document.body.innerText, content: previews.join('\n') }
  }, CONTENT)
  const allowed = new Set([...ALLOWED, ...contentWords.flatMap(words), ...runContent.flatMap(words), ...words(content)])
  return [...new Set(words(text))].filter((word) => word.length > 1 && !allowed.has(word))
}

const screens: string[] = []
/** The run's suffix in the article's title and address (base 36 letters). */
const RUN = Date.now().toString(36)
async function noEnglish(page: Page, screen: string, contentWords: readonly string[] = []) {
  // Let lazily loaded bundles and toasts render before reading the screen.
  await page.waitForTimeout(500)
  expect.soft(await englishOnScreen(page, [...contentWords, ...(RUN.match(/[a-z]+/g) ?? [])]), `English text on the screen «${screen}»`).toEqual([])
  screens.push(screen)
}

async function get(request: APIRequestContext, path: string) {
  try {
    return await request.get(path, { maxRedirects: 0 })
  } catch (error) {
    if (!/ECONNRESET|socket hang up/.test(String(error))) throw error
    return request.get(path, { maxRedirects: 0 })
  }
}
/** `200 <h1>`, `301 /news/x` or the status: what a reader gets at the path. */
async function answer(request: APIRequestContext, path: string) {
  const response = await get(request, path)
  const location = response.headers().location
  if (location) return `${response.status()} ${new URL(location, 'http://x').pathname}`
  if (response.status() !== 200) return String(response.status())
  return `200 ${/<h1[^>]*>([^<]*)<\/h1>/.exec(await response.text())?.[1] ?? ''}`
}

/** How far scripts/e2e.sh's test clock is ahead of the real one (milliseconds). */
function clockOffset() {
  const file = process.env.BASPA_TEST_CLOCK_FILE
  return file && existsSync(file) ? Number(readFileSync(file, 'utf8')) || 0 : 0
}

async function documentOf(lake: LakeFixture, id: string) {
  return (await lake.getDocument(id)) as (Record<string, unknown> & { _rev?: string; publishedAt?: string }) | undefined
}

/** Clicks Publish until the lake has the change: the Studio may still be validating (the slug check asks the lake). */
async function publishAndMeasure(page: Page, lake: LakeFixture, id: string, done: (doc: Record<string, unknown>) => boolean) {
  const publish = page.getByTestId('action-опубликовать')
  const clicked = Date.now()
  let committed = 0
  await expect(async () => {
    if (await publish.isEnabled()) await publish.click()
    const doc = await documentOf(lake, id)
    expect(doc && done(doc), 'the lake has the published change').toBe(true)
    // The lake stamps `_updatedAt` by its clock, which the embargo tests may have moved on.
    committed = Date.parse(String(doc!._updatedAt)) - clockOffset()
  }).toPass({ intervals: [500, 1_000, 2_000], timeout: 60_000 })
  return { clicked, committed }
}

test('an editor’s day in Russian: create, validate, preview, schedule, publish, edit, change the address, unpublish, delete', async ({
  page,
  lake,
  request,
}) => {
  const title = `День редактора ${RUN}`
  const slug = slugify(title)
  runContent.push(slug)
  // Readers are checked with a request context of their own: the Studio's browser has the preview's
  // draft-mode cookie after «Предпросмотр», and would be shown drafts.
  const measures: string[] = []
  const measure = (what: string, since: number) => {
    const line = `${what}: ${Date.now() - since} ms`
    measures.push(line)
    console.log(`[measure] ${line}`)
  }

  // The desk.
  await page.goto(`/studio#token=${lake.editorToken}`)
  await expect(page.getByTestId('pane-item-Лента')).toBeVisible({ timeout: 60_000 })
  await noEnglish(page, 'Редакция (рабочий стол)')
  await page.getByTestId('pane-item-Лента').click()
  await expect(page.getByTestId('document-list-pane').last()).toBeVisible()
  await noEnglish(page, 'Лента (список статей)')

  // Create: an empty article; validation speaks Russian before anything is filled.
  await page.goto('/studio/intent/create/template=article;type=article/')
  const titleField = page.getByTestId('field-title').getByRole('textbox')
  await expect(titleField).toBeVisible({ timeout: 60_000 })
  await noEnglish(page, 'Новая статья (форма)')
  await titleField.fill(title)
  await expect(page.getByTestId('field-title').getByTestId('character-count')).toHaveText(`${title.length} / 140`)
  await page.getByRole('button', { name: 'Проверка' }).click()
  await expect(page.getByText('Лид обязателен').first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText('Выберите хотя бы одну тему').first()).toBeVisible()
  await noEnglish(page, 'Проверка (ошибки)')
  await page.getByRole('button', { name: 'Закрыть проверку' }).click()
  await page.getByTestId('action-menu-button').last().click()
  await expect(page.getByRole('menu')).toBeVisible()
  await noEnglish(page, 'Меню действий документа')
  await page.keyboard.press('Escape')

  await page.getByTestId('field-slug').getByRole('button', { name: 'Создать из заголовка' }).click()
  await expect(page.getByTestId('field-slug').getByRole('textbox')).toHaveValue(slug)
  await page.getByTestId('field-lead').getByRole('textbox').fill('Редакция проверяет свой рабочий день от черновика до удаления.')

  // The main image: upload, alt text, then crop in the hotspot & crop dialog.
  await uploadAndCropMainImage(page, 'Синее поле с красной полосой слева')
  await noEnglish(page, 'Кадрирование изображения')
  await page.keyboard.press('Escape')

  // References by search: topic (tags group) and author (publication group).
  await page.getByTestId('group-tab-tags').click()
  await page.getByTestId('field-topics').getByRole('button', { name: 'Добавить' }).click()
  await page.getByTestId('field-topics').getByTestId('autocomplete').fill('Торговля')
  await expect(page.getByTestId('autocomplete-popover')).toBeVisible({ timeout: 30_000 })
  await noEnglish(page, 'Поиск ссылки (темы)')
  await page
    .getByTestId('autocomplete-popover')
    .getByRole('button', { name: /^Торговля/ })
    .click()
  await page.getByTestId('group-tab-meta').click()
  await page.getByTestId('field-authors').getByRole('button', { name: 'Добавить' }).click()
  await page.getByTestId('field-authors').getByTestId('autocomplete').fill('Айгерим')
  await page
    .getByTestId('autocomplete-popover')
    .getByRole('button', { name: /Айгерим Сапарова/ })
    .click()
  await noEnglish(page, 'Вкладка «Публикация»')

  // The date picker: Russian months, weeks from Monday; the field shows a 24-hour time.
  expect(await page.getByTestId('field-publishedAt').getByRole('textbox').first().inputValue()).toMatch(/\d{1,2}:\d{2}(?!.*[AP]M)/)
  await page
    .getByTestId('field-publishedAt')
    .getByRole('button', { name: /Открыть календарь|Выбрать дату/ })
    .click()
  await expect(page.getByRole('option', { name: 'Декабрь' })).toBeAttached()
  expect(await page.locator('body').innerText()).toMatch(/Пн\s+Вт\s+Ср\s+Чт\s+Пт\s+Сб\s+Вс/)
  await noEnglish(page, 'Календарь')
  await page.keyboard.press('Escape')
  await page.getByTestId('group-tab-content').click()

  // Find the draft's id, then the preview.
  let id = ''
  await expect(async () => {
    const response = await lake.api.get(
      `data/query/production?query=${encodeURIComponent('*[_type == "article" && title == $t][0]._id')}&%24t=${encodeURIComponent(JSON.stringify(title))}&perspective=raw`,
    )
    id = String(((await response.json()) as { result: string | null }).result ?? '').replace(/^drafts\./, '')
    expect(id).not.toBe('')
  }).toPass({ timeout: 20_000 })
  await expect
    .poll(async () => ((await documentOf(lake, `drafts.${id}`))?.mainImage as { crop?: { left: number } } | undefined)?.crop?.left ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(0.35)
  await page.goto(`/studio/presentation?preview=${encodeURIComponent(`/news/${slug}`)}`)
  await expect(page.frameLocator('iframe').first().getByTestId('draft-mode-banner')).toBeVisible({ timeout: 60_000 })
  await expect(page.frameLocator('iframe').first().getByRole('heading', { level: 1 })).toHaveText(title, { timeout: 30_000 })
  await noEnglish(page, 'Предпросмотр', slug.split('-'))

  // Schedule: a minute or two ahead (the field has minute precision), the server's clock being the test clock.
  await page.goto(`/studio/structure/feed;${id}`)
  await expect(titleField).toHaveValue(title, { timeout: 60_000 })
  const offset = clockOffset()
  const at = new Date(Date.now() + offset + 120_000)
  at.setSeconds(0, 0)
  await page.getByTestId('action-menu-button').last().click()
  await page.getByRole('menuitem', { name: 'Запланировать' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByText('Запланировать публикацию')).toBeVisible()
  await dialog.getByRole('textbox').fill('31.02.2030 10:00')
  await expect(dialog.getByText('Такой даты или времени нет')).toBeVisible()
  await dialog.getByRole('textbox').fill(formatScheduleTime(at))
  await noEnglish(page, 'Запланировать (диалог)')
  await dialog.getByRole('button', { name: 'Запланировать' }).click()
  await expect.poll(async () => (await documentOf(lake, id))?.publishedAt, { timeout: 30_000 }).toBe(at.toISOString())
  expect(await answer(request, `/news/${slug}`)).toBe('404')
  await page.goto('/studio/structure/scheduled')
  await expect(page.getByTestId('document-list-pane').last().getByText(title)).toBeVisible({ timeout: 60_000 })
  await noEnglish(page, 'Запланированные')
  await expect.poll(() => answer(request, `/news/${slug}`), { intervals: [1_000], timeout: 200_000 }).toBe(`200 ${title}`)
  measure('embargo end → article page live', at.getTime() - offset)

  // Edit the title and publish: the time from the click to the new title on the page.
  await page.goto(`/studio/structure/feed;${id}`)
  await expect(titleField).toHaveValue(title, { timeout: 60_000 })
  const edited = `${title} (обновлено)`
  await titleField.fill(edited)
  await expect.poll(async () => (await documentOf(lake, `drafts.${id}`))?.title, { timeout: 15_000 }).toBe(edited)
  const editClicked = await publishAndMeasure(page, lake, id, (doc) => doc.title === edited)
  await expect.poll(() => answer(request, `/news/${slug}`), { intervals: [100], timeout: 15_000 }).toBe(`200 ${edited}`)
  measure('publish click (edit) → article page shows it', editClicked.clicked)
  measure('publish committed (edit) → article page shows it', editClicked.committed)
  await noEnglish(page, 'Статья после публикации')

  // Change the address: the old one answers 301 to the new one.
  const renamed = `${slug}-novyy`
  runContent.push(renamed)
  const slugBox = page.getByTestId('field-slug').getByRole('textbox')
  await slugBox.fill(renamed)
  await expect
    .poll(async () => ((await documentOf(lake, `drafts.${id}`))?.slug as { current?: string } | undefined)?.current, { timeout: 15_000 })
    .toBe(renamed)
  const renameClicked = await publishAndMeasure(page, lake, id, (doc) => (doc.slug as { current?: string }).current === renamed)
  await expect.poll(() => answer(request, `/news/${slug}`), { intervals: [100], timeout: 15_000 }).toBe(`301 /news/${renamed}`)
  measure('publish click (new address) → old address redirects', renameClicked.clicked)
  measure('publish committed (new address) → old address redirects', renameClicked.committed)
  expect(await answer(request, `/news/${renamed}`)).toBe(`200 ${edited}`)

  // History lists real events, not «Deleted by retention policy».
  // The status bar's button (the last event's author and time) opens it.
  await page
    .getByRole('button', { name: /^Редактор / })
    .first()
    .click()
  await expect(page.getByText('История').first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText(/^Опубликовано/).first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText('Удалено по сроку хранения истории')).toHaveCount(0)
  await noEnglish(page, 'История')
  await page.keyboard.press('Escape')

  // Unpublish from the drafts view, with a confirmation: the page goes, the editor stays on the draft.
  await page.getByTestId('action-menu-button').last().click()
  await page.getByRole('menuitem', { name: 'Снять с публикации' }).click()
  await expect(page.getByText(`Снять «${edited}» с публикации?`)).toBeVisible()
  await noEnglish(page, 'Снять с публикации (подтверждение)')
  const unpublishClicked = Date.now()
  await page.getByRole('button', { name: 'Снять с публикации' }).last().click()
  await expect.poll(() => answer(request, `/news/${renamed}`), { intervals: [200], timeout: 60_000 }).toBe('404')
  measure('unpublish confirm → article page gone', unpublishClicked)
  await expect(titleField).toHaveValue(edited)
  expect((await documentOf(lake, `drafts.${id}`))?.title).toBe(edited)

  // Delete.
  await page.getByTestId('action-menu-button').last().click()
  await page.getByRole('menuitem', { name: 'Удалить' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await noEnglish(page, 'Удалить документ (подтверждение)', [edited])
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /Удалить/ })
    .last()
    .click()
  await expect.poll(async () => documentOf(lake, `drafts.${id}`), { timeout: 15_000 }).toBeUndefined()
  expect(await documentOf(lake, id)).toBeUndefined()

  test
    .info()
    .annotations.push({ type: 'screens checked for English', description: screens.join('; ') }, { type: 'publish → visible', description: measures.join('; ') })
  console.log(`[screens] ${screens.join('; ')}`)
})
