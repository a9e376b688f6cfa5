import { test, expect } from '../tests/fixtures/playwright'

/**
 * The Studio on the local lake offers only what the lake serves: no Releases, no cloud scheduling,
 * comments or tasks, and no presence socket (the lake speaks no WebSocket; the Studio would report
 * the refused connection as an uncaught error and retry).
 */
test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })

test('with the lake the Studio opens no WebSocket and offers no cloud-only feature', async ({ page, lake }) => {
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

  // Presence would have connected within a few seconds of a document opening.
  await page.waitForTimeout(5_000)
  expect(sockets).toEqual([])
  expect(errors).toEqual([])
})
