import { expect, test } from '@playwright/test'

for (const path of [
  '/',
  '/news/peregovory-tokaeva-i-van-i',
  '/topics/ekonomika',
  '/people',
  '/people/kasym-zhomart-tokaev',
  '/countries',
  '/countries/kitay',
]) {
  test(`${path} fits the viewport without horizontal scrolling`, async ({ page }) => {
    await page.goto(path)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await expect(page.getByRole('banner').getByRole('link', { name: /Baspa/ })).toBeVisible()
  })
}
