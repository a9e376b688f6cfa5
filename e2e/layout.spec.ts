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

// scripts/web-fonts.ts: Russian, Kazakh and the Latin of every page come from one file per face;
// the files of other Cyrillic languages and of Latin with diacritics are for the pages that use them.
for (const path of ['/', '/kk', '/news/peregovory-tokaeva-i-van-i']) {
  test(`${path} loads only the font files every page needs`, async ({ page }) => {
    const fonts: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'font') fonts.push(new URL(request.url()).pathname.split('/').pop()!)
    })
    await page.goto(path)
    await page.evaluate(() => document.fonts.ready)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.filter((file) => !/^pt-(sans|serif)-(400|700)\./.test(file))).toEqual([])
  })
}
