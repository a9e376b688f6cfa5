import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseNdjson, type LakeDocument } from '@baspa/lake'
import { TOPIC_PAGE_SIZE } from '@/sanity/pagination'
import { DEMO_DATASET, SEED_SLUG, tempLake, type TempLake } from '../fixtures/lake'

const dataset = parseNdjson(readFileSync(DEMO_DATASET, 'utf8'))
// The Russian edition's articles (the data functions default to it); translations are in i18n.test.ts.
const articles = dataset.filter((doc) => doc._type === 'article' && (doc.language ?? 'ru') === 'ru') as (LakeDocument & {
  publishedAt: string
  slug: { current: string }
})[]

/** The expected order of a topic page, computed straight from the raw dataset (newest first, then _id). */
function expectedTopicSlugs(topicId: string): string[] {
  return articles
    .filter((a) => (a.topics as { _ref: string }[]).some((t) => t._ref === topicId))
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a._id.localeCompare(b._id))
    .map((a) => a.slug.current)
}

let lake: TempLake
beforeEach(async () => {
  lake = await tempLake()
})
afterEach(() => lake.dispose())

describe('the seed article', () => {
  it('comes back by slug with its 3 people, 2 countries and 4 topics', async () => {
    const article = await lake.api.article(SEED_SLUG)
    expect(article).not.toBeNull()
    expect(article!.title).toContain('Токаева и Ван И')
    expect(article!.people.map((p) => p.name)).toEqual(['Касым-Жомарт Токаев', 'Ван И', 'Си Цзиньпин'])
    expect(article!.countries.map((c) => [c.name, c.code])).toEqual([
      ['Казахстан', 'KZ'],
      ['Китай', 'CN'],
    ])
    expect(article!.topics.map((t) => t.slug).sort()).toEqual(['covid-19', 'diplomatiya', 'selskoe-hozyaystvo', 'torgovlya'])
    expect(article!.authors).toHaveLength(1)
  })

  it('keeps the external link as a link annotation and the paragraphs as written', async () => {
    const article = await lake.api.article(SEED_SLUG)
    const blocks = article!.body as unknown as { _type: string; children: { text: string; marks: string[] }[]; markDefs: { _key: string; href: string }[] }[]
    const text = blocks.map((b) => b.children.map((c) => c.text).join(''))
    const source = readFileSync(new URL('../../data/demo/source/seed-article.ru.txt', import.meta.url), 'utf8')
      .trim()
      .split('\n')
    expect(text).toEqual(source)
    const link = blocks[0]!.markDefs[0]!
    expect(link.href).toBe('https://baq.kz/')
    expect(blocks[0]!.children.find((c) => c.marks.includes(link._key))?.text).toBe('https://baq.kz/')
  })

  it('lists 3 to 6 related articles, those sharing topics or people first', async () => {
    const related = await lake.api.related((await lake.api.article(SEED_SLUG))!)
    expect(related.length).toBeGreaterThanOrEqual(3)
    expect(related.length).toBeLessThanOrEqual(6)
    expect(related.map((r) => r.slug)).not.toContain(SEED_SLUG)
    // The first ones share a topic or a person with the seed article.
    const seedRefs = new Set([
      'topic-torgovlya',
      'topic-selskoe-hozyaystvo',
      'topic-covid-19',
      'topic-diplomatiya',
      'person-kasym-zhomart-tokaev',
      'person-van-i',
      'person-si-czinpin',
    ])
    const first = lake.store.getDocument(related[0]!._id) as { topics?: { _ref: string }[]; people?: { _ref: string }[] }
    expect([...(first.topics ?? []), ...(first.people ?? [])].some((ref) => seedRefs.has(ref._ref))).toBe(true)
  })
})

describe('topic pages', () => {
  const topicId = 'topic-ekonomika'
  const expected = expectedTopicSlugs(topicId)
  const lastPage = Math.ceil(expected.length / TOPIC_PAGE_SIZE)

  it('the demo has a topic with more than one page', () => {
    expect(expected.length).toBeGreaterThan(TOPIC_PAGE_SIZE)
  })

  it('page 1 holds the 20 newest articles in order', async () => {
    const page = await lake.api.archivePage('topics', 'ekonomika', 1)
    expect(page!.total).toBe(expected.length)
    expect(page!.pageCount).toBe(lastPage)
    expect(page!.articles.map((a) => a.slug)).toEqual(expected.slice(0, TOPIC_PAGE_SIZE))
  })

  it('the last page holds the remainder, and one past the last page is not found', async () => {
    const page = await lake.api.archivePage('topics', 'ekonomika', lastPage)
    expect(page!.articles.map((a) => a.slug)).toEqual(expected.slice((lastPage - 1) * TOPIC_PAGE_SIZE))
    expect(await lake.api.archivePage('topics', 'ekonomika', lastPage + 1)).toBeNull()
    expect(await lake.api.archivePage('topics', 'ekonomika', 0)).toBeNull()
    expect(await lake.api.archivePage('topics', 'ekonomika', 1.5)).toBeNull()
  })

  it('different pages of the same query give different slices (params are not baked into a cached tree)', async () => {
    const first = await lake.api.archivePage('topics', 'ekonomika', 1)
    const second = await lake.api.archivePage('topics', 'ekonomika', 2)
    expect(second!.articles[0]!.slug).toBe(expected[TOPIC_PAGE_SIZE])
    expect(first!.articles[0]!.slug).toBe(expected[0])
  })

  it('an unknown topic is not found, and the index counts articles per topic', async () => {
    expect(await lake.api.archivePage('topics', 'no-such-topic', 1)).toBeNull()
    const topics = await lake.api.topics()
    expect(topics.find((t) => t.slug === 'ekonomika')?.count).toBe(expected.length)
    expect(topics.find((t) => t.slug === 'torgovlya')?.count).toBe(expectedTopicSlugs('topic-torgovlya').length)
  })
})

describe('person and country pages', () => {
  it('a person page shows the role, the country and the articles mentioning the person, newest first', async () => {
    const page = await lake.api.archivePage('people', 'van-i', 1)
    expect(page).toMatchObject({ kind: 'people', title: 'Ван И', description: 'Министр иностранных дел КНР', country: { slug: 'kitay' } })
    const expected = articles
      .filter((a) => (a.people as { _ref: string }[]).some((p) => p._ref === 'person-van-i'))
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a._id.localeCompare(b._id))
      .map((a) => a.slug.current)
    expect(page!.articles.map((a) => a.slug)).toEqual(expected.slice(0, TOPIC_PAGE_SIZE))
    expect(expected).toContain(SEED_SLUG)
  })

  it('a country page lists the articles about the country', async () => {
    const page = await lake.api.archivePage('countries', 'kitay', 1)
    expect(page).toMatchObject({ title: 'Китай', code: 'CN' })
    expect(page!.articles.map((a) => a.slug)).toContain(SEED_SLUG)
    expect(await lake.api.archivePage('countries', 'van-i', 1)).toBeNull()
  })

  it('a person page has the photo (with its hotspot and alt) and the bio from the CMS when there are any', async () => {
    const person = lake.store.getDocument('person-van-i')!
    const mainImage = lake.store.getDocument(`article-${SEED_SLUG}`)!.mainImage as { asset: { _ref: string } }
    const photo = { _type: 'figure', asset: mainImage.asset, alt: 'Ван И на переговорах', hotspot: { x: 0.3, y: 0.4, width: 0.2, height: 0.3 } }
    lake.store.writeDocuments([{ ...person, _rev: undefined, photo, bio: { _type: 'localeText', ru: 'Глава МИД КНР с 2013 года.' } }])
    const page = await lake.api.archivePage('people', 'van-i', 1)
    expect(page).toMatchObject({ bio: 'Глава МИД КНР с 2013 года.', photo: { alt: 'Ван И на переговорах', hotspot: photo.hotspot, width: 1600, height: 900 } })
    expect(page!.country).toMatchObject({ code: 'CN' })
    // A photo without alt text fails its model: the page keeps everything but the photo.
    lake.store.writeDocuments([{ ...person, _rev: undefined, photo: { ...photo, alt: '' } }])
    const withoutAlt = await lake.api.archivePage('people', 'van-i', 1)
    expect(withoutAlt).toMatchObject({ title: 'Ван И' })
    expect(withoutAlt!.photo).toBeUndefined()
  })

  it('an author page has the bio and the articles signed by the author', async () => {
    const page = await lake.api.archivePage('authors', 'aygerim-saparova', 1)
    expect(page).toMatchObject({ kind: 'authors', title: 'Айгерим Сапарова', description: expect.stringContaining('Политический обозреватель') })
    const signed = articles.filter((a) => ((a.authors ?? []) as { _ref: string }[]).some((ref) => ref._ref === 'author-aygerim-saparova'))
    expect(page!.total).toBe(signed.length)
    expect(page!.total).toBeGreaterThan(0)
  })

  it('the people index: everyone, with their article counts, the most written about first, then by name', async () => {
    const index = await lake.api.people()
    expect(index).toMatchObject({ page: 1, pageCount: 1 })
    const people = index!.people
    expect(people.length).toBe(dataset.filter((doc) => doc._type === 'person').length)
    const mentions = (id: string) => articles.filter((a) => ((a.people ?? []) as { _ref: string }[]).some((ref) => ref._ref === id)).length
    for (const person of people) expect(person.count, person.slug).toBe(mentions(person._id))
    for (let i = 1; i < people.length; i++) {
      const [a, b] = [people[i - 1]!, people[i]!]
      expect(a.count > b.count || (a.count === b.count && a.title.localeCompare(b.title) <= 0), `${a.slug} before ${b.slug}`).toBe(true)
    }
    expect(people.find((person) => person.slug === 'kasym-zhomart-tokaev')).toMatchObject({
      role: 'Президент Республики Казахстан',
      country: { slug: 'kazakhstan', code: 'KZ' },
    })
  })

  it('the people index in pages: the same order cut in pages, and no page past the last', async () => {
    const everyone = (await lake.api.people())!.people.map((person) => person.slug)
    const pageSize = 3
    const pages = Math.ceil(everyone.length / pageSize)
    expect(pages).toBeGreaterThan(2)
    const paged: string[] = []
    for (let page = 1; page <= pages; page++) {
      const index = await lake.api.people('ru', page, pageSize)
      expect(index).toMatchObject({ page, pageCount: pages })
      paged.push(...index!.people.map((person) => person.slug))
    }
    expect(paged).toEqual(everyone)
    expect(await lake.api.people('ru', pages + 1, pageSize)).toBeNull()
    expect(await lake.api.people('ru', 0, pageSize)).toBeNull()
    expect(await lake.api.people('ru', 1.5, pageSize)).toBeNull()
  })

  it('a country page lists its people who are in the news, and only them', async () => {
    const people = await lake.api.countryPeople('kitay')
    expect(people.map((person) => person.slug)).toEqual(expect.arrayContaining(['van-i', 'si-czinpin']))
    expect(people.every((person) => person.country?.slug === 'kitay' && person.count > 0)).toBe(true)
    // Someone of that country whom no visible article mentions is not listed.
    lake.store.writeDocuments([
      {
        _id: 'person-nobody',
        _type: 'person',
        name: { ru: 'Никто' },
        slug: { _type: 'slug', current: 'nikto' },
        country: { _type: 'reference', _ref: 'country-kitay' },
      },
    ])
    expect((await lake.api.countryPeople('kitay')).map((person) => person.slug)).not.toContain('nikto')
    expect(await lake.api.countryPeople('no-such-country')).toEqual([])
    expect(await lake.api.countryPeople('"] || true || ["')).toEqual([])
  })

  it('the countries index: every country with its code, articles and people', async () => {
    const countries = await lake.api.countries()
    expect(countries.length).toBe(dataset.filter((doc) => doc._type === 'country').length)
    const china = countries.find((country) => country.slug === 'kitay')!
    expect(china).toMatchObject({ title: 'Китай', code: 'CN' })
    expect(china.count).toBe((await lake.api.archivePage('countries', 'kitay', 1))!.total)
    expect(china.people).toBeGreaterThanOrEqual(2)
    expect(countries.map((country) => country.count)).toEqual([...countries.map((country) => country.count)].sort((a, b) => b - a))
  })

  it('lists the slugs of each kind for static generation', async () => {
    expect(await lake.api.archiveSlugs('countries')).toContain('kazakhstan')
    expect(await lake.api.archiveSlugs('people')).toContain('kasym-zhomart-tokaev')
    expect(await lake.api.archiveSlugs('topics')).not.toContain('kazakhstan')
  })
})

describe('perspectives', () => {
  const draft = (overrides: Partial<LakeDocument> = {}): LakeDocument => {
    const seed = lake.store.getDocument(`article-${SEED_SLUG}`)!
    return { ...seed, _id: `drafts.article-${SEED_SLUG}`, _rev: undefined, title: 'Черновой заголовок', ...overrides }
  }

  it('published hides a draft; drafts shows it over the published document', async () => {
    lake.store.writeDocuments([draft()])
    expect((await lake.api.article(SEED_SLUG))!.title).not.toBe('Черновой заголовок')
    expect((await lake.drafts.article(SEED_SLUG))!.title).toBe('Черновой заголовок')
  })

  it('a never-published draft exists only in the drafts perspective', async () => {
    lake.store.writeDocuments([draft({ _id: 'drafts.brand-new', slug: { _type: 'slug', current: 'brand-new-story' } })])
    expect(await lake.api.article('brand-new-story')).toBeNull()
    const found = await lake.drafts.article('brand-new-story')
    expect(found?._id).toBe('brand-new')
  })

  it('sees writes made after the first query (the snapshot refreshes)', async () => {
    expect(await lake.api.article('fresh-story')).toBeNull()
    const seed = lake.store.getDocument(`article-${SEED_SLUG}`)!
    lake.store.writeDocuments([{ ...seed, _id: 'fresh', _rev: undefined, slug: { _type: 'slug', current: 'fresh-story' } }])
    expect((await lake.api.article('fresh-story'))?._id).toBe('fresh')
  })
})

describe('bad data and bad input', () => {
  it('a malformed document is logged and left out of lists, and its page is not found', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const seed = lake.store.getDocument(`article-${SEED_SLUG}`)!
    lake.store.writeDocuments([
      { ...seed, _id: 'broken', _rev: undefined, lead: 42, slug: { _type: 'slug', current: 'broken-story' }, publishedAt: new Date().toISOString() },
    ])
    const page = await lake.api.archivePage('topics', 'torgovlya', 1)
    expect(page!.articles.map((a) => a._id)).not.toContain('broken')
    expect(page!.articles.length).toBeGreaterThan(0)
    expect(await lake.api.article('broken-story')).toBeNull()
    expect(warn.mock.calls.some(([message]) => String(message).includes('broken') && String(message).includes('lead'))).toBe(true)
    warn.mockRestore()
  })

  it('a future publishedAt is invisible until its time (embargo)', async () => {
    const seed = lake.store.getDocument(`article-${SEED_SLUG}`)!
    const future = new Date(Date.now() + 3_600_000).toISOString()
    lake.store.writeDocuments([{ ...seed, _id: 'scheduled', _rev: undefined, slug: { _type: 'slug', current: 'scheduled-story' }, publishedAt: future }])
    expect(await lake.api.article('scheduled-story')).toBeNull()
    expect((await lake.api.home()).latest.map((a) => a._id)).not.toContain('scheduled')
  })

  it.each([`x"] || true || ["`, `${SEED_SLUG}" || true || "`, '*', '', ' ', '../../etc/passwd', 'a'.repeat(5000)])(
    'a hostile slug %# finds nothing',
    async (slug) => {
      expect(await lake.api.article(slug)).toBeNull()
      expect(await lake.api.archivePage('topics', slug, 1)).toBeNull()
    },
  )
})

describe('home page', () => {
  it('has the lead story from the site settings, latest news without it, and a section per main topic', async () => {
    const home = await lake.api.home()
    expect(home.leadStory?.slug).toBe(SEED_SLUG)
    expect(home.latest.length).toBe(12)
    expect(home.latest.map((a) => a.slug)).not.toContain(SEED_SLUG)
    const dates = home.latest.map((a) => a.publishedAt)
    expect([...dates].sort().reverse()).toEqual(dates)
    expect(home.sections.length).toBeGreaterThanOrEqual(6)
    for (const section of home.sections) expect(section.articles.length).toBeLessThanOrEqual(4)
    // Each section says how many articles its topic has, as the topic's page does.
    const topics = await lake.api.topics()
    for (const section of home.sections) expect(section.count, section.slug).toBe(topics.find((topic) => topic.slug === section.slug)!.count)
  })
})

describe('site settings', () => {
  it('gives the logo with its dimensions and the site name as default alt; a broken logo falls back to the name', async () => {
    const settings = lake.store.getDocument('siteSettings')!
    const imageAsset = dataset.find((doc) => doc._type === 'sanity.imageAsset')!
    lake.store.writeDocuments([{ ...settings, _rev: undefined, logo: { _type: 'image', asset: { _type: 'reference', _ref: imageAsset._id } } }])
    const withLogo = await lake.api.siteSettings()
    expect(withLogo.logo).toMatchObject({ asset: { _ref: imageAsset._id }, alt: settings.title, width: expect.any(Number) })

    lake.store.writeDocuments([{ ...settings, _rev: undefined, logo: { _type: 'image', asset: { _type: 'reference', _ref: 'image-missing-10x10-png' } } }])
    const broken = await lake.api.siteSettings()
    expect(broken.logo).toBeUndefined()
    expect(broken.title).toBe(settings.title)
    expect(broken.navigation.length).toBeGreaterThan(0)
  })
})

describe('related articles', () => {
  it('counts an article without people or topics as relevance 0 instead of dropping it', async () => {
    const seed = lake.store.getDocument(`article-${SEED_SLUG}`)!
    lake.store.writeDocuments([
      { ...seed, _id: 'no-people', _rev: undefined, people: undefined, slug: { _type: 'slug', current: 'no-people' }, publishedAt: new Date().toISOString() },
    ])
    const article = await lake.api.article('no-people')
    expect(article).not.toBeNull()
    expect((await lake.api.related(article!)).length).toBeGreaterThanOrEqual(3)
    const seedRelated = await lake.api.related((await lake.api.article(SEED_SLUG))!)
    expect(seedRelated.map((r) => r._id)).toContain('no-people')
  })
})
