import type { APIRequestContext } from '@playwright/test'
import { expect, test } from '../tests/fixtures/playwright'

test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })
test.describe.configure({ timeout: 240_000 })

/** Where a GET of the path leads without following redirects: `301 /news/x`, `200`, `404`. */
async function answer(request: APIRequestContext, path: string) {
  const response = await request.get(path, { maxRedirects: 0 })
  const location = response.headers().location
  return location ? `${response.status()} ${new URL(location, 'http://x').pathname}` : String(response.status())
}

test('changing a published article’s address in the Studio keeps the old ones as 301s straight to the new one', async ({ page, lake }) => {
  const first = `e2e-slug-${Date.now().toString(36)}`
  const id = first
  await lake.mutate([
    {
      create: {
        _id: id,
        _type: 'article',
        title: `Статья ${first}`,
        slug: { _type: 'slug', current: first },
        lead: 'Лид статьи для проверки смены адреса.',
        language: 'ru',
        publishedAt: new Date(Date.now() - 60_000).toISOString(),
        topics: [{ _type: 'reference', _ref: 'topic-kultura', _key: 't1' }],
        authors: [{ _type: 'reference', _ref: 'author-aygerim-saparova', _key: 'a1' }],
        body: [],
      },
    },
  ])
  await expect.poll(() => answer(page.request, `/news/${first}`), { timeout: 10_000 }).toBe('200')

  await page.goto(`/studio/intent/edit/id=${id};type=article/#token=${lake.editorToken}`)
  const slugBox = page.getByTestId('field-slug').getByRole('textbox')
  const publish = page.getByTestId('action-опубликовать')

  /** Types a new address and publishes it: the Studio's publish action keeps the old one. */
  async function renameTo(slug: string) {
    await expect(slugBox).toBeVisible({ timeout: 60_000 })
    await slugBox.fill(slug)
    await expect.poll(async () => ((await lake.getDocument(`drafts.${id}`))?.slug as { current?: string } | undefined)?.current, { timeout: 15_000 }).toBe(slug)
    // A click while the Studio is still validating (the slug check asks the lake) can be swallowed.
    await expect(async () => {
      if (await publish.isEnabled()) await publish.click()
      expect(((await lake.getDocument(id))?.slug as { current: string }).current).toBe(slug)
    }).toPass({ intervals: [2_000, 5_000], timeout: 60_000 })
  }

  const second = `${first}-v2`
  await renameTo(second)
  expect((await lake.getDocument(id))?.previousSlugs).toEqual([first])
  await expect.poll(() => answer(page.request, `/news/${first}`), { timeout: 15_000 }).toBe(`301 /news/${second}`)
  expect(await answer(page.request, `/news/${second}`)).toBe('200')

  // A second change: both former addresses lead to the current one in one step, no chain.
  const third = `${first}-v3`
  await renameTo(third)
  expect((await lake.getDocument(id))?.previousSlugs).toEqual([first, second])
  await expect.poll(() => answer(page.request, `/news/${second}`), { timeout: 15_000 }).toBe(`301 /news/${third}`)
  expect(await answer(page.request, `/news/${first}`)).toBe(`301 /news/${third}`)
  await page.goto(`/news/${first}`)
  await expect(page).toHaveURL(new RegExp(`/news/${third}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Статья ${first}`)

  // Unknown addresses stay 404s, and the redirect lookup does not swallow them.
  expect(await answer(page.request, `/news/${first}-nope`)).toBe('404')
})
