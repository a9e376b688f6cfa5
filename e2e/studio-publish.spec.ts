import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { APIRequestContext } from '@playwright/test'
import { createPreviewSecret, expect, test, type LakeFixture } from '../tests/fixtures/playwright'

test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })
test.describe.configure({ timeout: 180_000 })

const TOPIC_PAGE = '/topics/kultura'

/** A published article in the «Культура» topic, made through the lake's API (the Studio flow of creating one is studio-create). */
async function publishedArticle(lake: LakeFixture, name: string, publishedAt = new Date(Date.now() - 60_000).toISOString()) {
  const slug = `e2e-${name}-${Date.now().toString(36)}`
  const title = `Статья ${slug}`
  await lake.mutate([
    {
      create: {
        _id: slug,
        _type: 'article',
        title,
        slug: { _type: 'slug', current: slug },
        lead: 'Лид статьи для проверки публикации.',
        language: 'ru',
        publishedAt,
        topics: [{ _type: 'reference', _ref: 'topic-kultura', _key: 't1' }],
        authors: [{ _type: 'reference', _ref: 'author-aygerim-saparova', _key: 'a1' }],
        body: [],
      },
    },
  ])
  return { id: slug, slug, title }
}

/** A GET that retries once when a kept-alive connection was closed by the server under it (ECONNRESET): a transport race, not an answer. */
async function get(request: APIRequestContext, path: string) {
  try {
    return await request.get(path)
  } catch (error) {
    if (!/ECONNRESET|socket hang up/.test(String(error))) throw error
    return request.get(path)
  }
}
const status = async (request: APIRequestContext, path: string) => (await get(request, path)).status()
const heading = async (request: APIRequestContext, path: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await (await get(request, path)).text())?.[1]
const pageText = async (request: APIRequestContext, path: string) => (await get(request, path)).text()

test('an unpublished headline edit stays off the site but shows in preview; publishing it changes the page; unpublishing takes it off every page', async ({
  page,
  browser,
  lake,
}) => {
  const article = await publishedArticle(lake, 'edit')
  await expect.poll(() => heading(page.request, `/news/${article.slug}`), { timeout: 10_000 }).toBe(article.title)
  await expect.poll(async () => pageText(page.request, TOPIC_PAGE), { timeout: 10_000 }).toContain(article.title)

  await page.goto(`/studio/intent/edit/id=${article.id};type=article/#token=${lake.editorToken}`)
  const title = page.getByTestId('field-title').getByRole('textbox')
  await expect(title).toHaveValue(article.title, { timeout: 60_000 })
  await title.click()
  await page.keyboard.press('End')
  await page.keyboard.type(' — уточнено')
  await expect.poll(async () => (await lake.getDocument(`drafts.${article.id}`))?.title, { timeout: 15_000 }).toBe(`${article.title} — уточнено`)
  expect(await heading(page.request, `/news/${article.slug}`), 'a draft never reaches readers').toBe(article.title)

  // Preview: only with a secret such as the Studio's Presentation tool writes; then the draft, a banner, noindex, and a way out.
  const previewer = await browser.newContext({ baseURL: test.info().project.use.baseURL })
  const preview = await previewer.newPage()
  const enable = (secret: string) => `/api/draft-mode/enable?sanity-preview-secret=${secret}&sanity-preview-pathname=/news/${article.slug}`
  expect(await status(preview.request, `/api/draft-mode/enable?sanity-preview-pathname=/news/${article.slug}`)).toBe(401)
  expect(await status(preview.request, enable('not-the-secret'))).toBe(401)
  expect(await heading(preview.request, `/news/${article.slug}`)).toBe(article.title)
  const secret = await createPreviewSecret(lake)
  await preview.goto(enable(secret))
  await expect(preview).toHaveURL(new RegExp(`/news/${article.slug}`))
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(`${article.title} — уточнено`)
  await expect(preview.getByTestId('draft-mode-banner')).toContainText('Предпросмотр')
  await expect(preview.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/)
  await preview.getByRole('link', { name: 'Выйти из предпросмотра' }).click()
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(article.title)
  await expect(preview.getByTestId('draft-mode-banner')).toHaveCount(0)
  await previewer.close()

  // A click while the Studio is still validating can be swallowed: click until the lake has the publish.
  const publish = page.getByTestId('action-опубликовать')
  await expect(async () => {
    if (await publish.isEnabled()) await publish.click()
    expect((await lake.getDocument(article.id))?.title).toBe(`${article.title} — уточнено`)
  }).toPass({ intervals: [2_000, 5_000], timeout: 60_000 })
  const committed = Date.parse(String((await lake.getDocument(article.id))!._updatedAt))
  await expect.poll(() => heading(page.request, `/news/${article.slug}`), { intervals: [100], timeout: 10_000 }).toBe(`${article.title} — уточнено`)
  console.log(`[measure] publish of an edit committed → article page updated: ${Date.now() - committed} ms`)

  await lake.act([{ actionType: 'sanity.action.document.unpublish', draftId: `drafts.${article.id}`, publishedId: article.id }])
  await expect.poll(() => status(page.request, `/news/${article.slug}`), { intervals: [100], timeout: 10_000 }).toBe(404)
  await expect.poll(async () => pageText(page.request, TOPIC_PAGE), { timeout: 10_000 }).not.toContain(article.title)
  await expect.poll(() => pageText(page.request, '/rss.xml'), { timeout: 10_000 }).not.toContain(article.title)
})

test('an article scheduled a minute ahead stays invisible until then, and appears when the clock passes it', async ({ page, lake }) => {
  const clockFile = process.env.BASPA_TEST_CLOCK_FILE
  expect(clockFile, 'scripts/e2e.sh sets BASPA_TEST_CLOCK_FILE for the server and the tests').toBeTruthy()
  const offset = existsSync(clockFile!) ? Number(readFileSync(clockFile!, 'utf8')) || 0 : 0
  const article = await publishedArticle(lake, 'embargo', new Date(Date.now() + offset + 60_000).toISOString())
  expect(await status(page.request, `/news/${article.slug}`)).toBe(404)
  expect(await pageText(page.request, TOPIC_PAGE)).not.toContain(article.title)
  expect(await pageText(page.request, '/')).not.toContain(article.title)

  writeFileSync(clockFile!, String(offset + 2 * 60_000)) // the server's clock moves two minutes on
  const moved = Date.now()
  await expect.poll(() => status(page.request, `/news/${article.slug}`), { intervals: [200], timeout: 10_000 }).toBe(200)
  await expect.poll(async () => pageText(page.request, TOPIC_PAGE), { timeout: 10_000 }).toContain(article.title)
  console.log(`[measure] embargo end → article live: ${Date.now() - moved} ms`)
})
