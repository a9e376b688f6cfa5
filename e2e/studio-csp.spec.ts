import { test, expect } from './fixtures'
import { watchCsp } from './csp'

/** The Studio under its own policy (lib/content-security-policy.ts): load, a document, the Presentation tool. */
// studioPolicy (lib/content-security-policy.ts) crashes the Studio: not applied yet (next.config.ts).
test.fixme('the Studio runs under its CSP: desk, a document and the Presentation tool without a violation', async ({ page, lake }) => {
  test.setTimeout(120_000)
  const csp = await watchCsp(page)
  const response = await page.goto(`/studio#token=${lake.editorToken}`)
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
  await expect(page.getByTestId('pane-item-Лента')).toBeVisible({ timeout: 60_000 })
  await page.goto('/studio/intent/edit/id=article-peregovory-tokaeva-i-van-i;type=article/')
  await expect(page.getByTestId('field-title').getByRole('textbox')).toBeVisible({ timeout: 60_000 })
  await page.goto(`/studio/presentation?preview=${encodeURIComponent('/news/peregovory-tokaeva-i-van-i')}`)
  const site = page.frameLocator('iframe').first()
  await expect(site.getByTestId('draft-mode-banner')).toBeVisible({ timeout: 60_000 })
  await page.waitForTimeout(2_000)
  expect(await csp.violations()).toEqual([])
  expect(csp.problems.filter((problem) => /Content Security Policy|Refused to/i.test(problem))).toEqual([])
})
