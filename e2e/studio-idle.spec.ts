import { expect, test } from '../tests/fixtures/playwright'

/**
 * An editor leaves the Studio open on an article: for five minutes nothing may reconnect. The
 * Studio's event streams give up and reconnect after 45 s without a byte («No activity within 45000
 * milliseconds… Reconnecting»); the lake keeps every stream alive with a ping every 15 s, and the
 * presence socket with a heartbeat every 25 s.
 */
test.use({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })

const IDLE_MS = 5 * 60_000

test('a five-minute idle session logs no reconnect warning, and its only sockets are presence on the lake', async ({ page, lake }) => {
  test.setTimeout(IDLE_MS + 150_000)
  const warnings: string[] = []
  const sockets: string[] = []
  page.on('console', (message) => {
    if (/No activity within|Reconnecting|reconnect/i.test(message.text())) warnings.push(message.text())
  })
  page.on('websocket', (socket) => sockets.push(socket.url()))
  await page.goto(`/studio/structure/feed;article-peregovory-tokaeva-i-van-i#token=${lake.editorToken}`)
  await expect(page.getByTestId('field-title').getByRole('textbox')).toBeVisible({ timeout: 60_000 })
  const started = Date.now()
  while (Date.now() - started < IDLE_MS) {
    await page.waitForTimeout(30_000)
    expect(warnings, `after ${Math.round((Date.now() - started) / 1000)} s idle`).toEqual([])
  }
  await expect(page.getByText('Подключаемся…')).toHaveCount(0)
  for (const socket of sockets) expect(socket).toMatch(/^wss:\/\/([a-z0-9-]+\.)?localhost:\d+\/v[\d-]+\/socket\/production\?/)
})
