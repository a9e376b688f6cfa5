import { test, expect } from '../tests/fixtures/playwright'

/**
 * The Studio on the local lake offers only what the lake serves: no Releases, no cloud scheduling,
 * comments or tasks. Its only WebSocket is presence, which the lake serves (e2e/studio-csp.spec.ts).
 */
test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })

test('with the lake the Studio offers no cloud-only feature, and its only socket is presence on the lake', async ({ page, lake }) => {
  test.setTimeout(120_000)
  const sockets: string[] = []
  const errors: string[] = []
  page.on('websocket', (socket) => sockets.push(socket.url()))
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`/studio#token=${lake.editorToken}`)
  await expect(page.getByTestId('pane-item-Лента')).toBeVisible({ timeout: 60_000 })
  await page.goto('/studio/structure/feed;article-peregovory-tokaeva-i-van-i')
  await expect(page.getByTestId('field-title').getByRole('textbox')).toBeVisible({ timeout: 60_000 })

  // Releases would be a perspective menu and a tool in the navbar; scheduling an item of the ⋯ menu.
  await expect(page.getByTestId('document-panel-scroller')).toBeVisible()
  await expect(page.getByRole('link', { name: /Releases|Релизы/ })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /Releases|Релизы/ })).toHaveCount(0)
  await page.getByTestId('action-menu-button').last().click()
  const menu = page.getByRole('menu')
  await expect(menu).toBeVisible()
  await expect(menu.getByText(/Schedule publish|Add to release|Comment|Task/i)).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(page.getByRole('button', { name: /^(Comments?|Tasks?)$/i })).toHaveCount(0)

  await page.waitForTimeout(5_000)
  for (const socket of sockets) expect(socket).toMatch(/^wss:\/\/([a-z0-9-]+\.)?localhost:\d+\/v[\d-]+\/socket\/production\?/)
  expect(errors).toEqual([])
})
