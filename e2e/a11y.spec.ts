import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

/**
 * WCAG 2.2 AA on every kind of reader page, in every edition: axe-core finds no violations, each
 * page has exactly one h1, and the keyboard gets around (skip link, search, visible focus).
 *
 * The Russian table below is prefixed for /kk and /en. Two rows differ per edition: an article is
 * read at its translation's own slug, and the search asks for a word of that language. The Kazakh
 * and English editions have too few articles for a topic's page 2, so that row is Russian only.
 */
const PAGES: readonly (readonly [name: string, path: string])[] = [
  ['home', '/'],
  ['article', '/news/peregovory-tokaeva-i-van-i'],
  ['topic', '/topics/ekonomika'],
  ['topic, page 2', '/topics/ekonomika/page/2'],
  ['person', '/people/kasym-zhomart-tokaev'],
  ['country', '/countries/kitay'],
  ['author', '/authors/aygerim-saparova'],
  ['search with results', '/search?q=%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD'],
  ['people index', '/people'],
  ['countries index', '/countries'],
  ['topics index', '/topics'],
  ['404', '/news/no-such-article'],
]

/** Rows whose path is not the Russian one prefixed (undefined: the page type has no such page there). */
const EDITION_PATHS: Record<'kk' | 'en', Partial<Record<string, string | undefined>>> = {
  kk: {
    article: '/news/toqaev-qytay-syrtqy-ister-ministri-van-iydi-qabyldady',
    'topic, page 2': undefined,
    'search with results': `/search?q=${encodeURIComponent('Тоқаев')}`,
  },
  en: {
    article: '/news/tokayev-receives-chinese-foreign-minister-wang-yi',
    'topic, page 2': undefined,
    'search with results': '/search?q=Tokayev',
  },
}

const ALL_PAGES: readonly (readonly [name: string, path: string])[] = [
  ...PAGES,
  ...(['kk', 'en'] as const).flatMap((locale) =>
    PAGES.flatMap(([name, path]) => {
      const own = Object.hasOwn(EDITION_PATHS[locale], name) ? EDITION_PATHS[locale][name] : path
      return own === undefined ? [] : [[`${name} [${locale}]`, own === '/' ? `/${locale}` : `/${locale}${own}`] as const]
    }),
  ),
]

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

for (const [name, path] of ALL_PAGES) {
  test(`${name} (${path}): no axe violations, one h1`, async ({ page }) => {
    await page.goto(path)
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
    // The summary names the rule and the offending elements, so a failure says what to fix.
    const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
    expect(summary).toEqual([])
    await expect(page.locator('h1')).toHaveCount(1)
    await expect(page.getByRole('main')).toHaveCount(1)
    await expect(page.getByRole('banner')).toHaveCount(1)
    await expect(page.getByRole('contentinfo')).toHaveCount(1)
  })
}

test('the first Tab reaches the skip link, which moves focus to the main content', async ({ page }) => {
  await page.goto('/news/peregovory-tokaeva-i-van-i')
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Перейти к содержанию' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()
  // The next Tab continues inside the main content, not back in the header.
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true)
})

test('the search box is reachable by keyboard and submits with Enter', async ({ page }) => {
  await page.goto('/')
  const box = page.getByRole('searchbox', { name: 'Поиск' })
  for (let presses = 0; presses < 40 && !(await box.evaluate((element) => element === document.activeElement)); presses++) {
    await page.keyboard.press('Tab')
  }
  await expect(box).toBeFocused()
  await page.keyboard.type('Токаев')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/search\?q=%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Поиск')
})

test('keyboard focus is visible: links and the search box get an outline', async ({ page }) => {
  await page.goto('/')
  const outline = () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element)
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) }
    })
  await page.keyboard.press('Tab')
  expect(await outline()).toMatchObject({ style: 'solid' })
  expect((await outline()).width).toBeGreaterThanOrEqual(2)
  await page.keyboard.press('Tab')
  expect((await outline()).width).toBeGreaterThanOrEqual(2)
  await page.getByRole('searchbox', { name: 'Поиск' }).focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  expect(await outline()).toMatchObject({ style: 'solid' })
})

test('with reduced motion the site runs no transitions', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' })
  const page = await context.newPage()
  await page.goto('/')
  const longest = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('*'), (element) => parseFloat(getComputedStyle(element).transitionDuration) || 0)),
  )
  expect(longest).toBeLessThan(0.01)
  await context.close()
})
