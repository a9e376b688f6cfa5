import sharp from 'sharp'
import type { Page } from '@playwright/test'
import { expect } from '../tests/fixtures/playwright'

/** A 16:9 photo whose left 30 % is red and the rest blue, so a crop that drops the left edge is visible in the pixels. */
const twoColourPhoto = () =>
  sharp({ create: { width: 1200, height: 675, channels: 3, background: { r: 11, g: 61, b: 160 } } })
    .composite([{ input: { create: { width: 360, height: 675, channels: 3, background: { r: 200, g: 20, b: 20 } } }, left: 0, top: 0 }])
    .jpeg()
    .toBuffer()

/**
 * The article form's main image as an editor sets it: upload (the first file input of the form is the
 * main image's Upload button), alt text, then the hotspot & crop dialog, where the crop's left handle
 * is dragged 45 % of the way across, past the red part. The dialog is left open for the caller.
 */
export async function uploadAndCropMainImage(page: Page, alt: string) {
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await twoColourPhoto() })
  await page.getByTestId('field-mainImage.alt').getByRole('textbox').fill(alt, { timeout: 60_000 })
  await page.getByRole('button', { name: 'Открыть правку изображения' }).click()
  await expect(page.locator('svg[data-handle="crop"]')).toBeVisible({ timeout: 30_000 })
  const cropArea = await page.locator('svg[data-handle="crop"]').boundingBox()
  const handle = await page.locator('[data-handle="crop-left"]').boundingBox()
  expect(cropArea && handle).toBeTruthy()
  await page.mouse.move(handle!.x + handle!.width / 2, handle!.y + handle!.height / 2)
  await page.mouse.down()
  await page.mouse.move(handle!.x + handle!.width / 2 + cropArea!.width * 0.45, handle!.y + handle!.height / 2, { steps: 12 })
  await page.mouse.up()
}
