import sharp from 'sharp'
import { expect, test } from './fixtures'

test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })
test.describe.configure({ timeout: 180_000 })

test('an editor creates an article with a generated slug and an uploaded main image', async ({ page, lake }) => {
  const title = `Новая статья ${Date.now().toString(36)}`
  await page.goto(`/studio/intent/create/template=article;type=article/#token=${lake.editorToken}`)
  const titleField = page.getByTestId('field-title').getByRole('textbox')
  await expect(titleField).toBeVisible({ timeout: 30_000 })
  await titleField.fill(title)
  await page.getByTestId('field-slug').getByRole('button', { name: 'Generate' }).click()

  const image = await sharp({ create: { width: 1200, height: 675, channels: 3, background: { r: 11, g: 61, b: 92 } } }).jpeg().toBuffer()
  // The first image field of the form is «Главное изображение»; its Upload button wraps a file input.
  await expect(page.getByText('Главное изображение')).toBeVisible()
  await page.locator('input[type="file"]').first().setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: image })

  await expect
    .poll(async () => {
      const response = await lake.api.get(`data/query/production?query=${encodeURIComponent('*[_type == "article" && title == $t][0]{slug, "asset": mainImage.asset._ref}')}&%24t=${encodeURIComponent(JSON.stringify(title))}&perspective=drafts`)
      return (await response.json()).result
    }, { timeout: 30_000 })
    .toMatchObject({ asset: expect.stringMatching(/^image-[a-f0-9]{40}-1200x675-jpg$/), slug: { current: expect.stringMatching(/^[a-z0-9-]+$/) } })
})
