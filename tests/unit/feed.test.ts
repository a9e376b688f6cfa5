import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildRssFeed } from '@/lib/feed'
import { SEED_SLUG, tempLake, type TempLake } from './lake-fixture'

let lake: TempLake
beforeEach(() => {
  lake = tempLake()
})
afterEach(() => lake.dispose())

describe('the RSS feed', () => {
  it('lists the newest visible articles, newest first, with links, dates, categories and images', async () => {
    const items = await lake.api.feed()
    expect(items.length).toBeGreaterThan(40)
    expect(items.length).toBeLessThanOrEqual(50)
    const dates = items.map((item) => item.publishedAt)
    expect([...dates].sort().reverse()).toEqual(dates)
    const xml = buildRssFeed({ settings: await lake.api.siteSettings(), items, siteUrl: 'https://baspa.example', imageUrl: () => 'https://baspa.example/i.jpg' })
    expect(xml.startsWith('<?xml')).toBe(true)
    expect(xml.match(/<item>/g)).toHaveLength(items.length)
    expect(xml).toContain(`<link>https://baspa.example/news/${SEED_SLUG}</link>`)
    expect(xml).toContain('<category>Торговля</category>')
    expect(xml).toContain('<language>ru</language>')
    expect(xml).toMatch(/<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/)
    expect(xml).toMatch(/<enclosure [^>]*url="https:\/\/baspa.example\/i.jpg"/)
  })

  it('escapes markup in titles and leads, and leaves out embargoed articles', async () => {
    const seed = lake.store.getDocument(`article-${SEED_SLUG}`)!
    lake.store.writeDocuments([
      { ...seed, _id: 'tricky', _rev: undefined, title: 'Рост <5%> & «прорыв»', slug: { _type: 'slug', current: 'tricky' } },
      { ...seed, _id: 'later', _rev: undefined, title: 'Ещё не вышло', slug: { _type: 'slug', current: 'later' }, publishedAt: new Date(Date.now() + 3_600_000).toISOString() },
    ])
    const items = await lake.api.feed()
    const xml = buildRssFeed({ settings: await lake.api.siteSettings(), items, siteUrl: 'https://baspa.example', imageUrl: () => 'https://baspa.example/i.jpg' })
    // Text goes into CDATA sections, where < and & are literal: the XML stays well-formed.
    expect(xml).toContain('<title><![CDATA[Рост <5%> & «прорыв»]]></title>')
    expect(xml).not.toContain('Ещё не вышло')
  })
})
