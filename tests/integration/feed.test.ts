import Parser from 'rss-parser'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildFeed, FEEDS, type FeedInput } from '@/formats/feed'
import { portableTextToHtml } from '@/formats/portable-text-html'
import { SEED_SLUG, tempLake, type TempLake } from '../fixtures/lake'

let lake: TempLake
beforeEach(async () => {
  lake = await tempLake()
})
afterEach(() => lake.dispose())

const SITE = 'https://baspa.example'
const parser = new Parser({ customFields: { item: ['dc:creator', 'content:encoded'] } })

async function input(overrides: Partial<FeedInput> = {}): Promise<FeedInput> {
  return {
    settings: await lake.api.siteSettings(),
    items: await lake.api.feed(),
    siteUrl: SITE,
    selfPath: FEEDS.rss,
    imageUrl: () => `${SITE}/i.jpg`,
    ...overrides,
  }
}

describe('the site feeds', () => {
  it('RSS 2.0: the newest visible articles with full text, authors, categories, image and a self link', async () => {
    const feed = await input()
    expect(feed.items.length).toBeGreaterThan(40)
    expect(feed.items.length).toBeLessThanOrEqual(50)
    const dates = feed.items.map((item) => item.publishedAt)
    expect([...dates].sort().reverse()).toEqual(dates)

    const xml = buildFeed(feed, 'rss')
    expect(xml).toContain(`<atom:link href="${SITE}/rss.xml" rel="self" type="application/rss+xml"/>`)
    const parsed = await parser.parseString(xml)
    expect(parsed.items).toHaveLength(feed.items.length)
    const seed = parsed.items.find((item) => item.link === `${SITE}/news/${SEED_SLUG}`)!
    expect(seed.title).toBe('Переговоры Токаева и Ван И: торговля, агросектор и борьба с COVID-19')
    expect(seed.categories).toEqual(expect.arrayContaining(['Торговля', 'Сельское хозяйство', 'COVID-19']))
    expect(seed['content:encoded']).toContain('<p>')
    expect(seed['content:encoded']).toContain('href="https://baq.kz/"')
    expect(seed['dc:creator']).toBeTruthy()
    expect(seed.enclosure?.url).toBe(`${SITE}/i.jpg`)
    expect(new Date(seed.isoDate!).toISOString()).toBe(new Date(feed.items.find((item) => item.slug === SEED_SLUG)!.publishedAt).toISOString())
  })

  it('Atom 1.0 and JSON Feed 1 carry the same entries, with author links', async () => {
    const feed = await input({ selfPath: FEEDS.atom })
    const atom = await parser.parseString(buildFeed(feed, 'atom'))
    expect(atom.items).toHaveLength(feed.items.length)
    expect(atom.items.map((item) => item.link)).toContain(`${SITE}/news/${SEED_SLUG}`)
    expect(buildFeed(feed, 'atom')).toMatch(/<author>\s*<name>[^<]+<\/name>\s*<uri>https:\/\/baspa\.example\/authors\/[a-z-]+<\/uri>/)

    const json = JSON.parse(buildFeed({ ...feed, selfPath: FEEDS.json }, 'json')) as {
      version: string
      feed_url: string
      items: { url: string; content_html: string; authors?: { url: string }[] }[]
    }
    expect(json.version).toBe('https://jsonfeed.org/version/1')
    expect(json.feed_url).toBe(`${SITE}/feed.json`)
    const seed = json.items.find((item) => item.url === `${SITE}/news/${SEED_SLUG}`)!
    expect(seed.content_html).toContain('<p>')
  })

  it('a topic feed lists only that topic and names it', async () => {
    const topic = (await lake.api.topicFeed('torgovlya'))!
    expect(topic.items.length).toBeGreaterThan(5)
    const parsed = await parser.parseString(buildFeed(await input({ items: topic.items, topic, selfPath: '/topics/torgovlya/rss.xml' }), 'rss'))
    expect(parsed.title).toBe('Baspa: Торговля')
    for (const item of parsed.items) expect(item.categories).toContain('Торговля')
    expect(await lake.api.topicFeed('no-such-topic')).toBeNull()
  })

  it('escapes markup in titles and leads, and leaves out embargoed articles', async () => {
    const seed = lake.store.getDocument(`article-${SEED_SLUG}`)!
    lake.store.writeDocuments([
      { ...seed, _id: 'tricky', _rev: undefined, title: 'Рост <5%> & «прорыв» ]]>', slug: { _type: 'slug', current: 'tricky' } },
      {
        ...seed,
        _id: 'later',
        _rev: undefined,
        title: 'Ещё не вышло',
        slug: { _type: 'slug', current: 'later' },
        publishedAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    ])
    const xml = buildFeed(await input(), 'rss')
    const parsed = await parser.parseString(xml)
    expect(parsed.items.map((item) => item.title)).toContain('Рост <5%> & «прорыв» ]]>')
    expect(xml).not.toContain('Ещё не вышло')
  })
})

describe('Portable Text as feed HTML', () => {
  const options = { siteUrl: SITE, imageUrl: () => `${SITE}/img.jpg` }
  const block = (text: string, markDefs: unknown[] = [], marks: string[] = []) => ({
    _type: 'block',
    _key: 'b',
    style: 'normal',
    markDefs,
    children: [{ _type: 'span', _key: 's', text, marks }],
  })

  it('escapes text and renders raw HTML inert', () => {
    const html = portableTextToHtml([block('<script>alert(1)</script> & <b>bold</b>')], options)
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>')
  })

  it('keeps web links, makes site paths absolute and drops javascript: and data: links', () => {
    const link = (href: string) => portableTextToHtml([block('ссылка', [{ _type: 'link', _key: 'l', href }], ['l'])], options)
    expect(link('https://baq.kz/')).toBe('<p><a href="https://baq.kz/">ссылка</a></p>')
    expect(link('/topics/torgovlya')).toBe(`<p><a href="${SITE}/topics/torgovlya">ссылка</a></p>`)
    expect(link('javascript:alert(1)')).toBe('<p>ссылка</p>')
    expect(link(' JaVaScRiPt:alert(1)')).toBe('<p>ссылка</p>')
    expect(link('data:text/html,<script>alert(1)</script>')).toBe('<p>ссылка</p>')
    expect(link('//evil.example/x')).toBe('<p>ссылка</p>')
  })

  it('renders figures with absolute image URLs, escaped alt text and caption; skips broken ones', () => {
    const figure = { _type: 'figure', _key: 'f', asset: { _ref: 'image-abc-10x10-jpg' }, alt: 'Флаги "КЗ" <и> КНР', caption: 'Подпись', width: 10, height: 10 }
    expect(portableTextToHtml([figure], options)).toBe(
      `<figure><img src="${SITE}/img.jpg" alt="Флаги &quot;КЗ&quot; &lt;и&gt; КНР" /><figcaption>Подпись</figcaption></figure>`,
    )
    expect(portableTextToHtml([{ _type: 'figure', _key: 'x' }], options)).toBe('')
  })
})
