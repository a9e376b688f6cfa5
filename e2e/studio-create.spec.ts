import sharp from 'sharp'
import type { Page } from '@playwright/test'
import { slugify } from '../lib/slug'
import { expect, test, type LakeFixture } from '../tests/fixtures/playwright'
import { uploadAndCropMainImage } from './studio-steps'

test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })
test.describe.configure({ timeout: 180_000 })

/** Adds a reference to an array field by typing into the Studio's reference search and picking the hit. */
async function addReference(page: Page, field: string, search: string, option: RegExp) {
  await page.getByTestId(field).getByRole('button', { name: 'Добавить' }).click()
  await page.getByTestId(field).getByTestId('autocomplete').fill(search)
  await page.getByTestId('autocomplete-popover').getByRole('button', { name: option }).click()
}

async function draftOf(lake: LakeFixture, title: string) {
  const query = encodeURIComponent('*[_type == "article" && title == $t][0]')
  const response = await lake.api.get(`data/query/production?query=${query}&%24t=${encodeURIComponent(JSON.stringify(title))}&perspective=raw`)
  return (await response.json()).result as Record<string, unknown> | null
}

test('an editor creates an article with topic, person, country, author and a cropped photo, publishes it, and readers see it', async ({ page, lake }) => {
  const title = `Новая статья ${Date.now().toString(36)}`
  await page.goto(`/studio/intent/create/template=article;type=article/#token=${lake.editorToken}`)
  const titleField = page.getByTestId('field-title').getByRole('textbox')
  await expect(titleField).toBeVisible({ timeout: 60_000 })
  await titleField.fill(title)
  await page.getByTestId('field-slug').getByRole('button', { name: 'Создать из заголовка' }).click()
  await expect(page.getByTestId('field-slug').getByRole('textbox')).toHaveValue(slugify(title))
  await page.getByTestId('field-lead').getByRole('textbox').fill('Торговые представительства двух стран откроются в Алматы и Урумчи.')

  // The main image, cropped past its red left part.
  await uploadAndCropMainImage(page, 'Синее поле с красной полосой слева')
  await expect
    .poll(async () => ((await draftOf(lake, title))?.mainImage as { crop?: { left: number } } | undefined)?.crop?.left ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(0.35)
  await page.getByRole('button', { name: 'Close dialog' }).click()

  // Two paragraphs in the Portable Text editor.
  const paragraphs = ['Первое соглашение касается логистики на границе.', 'Второе — совместных выставок в обеих странах.']
  await page.getByTestId('field-body').getByRole('textbox').click()
  await page.keyboard.type(paragraphs[0]!)
  await page.keyboard.press('Enter')
  await page.keyboard.type(paragraphs[1]!)
  await expect
    .poll(
      async () =>
        ((await draftOf(lake, title))?.body as { children: { text: string }[] }[] | undefined)?.map((block) =>
          block.children.map((span) => span.text).join(''),
        ),
      { timeout: 15_000 },
    )
    .toEqual(paragraphs)

  await page.getByTestId('group-tab-tags').click()
  await addReference(page, 'field-topics', 'Торговля', /^Торговля/)
  await addReference(page, 'field-people', 'Токаев', /Токаев/)
  await addReference(page, 'field-countries', 'Китай', /^Китай/)
  await page.getByTestId('group-tab-meta').click()
  await addReference(page, 'field-authors', 'Айгерим', /Айгерим Сапарова/)

  // The pages it will appear on are cached before the publish: the webhook must revalidate them.
  for (const path of ['/topics/torgovlya', '/people/kasym-zhomart-tokaev', '/countries/kitay', '/rss.xml'])
    expect((await page.request.get(path)).status()).toBe(200)

  // Publish; the Studio may still be validating (the slug check asks the lake), so a click can be
  // swallowed: click again until the lake has the published document.
  const publish = page.getByTestId('action-опубликовать')
  const slug = slugify(title)
  await expect(async () => {
    if (await publish.isEnabled()) await publish.click()
    const id = (await draftOf(lake, title))?._id
    expect(typeof id === 'string' && !id.startsWith('drafts.'), 'the article is published').toBe(true)
  }).toPass({ intervals: [2_000, 5_000], timeout: 60_000 })
  const published = (await draftOf(lake, title)) as { _updatedAt: string }
  await expect.poll(async () => (await page.request.get(`/news/${slug}`)).status(), { intervals: [100], timeout: 10_000 }).toBe(200)
  const publishToLiveMs = Date.now() - Date.parse(published._updatedAt)
  test.info().annotations.push({ type: 'publish → live (ms)', description: String(publishToLiveMs) })
  console.log(`[measure] publish committed → article page live: ${publishToLiveMs} ms`)
  for (const path of ['/topics/torgovlya', '/people/kasym-zhomart-tokaev', '/countries/kitay', '/rss.xml']) {
    await expect
      .poll(async () => (await page.request.get(path)).text(), { intervals: [100], timeout: 5_000, message: `${path} lists the new article` })
      .toContain(title)
  }
  console.log(
    `[measure] publish committed → article, topic, person and country pages and the RSS feed live: ${Date.now() - Date.parse(published._updatedAt)} ms`,
  )

  // The reader's side: the article page, its taxonomy links, and the photo as the editor cropped it.
  await page.goto(`/news/${slug}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  for (const name of ['Торговля', 'Касым-Жомарт Токаев', 'Китай']) await expect(page.getByRole('link', { name, exact: true }).first()).toBeVisible()
  await expect(page.getByText('Айгерим Сапарова').first()).toBeVisible()
  for (const paragraph of paragraphs) await expect(page.getByText(paragraph, { exact: true })).toBeVisible()
  const photo = page.getByRole('img', { name: 'Синее поле с красной полосой слева' })
  await expect(photo).toBeVisible()
  const source = await photo.evaluate((img: HTMLImageElement) => img.currentSrc)
  const bytes = await (await page.request.get(source)).body()
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true })
  const leftEdge = data.subarray((Math.floor(info.height / 2) * info.width + 2) * info.channels)
  expect(leftEdge[2]!, 'the left edge of the served photo is blue: the red part was cropped away').toBeGreaterThan(leftEdge[0]! + 60)
})

test('a title whose address is taken gets the next free one; a hand-typed duplicate is refused in Russian', async ({ page, lake }) => {
  await page.goto(`/studio/intent/create/template=article;type=article/#token=${lake.editorToken}`)
  const titleField = page.getByTestId('field-title').getByRole('textbox')
  await expect(titleField).toBeVisible({ timeout: 60_000 })
  await titleField.fill('Переговоры Токаева и Ван И')
  const slug = page.getByTestId('field-slug')
  await slug.getByRole('button', { name: 'Создать из заголовка' }).click()
  await expect(slug.getByRole('textbox')).toHaveValue('peregovory-tokaeva-i-van-i-2')

  await slug.getByRole('textbox').fill('peregovory-tokaeva-i-van-i')
  await expect(slug.getByTestId('input-validation-icon-error')).toBeVisible({ timeout: 15_000 })
  await page.getByRole('button', { name: 'Проверка' }).click()
  await expect(page.getByText('Адрес «peregovory-tokaeva-i-van-i» уже занят', { exact: false }).first()).toBeVisible({ timeout: 15_000 })
})
