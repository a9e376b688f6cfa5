import { articleDocument, expect, test } from '../tests/fixtures/playwright'

/**
 * Breaking news: editors publish in quick succession while readers keep loading the topic page.
 * Each publish expires the page's tags while a render started by the previous one may still be
 * reading the lake; what that render produces lacks the newer article, and must not be kept as the
 * page's fresh version (Next would serve it until the page's 60-second ceiling).
 */
test('articles published in quick succession all reach their topic page while readers load it', async ({ request, lake }) => {
  test.setTimeout(90_000)
  const stamp = Date.now().toString(36)
  const topicSlug = `e2e-race-${stamp}`
  const topicPath = `/topics/${topicSlug}`
  await lake.mutate([
    {
      create: {
        _id: `topic-${topicSlug}`,
        _type: 'topic',
        title: { _type: 'localeString', ru: `Тема ${topicSlug}` },
        slug: { _type: 'slug', current: topicSlug },
      },
    },
  ])
  expect((await request.get(topicPath)).status()).toBe(200)

  let reading = true
  const reader = async () => {
    while (reading) await request.get(topicPath).catch(() => undefined)
  }
  const readers = [reader(), reader(), reader()]
  try {
    // Bursts of two: the second lands while the first one's expiry is being rendered.
    for (let burst = 0; burst < 8; burst++) {
      const titles: string[] = []
      for (let i = 0; i < 2; i++) {
        const id = `e2e-race-${stamp}-${burst}-${i}`
        const title = `Молния ${stamp} ${burst}-${i}`
        titles.push(title)
        await lake.mutate([
          { create: articleDocument(id, { title, lead: 'Срочно.', body: [], topics: [{ _type: 'reference', _ref: `topic-${topicSlug}`, _key: 't1' }] }) },
        ])
        await new Promise((resolve) => setTimeout(resolve, 10 + ((burst * 23) % 60)))
      }
      // Both publishes were acknowledged; their webhooks follow within milliseconds.
      await expect
        .poll(
          async () => {
            const html = await (await request.get(topicPath)).text()
            return titles.filter((title) => !html.includes(title))
          },
          { intervals: [200], timeout: 5_000, message: `articles of burst ${burst} missing from the topic page` },
        )
        .toEqual([])
    }
  } finally {
    reading = false
    await Promise.all(readers)
  }
})
