import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  buildNewsSitemap,
  buildSitemapIndex,
  buildUrlset,
  chunkCount,
  chunkRange,
  escapeXml,
  LASTMOD_PAGE_CHUNKS,
  newest,
  parseSitemapFileName,
  robotsRules,
  sitemapFileName,
  w3cDatetime,
  type SitemapName,
} from '@/lib/sitemap'
import { parseNdjson, type LakeDocument } from '@baspa/lake'
import { NEWS_MAX_ENTRIES, NEWS_WINDOW_HOURS, SITEMAP_ARTICLES_LASTMODS_QUERY } from '@/sanity/queries'
import { sitemapApi } from '@/sanity/sitemaps'
import { errorsOf, validateSitemap } from '../fixtures/sitemap-xsd'
import { DEMO_DATASET, SEED_SLUG, tempLake, type TempLake } from '../fixtures/lake'

const TRICKY = `Рост <5%> & «прорыв»: "цитата" и 'апостроф'`
const HOUR = 3_600_000
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString()

describe('sitemap names and chunks', () => {
  it.each<[string, SitemapName]>([
    ['articles-1.xml', { kind: 'articles', chunk: 1 }],
    ['articles-12.xml', { kind: 'articles', chunk: 12 }],
    ['topics.xml', { kind: 'topics' }],
    ['people.xml', { kind: 'people' }],
    ['countries.xml', { kind: 'countries' }],
    ['authors.xml', { kind: 'authors' }],
    ['pages.xml', { kind: 'pages' }],
  ])('%s is a child sitemap and round-trips', (file, name) => {
    expect(parseSitemapFileName(file)).toEqual(name)
    expect(sitemapFileName(name)).toBe(file)
  })

  it.each([
    'nope.xml',
    'articles-0.xml',
    'articles-01.xml',
    'articles-1.5.xml',
    'articles--1.xml',
    'articles.xml',
    'articles-1',
    'topics',
    'Topics.xml',
    'topics.xml.gz',
    '../topics.xml',
    'constructor.xml',
    '',
  ])('%j is not a sitemap', (file) => expect(parseSitemapFileName(file)).toBeNull())

  it('chunks at 1 000 URLs', () => {
    expect([0, 1, 1_000, 1_001, 2_000, 2_001].map((total) => chunkCount(total))).toEqual([0, 1, 1, 2, 2, 3])
    expect(chunkRange(1)).toEqual({ start: 0, end: 1_000 })
    expect(chunkRange(3)).toEqual({ start: 2_000, end: 3_000 })
    expect(chunkRange(2, 20)).toEqual({ start: 20, end: 40 })
  })
})

describe('XML text and dates', () => {
  it('escapes the five markup characters and drops characters XML cannot carry', () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f')
    expect(escapeXml('&amp;')).toBe('&amp;amp;')
    expect(escapeXml('bell\u0007 nul\u0000 tab\t ok — «ёлка» 🎉 lone\uD800')).toBe('bell nul tab\t ok — «ёлка» 🎉 lone')
  })

  it('writes W3C datetimes in UTC to the second', () => {
    expect(w3cDatetime('2026-11-28T06:40:00.000Z')).toBe('2026-11-28T06:40:00Z')
    expect(w3cDatetime('2026-11-28T11:40:00+05:00')).toBe('2026-11-28T06:40:00Z')
    expect(w3cDatetime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)))).toBe('2026-01-02T03:04:05Z')
    expect(() => w3cDatetime('yesterday')).toThrow(RangeError)
  })

  it('finds the newest date by instant, not by spelling', () => {
    expect(newest(['2026-01-01T04:00:00+05:00', '2026-01-01T00:30:00Z', undefined, null])).toBe('2026-01-01T00:30:00Z')
    expect(newest([undefined, null, 'not a date'])).toBeUndefined()
  })
})

describe('the XML builders, validated by xmllint against the sitemaps.org XSDs', () => {
  const url = 'https://baspa.example/news/a?x=1&y=<2>'
  const image = 'https://cdn.example/images/p/d/abc-1600x900.jpg?rect=0,0,1600,900&w=1600&auto=format'

  it('a urlset with images: escaped locations, W3C lastmod, the image namespace', async () => {
    const xml = buildUrlset([
      { loc: url, lastmod: '2026-11-28T06:40:00.000Z', images: [image] },
      { loc: 'https://baspa.example/topics', lastmod: undefined },
    ])
    const result = await validateSitemap(xml, 'sitemap')
    expect(result.valid, errorsOf(result)).toBe(true)
    expect(xml).toContain('xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"')
    expect(xml).toContain('<loc>https://baspa.example/news/a?x=1&amp;y=&lt;2&gt;</loc>')
    expect(xml).toContain('<image:loc>https://cdn.example/images/p/d/abc-1600x900.jpg?rect=0,0,1600,900&amp;w=1600&amp;auto=format</image:loc>')
    expect(xml).toContain('<lastmod>2026-11-28T06:40:00Z</lastmod>')
    expect(xml).not.toContain('image:caption')
    expect(xml.match(/<url>/g)).toHaveLength(2)
  })

  it('a sitemap index', async () => {
    const xml = buildSitemapIndex([
      { loc: 'https://baspa.example/sitemaps/articles-1.xml', lastmod: '2026-11-28T06:40:00Z' },
      { loc: 'https://baspa.example/news-sitemap.xml' },
    ])
    const result = await validateSitemap(xml, 'siteindex')
    expect(result.valid, errorsOf(result)).toBe(true)
    // An index is not a urlset, and the other way round.
    expect((await validateSitemap(xml, 'sitemap')).valid).toBe(false)
    expect((await validateSitemap(buildUrlset([{ loc: url }]), 'siteindex')).valid).toBe(false)
  })

  it('a Google News sitemap with a title full of markup characters', async () => {
    const xml = buildNewsSitemap([{ loc: url, title: TRICKY, publishedAt: '2026-11-28T11:40:00+05:00', language: 'ru' }], 'Baspa & Co')
    const result = await validateSitemap(xml, 'sitemap')
    expect(result.valid, errorsOf(result)).toBe(true)
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')
    expect(xml).toContain('<news:title>Рост &lt;5%&gt; &amp; «прорыв»: &quot;цитата&quot; и &apos;апостроф&apos;</news:title>')
    expect(xml).toContain('<news:name>Baspa &amp; Co</news:name>')
    expect(xml).toContain('<news:language>ru</news:language>')
    expect(xml).toContain('<news:publication_date>2026-11-28T06:40:00Z</news:publication_date>')
  })

  it('the validator rejects what a sitemap must not be', async () => {
    const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${body}</urlset>`
    const rejected = [
      wrap('<url><lastmod>2026-11-28</lastmod></url>'), // a <url> without <loc>
      wrap('<url><loc>https://baspa.example/</loc><lastmod>yesterday</lastmod></url>'),
      wrap('<url><lastmod>2026-11-28</lastmod><loc>https://baspa.example/</loc></url>'), // order matters
      wrap(''), // at least one <url>
      wrap('<url><loc>https://baspa.example/?a=1&b=2</loc></url>'), // an unescaped & is not XML
    ]
    for (const xml of rejected) {
      const result = await validateSitemap(xml, 'sitemap')
      expect(result.valid, xml).toBe(false)
      expect(result.errors.length, xml).toBeGreaterThan(0)
    }
    expect((await validateSitemap(wrap('<url><loc>https://baspa.example/</loc><lastmod>2026-11-28</lastmod></url>'), 'sitemap')).valid).toBe(true)
  })
})

describe('robots.txt', () => {
  it('keeps crawlers out of the Studio, the API and search results, not out of pages or images, and names both sitemaps', () => {
    const robots = robotsRules('https://baspa.example')
    const rules = [robots.rules].flat()
    expect(rules).toHaveLength(1)
    const disallow = [rules[0]!.disallow ?? []].flat()
    expect(disallow).toEqual(expect.arrayContaining(['/studio', '/api/', '/search']))
    const blocked = (path: string) => disallow.some((prefix) => path.startsWith(prefix))
    for (const path of ['/studio', '/studio/structure', '/api/revalidate', '/api/draft-mode/enable', '/search', '/search?q=x'])
      expect(blocked(path), path).toBe(true)
    for (const path of [
      '/',
      '/news/a',
      '/topics',
      '/topics/ekonomika',
      '/authors/mariya-li',
      '/lake/images/local/production/a.jpg',
      '/feed.xml',
      '/sitemap.xml',
      '/news-sitemap.xml',
    ])
      expect(blocked(path), path).toBe(false)
    expect(robots.sitemap).toEqual(['https://baspa.example/sitemap.xml', 'https://baspa.example/news-sitemap.xml'])
  })
})

describe('sitemap content on a real lake', () => {
  const dataset = parseNdjson(readFileSync(DEMO_DATASET, 'utf8'))
  const demoArticles = dataset.filter((doc) => doc._type === 'article')

  let lake: TempLake
  beforeEach(async () => {
    lake = await tempLake()
  })
  afterEach(() => lake.dispose())

  const seed = () => lake.store.getDocument(`article-${SEED_SLUG}`)!
  /** A copy of the seed article under another id and slug. */
  const article = (id: string, fields: Partial<LakeDocument> = {}): LakeDocument => ({
    ...seed(),
    _id: id,
    _rev: undefined,
    updatedAt: undefined,
    slug: { _type: 'slug', current: id.replace(/^drafts\./, '') },
    ...fields,
  })
  const slugsOf = (pages: { slug: string }[] | null) => (pages ?? []).map((page) => page.slug)

  it('the article sitemap lists every visible article, oldest first, with its lastmod and main image', async () => {
    const articles = await lake.api.articleSitemap(1)
    expect(articles).toHaveLength(demoArticles.length)
    const dates = articles!.map((a) => lake.store.getDocument(`article-${a.slug}`)?.publishedAt as string)
    expect([...dates].sort()).toEqual(dates)
    const entry = articles!.find((a) => a.slug === SEED_SLUG)!
    const stored = seed() as LakeDocument & { publishedAt: string; updatedAt: string; mainImage: { asset: { _ref: string } } }
    expect(stored.updatedAt > stored.publishedAt).toBe(true)
    expect(entry.lastmod).toBe(stored.updatedAt)
    expect(entry.image).toMatchObject({ asset: { _ref: stored.mainImage.asset._ref }, width: 1600 })
    // Without updatedAt, lastmod is the publication.
    const plain = articles!.find((a) => !lake.store.getDocument(`article-${a.slug}`)?.updatedAt)!
    expect(plain.lastmod).toBe(lake.store.getDocument(`article-${plain.slug}`)?.publishedAt)
  })

  it('chunks the articles: the chunks partition the list, and chunks 0 and past the last are null (404)', async () => {
    const all = slugsOf(await lake.api.articleSitemap(1))
    const size = 20
    const chunks = await Promise.all([1, 2, 3].map((chunk) => lake.api.articleSitemap(chunk, size)))
    expect(chunks.map((chunk) => chunk!.length)).toEqual([20, 20, all.length - 40])
    expect(chunks.flatMap(slugsOf)).toEqual(all)
    expect(await lake.api.articleSitemap(4, size)).toBeNull()
    expect(await lake.api.articleSitemap(2)).toBeNull()
    expect(await lake.api.articleSitemap(0)).toBeNull()
    expect(await lake.api.articleSitemap(1.5)).toBeNull()

    const index = await lake.api.sitemapIndex(size)
    const articleChunks = index.filter((entry) => entry.name.kind === 'articles')
    expect(articleChunks.map((entry) => entry.name)).toEqual([1, 2, 3].map((chunk) => ({ kind: 'articles', chunk })))
    chunks.forEach((chunk, i) => expect(articleChunks[i]!.lastmod).toBe(newest(chunk!.map((a) => a.lastmod))))
  })

  it("the index reads the chunks' lastmods in pages of many chunks, two pages at a time", async () => {
    let running = 0
    let most = 0
    let lastmodQueries = 0
    const counted = sitemapApi(async (query, params) => {
      if (query === SITEMAP_ARTICLES_LASTMODS_QUERY) lastmodQueries++
      most = Math.max(most, ++running)
      try {
        return await lake.client.fetch(query, params ?? {}, 'published')
      } finally {
        running--
      }
    })
    const listed = (await lake.api.articleSitemap(1))!
    const index = await counted.sitemapIndex(1)
    const articleChunks = index.filter((entry) => entry.name.kind === 'articles')
    expect(articleChunks).toHaveLength(listed.length)
    expect(articleChunks.map((entry) => entry.lastmod)).toEqual(listed.map((article) => article.lastmod))
    expect(listed.length).toBeGreaterThan(2 * LASTMOD_PAGE_CHUNKS)
    expect(lastmodQueries).toBe(Math.ceil(listed.length / LASTMOD_PAGE_CHUNKS))
    // Two pages of lastmods, beside the four taxonomy queries.
    expect(most).toBeLessThanOrEqual(2 + 4)
  })

  it('drafts, embargoed and noindex articles never appear; a future updatedAt is not a lastmod', async () => {
    lake.store.writeDocuments([
      article('drafts.draft-only', { publishedAt: hoursAgo(1) }),
      article('embargoed', { publishedAt: new Date(Date.now() + HOUR).toISOString() }),
      article('hidden', { publishedAt: hoursAgo(1), seo: { _type: 'seo', noindex: true } }),
      article('updated-later', { publishedAt: hoursAgo(30), updatedAt: new Date(Date.now() + 2 * HOUR).toISOString() }),
      article('fresh', { publishedAt: hoursAgo(1) }),
    ])
    const listed = slugsOf(await lake.api.articleSitemap(1))
    expect(listed).toContain('fresh')
    expect(listed).toContain('updated-later')
    for (const slug of ['draft-only', 'embargoed', 'hidden']) expect(listed).not.toContain(slug)
    const news = slugsOf(await lake.api.newsSitemap())
    expect(news).toContain('fresh')
    for (const slug of ['draft-only', 'embargoed', 'hidden']) expect(news).not.toContain(slug)

    const updatedLater = (await lake.api.articleSitemap(1))!.find((a) => a.slug === 'updated-later')!
    expect(updatedLater.lastmod).toBe(lake.store.getDocument('updated-later')!.publishedAt)

    // No lastmod anywhere comes from the future (the embargoed article and the future updatedAt reference the seed's topics).
    const now = Date.now()
    const index = await lake.api.sitemapIndex()
    const taxonomy = await Promise.all((['topics', 'people', 'countries', 'authors'] as const).map((kind) => lake.api.taxonomySitemap(kind)))
    for (const lastmod of [...index, ...taxonomy.flat(), ...(await lake.api.staticPagesSitemap())].map((entry) => entry.lastmod))
      expect(Date.parse(lastmod!)).toBeLessThanOrEqual(now)
  })

  it('the news sitemap holds the visible articles of the last 48 hours only, newest first', async () => {
    lake.store.writeDocuments([
      article('one-hour', { publishedAt: hoursAgo(1) }),
      article('forty-seven-hours', { publishedAt: hoursAgo(47) }),
      article('forty-nine-hours', { publishedAt: hoursAgo(49) }),
      article('a-week', { publishedAt: hoursAgo(24 * 7) }),
    ])
    const news = await lake.api.newsSitemap()
    const slugs = slugsOf(news)
    expect(slugs).toEqual(expect.arrayContaining(['one-hour', 'forty-seven-hours', SEED_SLUG]))
    expect(slugs).not.toContain('forty-nine-hours')
    expect(slugs).not.toContain('a-week')
    const dates = news.map((item) => item.publishedAt)
    expect([...dates].sort().reverse()).toEqual(dates)
    const since = Date.now() - NEWS_WINDOW_HOURS * HOUR
    for (const date of dates) expect(Date.parse(date)).toBeGreaterThanOrEqual(since)
    expect(news.find((item) => item.slug === SEED_SLUG)).toMatchObject({ title: seed().title, language: 'ru' })
    // The demo has older articles: the window really cuts.
    expect(news.length).toBeLessThan((await lake.api.articleSitemap(1))!.length)
  })

  it('the news sitemap stops at 1 000 entries, the newest', async () => {
    const base = Date.now() - 2 * HOUR
    lake.store.writeDocuments(
      Array.from({ length: NEWS_MAX_ENTRIES + 5 }, (_, i) => article(`bulk-${i}`, { publishedAt: new Date(base - i * 1000).toISOString() })),
    )
    const news = await lake.api.newsSitemap()
    expect(news).toHaveLength(NEWS_MAX_ENTRIES)
    expect(news.map((item) => item.slug)).not.toContain(`bulk-${NEWS_MAX_ENTRIES + 4}`)
    expect(news.map((item) => item.slug)).toContain('bulk-0')
  })

  it('taxonomy sitemaps list every topic, person, country and author; lastmod is the later of the document and its articles', async () => {
    const ofType = (type: string) =>
      dataset
        .filter((doc) => doc._type === type)
        .map((doc) => (doc.slug as { current: string }).current)
        .sort()
    const paths = async (kind: 'topics' | 'people' | 'countries' | 'authors') => (await lake.api.taxonomySitemap(kind)).map((page) => page.path)
    expect(await paths('topics')).toEqual(ofType('topic').map((slug) => `/topics/${slug}`))
    expect(await paths('people')).toEqual(ofType('person').map((slug) => `/people/${slug}`))
    expect(await paths('countries')).toEqual(ofType('country').map((slug) => `/countries/${slug}`))
    expect(await paths('authors')).toEqual(ofType('author').map((slug) => `/authors/${slug}`))

    // Trade's lastmod is its newest article's; publishing a fresher one moves it, and so does editing the topic itself.
    const tradeLastmod = async () => (await lake.api.taxonomySitemap('topics')).find((page) => page.path === '/topics/torgovlya')!.lastmod!
    const before = await tradeLastmod()
    const articles = (await lake.api.articleSitemap(1))!
    const trade = articles.filter((a) => (lake.store.getDocument(`article-${a.slug}`)?.topics as { _ref: string }[]).some((t) => t._ref === 'topic-torgovlya'))
    expect(before).toBe(newest([...trade.map((a) => a.lastmod), lake.store.getDocument('topic-torgovlya')!._updatedAt as string]))
    const fresh = new Date(Date.now() - 60_000).toISOString()
    lake.store.writeDocuments([article('trade-news', { publishedAt: fresh })])
    expect(await tradeLastmod()).toBe(fresh)
    lake.store.writeDocuments([
      { ...lake.store.getDocument('topic-torgovlya')!, _rev: undefined, _updatedAt: undefined, description: { _type: 'localeText', ru: 'Новое описание' } },
    ])
    expect(Date.parse(await tradeLastmod())).toBeGreaterThan(Date.parse(fresh))
  })

  it('the index lists the article, taxonomy and static-page sitemaps that have entries, and the built XML validates', async () => {
    const index = await lake.api.sitemapIndex()
    expect(index.map((entry) => sitemapFileName(entry.name))).toEqual([
      'articles-1.xml',
      'topics.xml',
      'people.xml',
      'countries.xml',
      'authors.xml',
      'pages.xml',
    ])
    for (const entry of index) expect(entry.lastmod, sitemapFileName(entry.name)).toBeTruthy()
    const pages = await lake.api.staticPagesSitemap()
    expect(pages.map((page) => page.path)).toEqual(['/', '/topics', '/people', '/countries'])
    expect(index.find((entry) => entry.name.kind === 'pages')!.lastmod).toBe(newest(pages.map((page) => page.lastmod)))

    const site = 'https://baspa.example'
    const indexXml = buildSitemapIndex(index.map((entry) => ({ loc: `${site}/sitemaps/${sitemapFileName(entry.name)}`, lastmod: entry.lastmod })))
    const indexResult = await validateSitemap(indexXml, 'siteindex')
    expect(indexResult.valid, errorsOf(indexResult)).toBe(true)
    const articles = (await lake.api.articleSitemap(1))!
    const articlesXml = buildUrlset(
      articles.map((a) => ({
        loc: `${site}/news/${a.slug}`,
        lastmod: a.lastmod,
        images: a.image ? [`${site}/lake/images/${a.image.asset._ref}?a=1&b=2`] : [],
      })),
    )
    const articlesResult = await validateSitemap(articlesXml, 'sitemap', 'articles-1.xml')
    expect(articlesResult.valid, errorsOf(articlesResult)).toBe(true)
    expect(articlesXml.match(/<image:image>/g)).toHaveLength(demoArticles.length)
  })

  it('an empty lake has no article or taxonomy sitemaps, only the static pages', async () => {
    const empty = await tempLake({ empty: true })
    try {
      expect(await empty.api.articleSitemap(1)).toBeNull()
      expect((await empty.api.sitemapIndex()).map((entry) => entry.name)).toEqual([{ kind: 'pages' }])
      expect(await empty.api.newsSitemap()).toEqual([])
    } finally {
      await empty.dispose()
    }
  })
})
