import { test, expect } from '../tests/fixtures/playwright'
import { watchCsp } from './csp'

/** The Studio under its own policy (lib/content-security-policy.ts): load, a document, the Presentation tool. */
// As in the other Studio specs: the lake's API is HTTPS with a local CA Chromium does not trust
// (without this every lake request fails with net::ERR_CERT_AUTHORITY_INVALID and the Studio shows
// «An error occurred», whatever the CSP). TLS errors are not CSP violations: those still fail the test.
test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })

test('the Studio runs under its CSP: desk, a document and the Presentation tool without a violation', async ({ page, lake }) => {
  test.setTimeout(120_000)
  const csp = await watchCsp(page)
  // Presence: the Studio's socket to the lake opens and the lake answers on it (a refused socket
  // once surfaced as an uncaught «WebSocket connection error» when a tab navigated away).
  const presence: string[] = []
  page.on('websocket', (socket) => {
    if (socket.url().includes('/socket/production')) socket.on('framereceived', (frame) => presence.push(String(frame.payload)))
  })
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
  expect(presence.some((frame) => frame.includes('"result"'))).toBe(true)
  // CSP reports in the console, and any uncaught page error.
  expect(csp.problems).toEqual([])
})
