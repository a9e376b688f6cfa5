import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseSearchParams } from '@/search/params'
import Database from 'better-sqlite3'
import { SearchIndex, RESULTS_PER_PAGE, withinEdits, type SearchOutcome, type SearchRequest } from '@/search/search-index'
import { type Segment } from '@/search/snippet'
import { directoryStorage } from '@/search/storage'
import { searchOffThread, stopSearchReader } from '@/search/index-reader'
import { versionKey } from '@/sanity/search-manifest'
import { contentApi } from '@/sanity/content'
import { SEARCH_CHANGES_QUERY, SEARCH_MANIFEST_QUERY, SEARCH_VERSION_QUERY } from '@/sanity/queries'
import { createSearchStore, READ_BATCH, type SearchSource } from '@/search/store'
import { actionsToMutations, applyMutations, type LakeDocument } from '@baspa/lake'
import type { SearchDocument } from '@/sanity/models'
import { SEED_SLUG, tempLake, type TempLake } from '../fixtures/lake'
import { searchDocument } from '../fixtures/search-document'

const SEED_ID = `article-${SEED_SLUG}`
const HOSTILE_QUERIES = [
  '',
  ' ',
  '\t\n  \u00a0',
  'а'.repeat(1000),
  'переговоры '.repeat(100),
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '*[_type=="article"]',
  '*[_type == "article"]{title}',
  '") || true',
  '$ids',
  '\\',
  '*',
  '%00%27',
  '🙂🙂🙂',
  '\u0000\u0001\u202e',
  'AND OR NOT',
]

/** The store indexes every edition: the demo's 46 Russian articles and 10 translations. */
const EVERY_EDITION = 56
const request = (q: string, more: Partial<SearchRequest> = {}): SearchRequest => ({ q, page: 1, ...more })
const plain = (segments: Segment[]) => segments.map((s) => s.text).join('')
const marked = (segments: Segment[]) => segments.filter((s) => s.match).map((s) => s.text)
const slugs = (outcome: SearchOutcome) => outcome.hits.map((hit) => hit.article.slug)
/** Every result of a query, all pages. */
function everything(index: SearchIndex, q: string, more: Partial<SearchRequest> = {}) {
  const first = index.search(request(q, more), 1000)
  return first.hits.map((hit) => hit.article.slug)
}
/** A new article published a minute ago: the seed article's fields under another id, title and slug (written now: the lake stamps `_updatedAt`). */
function articleLike(lake: TempLake, id: string, title: string, extra: Partial<LakeDocument> = {}): LakeDocument {
  return {
    ...lake.store.getDocument(SEED_ID)!,
    _id: id,
    _rev: undefined,
    _createdAt: undefined,
    _updatedAt: undefined,
    title,
    slug: { _type: 'slug', current: id },
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    ...extra,
  }
}

/** Every visible article as a search document, as the store reads them (manifest, then by id). */
async function searchCorpus(lake: TempLake): Promise<SearchDocument[]> {
  return lake.api.searchDocuments((await lake.api.searchManifest()).revisions.map((article) => article._id))
}
const fullText = (doc: SearchDocument) => `${doc.title}\n${doc.lead}\n${doc.text}`

/** A synthetic search document. */
let counter = 0
const doc = (fields: Partial<SearchDocument> & { title: string }): SearchDocument => searchDocument(++counter, fields)

describe('ranking and dates on synthetic articles', () => {
  it('a title match beats a lead match, which beats body matches, even repeated ones', () => {
    const body = doc({ title: 'Новости дня', text: 'Водород, водород и ещё раз водород: проекты водорода обсуждали весь день.' })
    const lead = doc({ title: 'Энергетика', lead: 'Проекты зелёного водорода.' })
    const title = doc({ title: 'Проекты зелёного водорода' })
    const outcome = new SearchIndex([body, lead, title]).search(request('водород'))
    expect(outcome.hits.map((hit) => hit.article._id)).toEqual([title._id, lead._id, body._id])
  })

  it('equal scores: the newer article first', () => {
    const older = doc({ title: 'Выборы в маслихат', publishedAt: '2026-01-01T06:00:00.000Z' })
    const newer = doc({ title: 'Выборы в маслихат', publishedAt: '2026-02-01T06:00:00.000Z' })
    expect(new SearchIndex([older, newer]).search(request('выборы')).hits.map((hit) => hit.article._id)).toEqual([newer._id, older._id])
  })

  it('dates are Almaty calendar days: 19:30 UTC on the 27th is the 28th in Almaty', () => {
    const late = doc({ title: 'Ночное заседание', publishedAt: '2026-11-27T19:30:00.000Z' })
    const index = new SearchIndex([late])
    expect(index.search(request('заседание', { from: '2026-11-28', to: '2026-11-28' })).total).toBe(1)
    expect(index.search(request('заседание', { to: '2026-11-27' })).total).toBe(0)
  })

  it('upserting the same id replaces the article; removing it forgets it (remembered rankings too)', () => {
    const article = doc({ title: 'Старый заголовок' })
    const index = new SearchIndex([article])
    expect(index.search(request('старый')).total).toBe(1)
    expect(index.search(request('заголовок')).hits[0]!.article.title).toBe('Старый заголовок')
    index.upsert([{ ...article, title: 'Новый заголовок' }])
    expect(index.search(request('заголовок')).hits[0]!.article.title).toBe('Новый заголовок')
    expect(index.size).toBe(1)
    expect(index.search(request('старый')).total).toBe(0)
    expect(index.search(request('новый')).total).toBe(1)
    index.remove([article._id, 'unknown'])
    expect(index.size).toBe(0)
    expect(index.search(request('новый')).total).toBe(0)
  })
})

describe('search over the demo newsroom (a real lake)', () => {
  let lake: TempLake
  let corpus: SearchDocument[]
  let index: SearchIndex
  beforeAll(async () => {
    lake = await tempLake()
    // The Russian edition's articles, as /search reads them (each edition searches its own language:
    // the page passes `language`; i18n.test.ts and e2e/i18n.spec.ts cover the others).
    corpus = (await searchCorpus(lake)).filter((doc) => doc.language === 'ru')
    index = new SearchIndex(corpus)
  })
  afterAll(() => lake.dispose())
  const containing = (pattern: RegExp) => corpus.filter((d) => pattern.test(fullText(d))).map((d) => d.slug)

  it('reads every visible article with its body as plain text, topics and countries', () => {
    expect(corpus).toHaveLength(46)
    const seed = corpus.find((d) => d.slug === SEED_SLUG)!
    expect(seed.text).toContain('пригласил делегацию из Казахстана поучаствовать в Международной выставке импортных товаров')
    expect(seed.text).not.toContain('_type')
    expect(seed.topics.map((t) => t.slug).sort()).toEqual(['covid-19', 'diplomatiya', 'selskoe-hozyaystvo', 'torgovlya'])
    expect(seed.countries.map((c) => c.slug)).toEqual(['kazakhstan', 'kitay'])
  })

  it('«переговорах Токаева» puts the seed article first, both words marked in its title and snippet', () => {
    const outcome = index.search(request('переговорах Токаева'))
    expect(outcome.mode).toBe('all')
    expect(slugs(outcome)[0]).toBe(SEED_SLUG)
    const first = outcome.hits[0]!
    expect(marked(first.title)).toEqual(['Переговоры', 'Токаева'])
    expect(marked(first.snippet).map((w) => w.toLowerCase())).toEqual(expect.arrayContaining(['переговоры', 'токаевым']))
  })

  it('Russian morphology: any form of «переговоры» finds exactly the articles with any form of it', () => {
    const expected = containing(/переговор/i).sort()
    expect(expected.length).toBeGreaterThanOrEqual(8)
    for (const form of ['переговоры', 'переговорах', 'переговоров', 'Переговорами']) {
      expect(everything(index, form).sort(), form).toEqual(expected)
    }
    // The demo writes «переговорах» in one article and «переговоров» in others: each is found from the other forms.
    expect(containing(/переговорах/i).every((slug) => everything(index, 'переговоры').includes(slug))).toBe(true)
    expect(containing(/переговоров/i).every((slug) => everything(index, 'переговорах').includes(slug))).toBe(true)
  })

  it('«Казахстан» finds «Казахстана», «Казахстане», «Казахстаном»; «Китай» finds «Китая»', () => {
    for (const [query, pattern] of [
      ['Казахстан', /Казахстан(а|е|у|ом)?(?![а-яё])/],
      ['Казахстане', /Казахстан(а|е|у|ом)?(?![а-яё])/],
      ['Китай', /Кита(й|я|е|ю|ем)(?![а-яё])/],
    ] as const) {
      const found = everything(index, query)
      const expected = containing(pattern)
      expect(expected.length).toBeGreaterThan(3)
      expect(found, query).toEqual(expect.arrayContaining(expected))
    }
    expect(containing(/Казахстана/).every((slug) => everything(index, 'Казахстан').includes(slug))).toBe(true)
  })

  it('Kazakh: «Қазақстан темір жолы» is found by its words and by a prefix, and not confused with «Казахстан»', () => {
    const railway = containing(/темір/)
    expect(railway).toHaveLength(1)
    expect(everything(index, 'темір')).toEqual(railway)
    expect(everything(index, 'Қазақстан')).toEqual(railway)
    expect(everything(index, 'қазақ темір')).toEqual(railway)
    expect(everything(index, 'Казахстан')).not.toHaveLength(1)
  })

  it('English: «hubs» finds «Astana Hub», «mobile» finds «eGov Mobile», «covid» every COVID article', () => {
    expect(everything(index, 'hubs')).toEqual(containing(/Astana Hub/))
    expect(everything(index, 'mobile')).toEqual(containing(/eGov Mobile/))
    expect(everything(index, 'covid').sort()).toEqual(containing(/covid/i).sort())
  })

  it('an unfinished last word matches as a prefix: «перегов» finds the talks', () => {
    expect(everything(index, 'перегов').sort()).toEqual(containing(/переговор/i).sort())
  })

  it('ranks a title match above body matches: «инфляция» starts with the inflation report', () => {
    const outcome = index.search(request('инфляция'))
    expect(outcome.total).toBeGreaterThan(2)
    expect(outcome.hits[0]!.article.title).toMatch(/инфляция/i)
    expect(outcome.hits.slice(1).every((hit) => !/инфляц/i.test(hit.article.title))).toBe(true)
  })

  it('falls back to any word when no article has all of them, and to similar spellings when nothing matches', () => {
    const any = index.search(request('переговоры Рыбакина'))
    expect(any.mode).toBe('any')
    expect(slugs(any)).toEqual(expect.arrayContaining([SEED_SLUG]))
    expect(everything(index, 'переговоры Рыбакина')).toEqual(expect.arrayContaining(containing(/Рыбакин/)))

    const similar = index.search(request('Токаеввв'))
    expect(similar.mode).toBe('similar')
    expect(similar.total).toBeGreaterThan(0)
    expect(index.search(request('зюзюкзюзюк')).total).toBe(0)
  })

  it('filters by topic and country, and tells which unknown filter it ignored', () => {
    const inTrade = index.search(request('Казахстан', { topic: 'torgovlya' }), 100)
    const expected = everything(index, 'Казахстан').filter((slug) => corpus.find((d) => d.slug === slug)!.topics.some((t) => t.slug === 'torgovlya'))
    expect(slugs(inTrade).sort()).toEqual(expected.sort())
    expect(inTrade.total).toBeGreaterThan(0)
    expect(inTrade.total).toBeLessThan(index.search(request('Казахстан'), 100).total)

    const china = index.search(request('переговоры', { country: 'kitay' }), 100)
    expect(slugs(china)).toContain(SEED_SLUG)
    expect(china.hits.every((hit) => corpus.find((d) => d._id === hit.article._id)!.countries.some((c) => c.slug === 'kitay'))).toBe(true)

    const unknown = index.search(request('переговоры', { topic: 'no-such-topic', country: 'atlantida' }))
    expect(unknown.ignored).toEqual({ topic: 'no-such-topic', country: 'atlantida' })
    expect(unknown.total).toBe(index.search(request('переговоры')).total)
  })

  it('filters by a date range of Almaty calendar days, both ends included', () => {
    const seed = corpus.find((d) => d.slug === SEED_SLUG)!
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date(seed.publishedAt))
    const sameDay = index.search(request('переговоры', { from: day, to: day }), 100)
    expect(slugs(sameDay)).toEqual([SEED_SLUG])
    const before = index.search(request('переговоры', { to: '2000-01-01' }))
    expect(before.total).toBe(0)
    const after = index.search(request('переговоры', { from: day }), 100)
    expect(slugs(after)).toContain(SEED_SLUG)
  })

  it('with filters and no query, browses the filtered articles newest first; with neither, finds nothing', () => {
    const sport = index.search(request('', { topic: 'sport' }), 100)
    expect(sport.mode).toBe('browse')
    expect(sport.total).toBe(corpus.filter((d) => d.topics.some((t) => t.slug === 'sport')).length)
    const dates = sport.hits.map((hit) => hit.article.publishedAt)
    expect([...dates].sort().reverse()).toEqual(dates)
    expect(index.search(request('')).mode).toBe('empty')
    expect(index.search(request('')).total).toBe(0)
    expect(index.search(request('и на')).mode).toBe('no-words')
  })

  it('paginates: pages do not overlap, together give every result, and out-of-range pages are clamped', () => {
    const all = everything(index, 'Казахстан')
    const pageCount = Math.ceil(all.length / RESULTS_PER_PAGE)
    expect(pageCount).toBeGreaterThan(2)
    const pages = Array.from({ length: pageCount }, (_, i) => index.search(request('Казахстан', { page: i + 1 })))
    expect(pages.every((p) => p.pageCount === pageCount && p.total === all.length)).toBe(true)
    expect(pages.flatMap(slugs)).toEqual(all)
    expect(new Set(pages.flatMap(slugs)).size).toBe(all.length)
    expect(index.search(request('Казахстан', { page: 999 })).page).toBe(pageCount)
    expect(slugs(index.search(request('Казахстан', { page: 999 })))).toEqual(slugs(pages.at(-1)!))
    expect(index.search(request('Казахстан', { page: 0 })).page).toBe(1)
    expect(index.search(request('Казахстан', { page: Number.NaN })).page).toBe(1)
    // Pages come from a remembered ranking: the same as computed afresh.
    const cold = new SearchIndex(corpus)
    cold.setResultCacheSize(0)
    for (let p = 1; p <= pageCount; p++) expect(index.search(request('Казахстан', { page: p }))).toEqual(cold.search(request('Казахстан', { page: p })))
    expect(index.search(request('Казахстан', { page: 2 }), 3)).toEqual(cold.search(request('Казахстан', { page: 2 }), 3))
  })

  it('every hit has a snippet with a marked match, a body-only match included', () => {
    for (const q of ['переговорах', 'Казахстан', 'инфляции', 'темір']) {
      for (const hit of index.search(request(q)).hits) {
        expect(marked(hit.snippet).length + marked(hit.title).length, `${q}: ${hit.article.slug}`).toBeGreaterThan(0)
      }
    }
    // «выставке импортных товаров» is only in the seed's body.
    const expo = index.search(request('выставка импортных'))
    expect(slugs(expo)[0]).toBe(SEED_SLUG)
    const text = plain(expo.hits[0]!.snippet)
    expect(text).toMatch(/^…/)
    expect(marked(expo.hits[0]!.snippet)).toEqual(expect.arrayContaining(['выставке', 'импортных']))
    expect(text.length).toBeLessThan(320)
  })

  it('knows its vocabulary: whole index terms, not their beginnings', () => {
    expect(index.hasTerm('переговор')).toBe(true)
    expect(index.hasTerm('перегов')).toBe(false)
    expect(index.hasTerm('"переговор"')).toBe(false)
  })

  it('results carry the card fields the article list renders (image, first topic)', () => {
    const hit = index.search(request('переговорах Токаева')).hits[0]!
    expect(hit.article).toMatchObject({ slug: SEED_SLUG, topic: { slug: expect.any(String) }, image: { asset: { _ref: expect.stringMatching(/^image-/) } } })
    expect(index.facets().topics.length).toBeGreaterThanOrEqual(10)
    expect(index.facets().countries.find((c) => c.slug === 'kazakhstan')?.count).toBe(46)
  })

  it.each(HOSTILE_QUERIES)('a hostile query %j neither throws nor finds everything', (q) => {
    const outcome = index.search(request(q))
    expect(outcome.page).toBe(1)
    expect(outcome.total).toBeLessThan(corpus.length)
    const parsed = parseSearchParams({ q, page: q, topic: q, country: q, from: q, to: q })
    expect(() => index.search(parsed.request)).not.toThrow()
  })
})

describe('search never sees drafts or embargoed articles', () => {
  let lake: TempLake
  beforeEach(async () => {
    lake = await tempLake()
  })
  afterEach(() => lake.dispose())

  it('a draft (of a new article and of a published one) and a future article are not in the corpus nor found', async () => {
    const seed = lake.store.getDocument(SEED_ID)!
    lake.store.writeDocuments([
      { ...seed, _id: 'drafts.brand-new', _rev: undefined, title: 'Черновик про зюзябру', slug: { _type: 'slug', current: 'brand-new' } },
      { ...seed, _id: `drafts.${SEED_ID}`, _rev: undefined, title: 'Переговоры про кракозябру' },
      {
        ...seed,
        _id: 'scheduled',
        _rev: undefined,
        title: 'Эмбарго про бармаглота',
        slug: { _type: 'slug', current: 'scheduled' },
        publishedAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    ])
    const corpus = await searchCorpus(lake)
    expect(corpus.map((d) => d._id)).not.toEqual(expect.arrayContaining(['drafts.brand-new', 'brand-new', 'scheduled']))
    expect(corpus.every((d) => !d._id.startsWith('drafts.'))).toBe(true)
    const index = new SearchIndex(corpus)
    for (const q of ['зюзябра', 'кракозябра', 'бармаглот', 'Черновик', 'Эмбарго']) expect(index.search(request(q)).total, q).toBe(0)
    expect(slugs(index.search(request('Переговоры Токаева')))[0]).toBe(SEED_SLUG)
    expect((await lake.api.searchDocuments(['brand-new', 'drafts.brand-new', 'scheduled', SEED_ID])).map((d) => d._id)).toEqual([SEED_ID])
  })
})

describe('keeping the index in step with published content (store)', () => {
  let lake: TempLake
  let source: SearchSource & { calls: { changes: number; manifest: number; documents: string[][] } }
  beforeEach(async () => {
    lake = await tempLake()
    const calls = { changes: 0, manifest: 0, documents: [] as string[][] }
    source = {
      calls,
      changes: (limit) => (calls.changes++, lake.api.searchChanges(limit)),
      manifest: () => (calls.manifest++, lake.api.searchManifest()),
      documents: (ids) => (calls.documents.push(ids), lake.api.searchDocuments(ids)),
    }
  })
  afterEach(() => lake.dispose())

  const version = () => lake.api.searchVersion()
  const unpublish = (id: string) =>
    applyMutations(lake.store, lake.engine, (read: (id: string) => LakeDocument | undefined) =>
      actionsToMutations([{ actionType: 'sanity.action.document.unpublish', draftId: `drafts.${id}`, publishedId: id }], read),
    )
  const newArticle = (id: string, title: string, extra: Partial<LakeDocument> = {}) => articleLike(lake, id, title, extra)
  /** An edit as the Studio makes it: a patch, through the lake's mutations. */
  const edit = (id: string, set: Record<string, unknown>) => applyMutations(lake.store, lake.engine, [{ patch: { id, set } }])

  it('the version is a short hash that changes with any visible article or taxonomy revision only', async () => {
    const first = await version()
    expect(first).toMatch(/^[\w-]{22}$/)
    expect(await version()).toBe(first)
    expect(versionKey(await lake.api.searchManifest()), 'the manifest and the version of one snapshot have one key').toBe(first)
    lake.store.writeDocuments([{ ...lake.store.getDocument(SEED_ID)!, _id: `drafts.${SEED_ID}`, _rev: undefined, title: 'Черновик' }])
    expect(await version(), 'a draft does not change what search shows').toBe(first)
    lake.store.writeDocuments([newArticle('fresh', 'Новая статья')])
    expect(await version()).not.toBe(first)
  })

  it('the same version is served from memory: no second read', async () => {
    const store = createSearchStore(source)
    const key = await version()
    const [a, b] = await Promise.all([store.get(key), store.get(key)])
    expect(a).toBe(b)
    expect(await store.get(key)).toBe(a)
    // One manifest, and every article read once (the demo fits in one batch).
    expect(source.calls.manifest).toBe(1)
    expect(source.calls.documents.map((ids) => ids.length)).toEqual([EVERY_EDITION])
    expect(a.size).toBe(EVERY_EDITION)
  })

  it('publish → found, edit → the new words found and the old not, unpublish → gone: incrementally, reading only what changed', async () => {
    const store = createSearchStore(source)
    let index = await store.get(await version())
    expect(slugs(index.search(request('переговорах Токаева')))[0]).toBe(SEED_SLUG)

    lake.store.writeDocuments([newArticle('fresh', 'Зюзябра прибыла в Астану')])
    index = await store.get(await version())
    expect(slugs(index.search(request('зюзябра')))).toEqual(['fresh'])
    expect(source.calls.documents.at(-1)).toEqual(['fresh'])

    await edit('fresh', { title: 'Бармаглот прибыл в Астану' })
    index = await store.get(await version())
    expect(index.search(request('зюзябра')).total).toBe(0)
    expect(slugs(index.search(request('бармаглот')))).toEqual(['fresh'])

    await unpublish(SEED_ID)
    expect(lake.store.getDocument(SEED_ID)).toBeUndefined()
    index = await store.get(await version())
    expect(slugs(index.search(request('переговорах Токаева', {}), 100))).not.toContain(SEED_SLUG)
    expect(index.has(SEED_ID)).toBe(false)
    expect(index.size).toBe(EVERY_EDITION)
    // The build read every article once; each change after it read only the article it changed.
    expect(source.calls.documents.map((ids) => ids.length)).toEqual([EVERY_EDITION, 1, 1])
    expect(store.stats).toMatchObject({ fullBuilds: 1, incrementalUpdates: 3 })

    // The incremental index finds what one built from scratch finds.
    const fresh = new SearchIndex(await searchCorpus(lake))
    for (const q of ['Казахстан', 'переговоры', 'бармаглот Астана', 'инфляция', 'covid']) {
      expect(slugs(index.search(request(q), 100)).sort(), q).toEqual(slugs(fresh.search(request(q), 100)).sort())
      expect(slugs(index.search(request(q)))[0], q).toBe(slugs(fresh.search(request(q)))[0])
    }
  })

  it('follows the lake from its changes: the manifest is read at the first build and when an article leaves, once, and never for a version, an edit, a publish or an embargo passing', async () => {
    const sent: string[] = []
    const api = contentApi(
      { mode: 'local', fetch: (query, params, perspective) => (sent.push(query), lake.client.fetch(query, params, perspective)) },
      'published',
    )
    const site = {
      changes: (limit: number) => api.searchChanges(limit),
      manifest: () => api.searchManifest(),
      documents: (ids: string[]) => api.searchDocuments(ids),
    }
    const store = createSearchStore(site)
    const follow = async () => store.get(await api.searchVersion())
    const reads = (query: string) => sent.filter((q) => q === query).length
    let index = await follow()
    expect(reads(SEARCH_MANIFEST_QUERY)).toBe(1)

    lake.store.writeDocuments([newArticle('scheduled', 'Бармаглот выйдет через час', { publishedAt: new Date(Date.now() + 3_600_000).toISOString() })])
    lake.store.writeDocuments([newArticle('fresh', 'Зюзябра прибыла в Астану')])
    index = await follow()
    expect(slugs(index.search(request('зюзябра')))).toEqual(['fresh'])
    expect(index.search(request('бармаглот')).total).toBe(0)
    await edit('fresh', { title: 'Кракозябра прибыла в Астану' })
    index = await follow()
    expect(index.search(request('зюзябра')).total).toBe(0)
    expect(slugs(index.search(request('кракозябра')))).toEqual(['fresh'])
    lake.moveClock(2 * 3_600_000)
    index = await follow()
    expect(slugs(index.search(request('бармаглот')))).toEqual(['scheduled'])
    expect(await follow(), 'the same version again: nothing read but the version').toBe(index)
    expect(reads(SEARCH_MANIFEST_QUERY)).toBe(1)
    expect(reads(SEARCH_CHANGES_QUERY)).toBe(3)
    expect(reads(SEARCH_VERSION_QUERY)).toBe(5)

    await unpublish('fresh')
    index = await follow()
    expect(index.search(request('кракозябра')).total).toBe(0)
    expect(reads(SEARCH_MANIFEST_QUERY), 'an unpublish: the manifest once').toBe(2)
    expect(store.stats).toMatchObject({ fullBuilds: 1, manifestReads: 2, changesReads: 4 })

    // What it followed is what a build from scratch holds.
    const fresh = new SearchIndex(await searchCorpus(lake))
    expect(index.size).toBe(fresh.size)
    expect(await index.revisionsInSlices()).toEqual(await fresh.revisionsInSlices())
  })

  it('the manifest is read in pages, each with the version of its snapshot; a change between two pages makes it read them again', async () => {
    const whole = await lake.api.searchManifest()
    expect(whole.revisions).toHaveLength(EVERY_EDITION)
    expect(whole.articles).toBe(EVERY_EDITION)
    expect(await lake.api.searchManifest(7)).toEqual(whole)

    let pages = 0
    const api = contentApi(
      {
        mode: 'local',
        async fetch(query, params, perspective) {
          const result = await lake.client.fetch(query, params, perspective)
          // A publish between the first page and the second.
          if (query === SEARCH_MANIFEST_QUERY && ++pages === 1) lake.store.writeDocuments([newArticle('fresh', 'Зюзябра прибыла в Астану')])
          return result
        },
      },
      'published',
    )
    const read = await api.searchManifest(7)
    expect(pages, 'two pages (the second of another version), then every page again').toBe(2 + Math.ceil((EVERY_EDITION + 1) / 7))
    expect(read).toEqual(await lake.api.searchManifest())
    expect(read.revisions.map((r) => r._id)).toContain('fresh')
    expect(new Set(read.revisions.map((r) => r._id)).size).toBe(EVERY_EDITION + 1)
  })

  it('an article written with old timestamps (an import that keeps the system fields) is followed all the same: the count disagrees', async () => {
    const store = createSearchStore(source)
    await store.get(await version())
    const seed = lake.store.getDocument(SEED_ID)!
    const old = '2020-01-01T00:00:00.000Z'
    lake.store.writeDocuments([
      {
        ...seed,
        _id: 'imported',
        _rev: 'imported-1',
        _updatedAt: old,
        publishedAt: old,
        title: 'Зюзябра из архива',
        slug: { _type: 'slug', current: 'imported' },
      },
    ])
    expect(lake.store.getDocument('imported')!._updatedAt).toBe(old)
    const index = await store.get(await version())
    expect(slugs(index.search(request('зюзябра')))).toEqual(['imported'])
    expect(store.stats).toMatchObject({ manifestReads: 2, changesReads: 1 })
  })

  it('an article written back with older timestamps (a backup restored) is followed: the latest time went back', async () => {
    const store = createSearchStore(source)
    lake.store.writeDocuments([newArticle('fresh', 'Зюзябра прибыла в Астану')])
    await store.get(await version())
    const written = lake.store.getDocument('fresh')!
    lake.store.writeDocuments([{ ...written, _rev: 'restored-1', _updatedAt: '2020-01-01T00:00:00.000Z', title: 'Кракозябра прибыла в Астану' }])
    const index = await store.get(await version())
    expect(index.search(request('зюзябра')).total).toBe(0)
    expect(slugs(index.search(request('кракозябра')))).toEqual(['fresh'])
    expect(store.stats).toMatchObject({ manifestReads: 2, changesReads: 1 })
  })

  it('what the version cannot see (an older article rewritten with its old timestamps) is read from the manifest in the background once reconcileMs has passed', async () => {
    const store = createSearchStore(source, { reconcileMs: 60_000 })
    const key = await version()
    const index = await store.get(key)
    const seed = lake.store.getDocument(SEED_ID)!
    lake.store.writeDocuments([{ ...seed, _rev: 'imported-2', title: 'Бармаглот на переговорах' }])
    expect(await version(), 'the same count and latest times: the same version').toBe(key)
    expect(await store.get(key)).toBe(index)
    expect(index.search(request('бармаглот')).total).toBe(0)

    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now() + 61_000)
      expect(await store.get(key), 'served at once, the manifest read behind it').toBe(index)
      await vi.waitFor(() => expect(slugs(index.search(request('бармаглот')))).toEqual([SEED_SLUG]))
      expect(store.stats).toMatchObject({ fullBuilds: 1, manifestReads: 2, changesReads: 0 })
    } finally {
      vi.useRealTimers()
    }
  })

  it('more changes than the first read of changes lists are read from a longer one, still without the manifest', async () => {
    const store = createSearchStore(source)
    await store.get(await version())
    lake.store.writeDocuments(Array.from({ length: 70 }, (_, i) => newArticle(`many-${i}`, `Зюзябра номер ${i}`)))
    const index = await store.get(await version())
    expect(index.search(request('зюзябра')).total).toBe(70)
    expect(store.stats).toMatchObject({ fullBuilds: 1, manifestReads: 1, changesReads: 2, incrementalUpdates: 1 })
  })

  it('an embargoed article appears when its time comes (the version changes with the clock)', async () => {
    const store = createSearchStore(source)
    lake.store.writeDocuments([newArticle('scheduled', 'Бармаглот выйдет через час', { publishedAt: new Date(Date.now() + 3_600_000).toISOString() })])
    const before = await version()
    expect((await store.get(before)).search(request('бармаглот')).total).toBe(0)
    lake.moveClock(2 * 3_600_000)
    const after = await version()
    expect(after).not.toBe(before)
    expect(slugs((await store.get(after)).search(request('бармаглот')))).toEqual(['scheduled'])
  })

  it('a renamed topic re-reads every article, so filters and cards show the new name, without re-indexing the text', async () => {
    const store = createSearchStore(source)
    const before = await store.get(await version())
    const topic = lake.store.getDocument('topic-torgovlya')!
    lake.store.writeDocuments([{ ...topic, _rev: undefined, title: { ...(topic.title as object), ru: 'Внешняя торговля' } }])
    const index = await store.get(await version())
    expect(index).toBe(before)
    expect(source.calls.documents.map((ids) => ids.length)).toEqual([EVERY_EDITION, EVERY_EDITION])
    expect(store.stats).toMatchObject({ fullBuilds: 1, resyncs: 1, incrementalUpdates: 0 })
    expect(index.facets().topics.find((t) => t.slug === 'torgovlya')?.title).toBe('Внешняя торговля')
    const seedHit = index.search(request('переговорах Токаева')).hits[0]!
    expect(seedHit.article.slug).toBe(SEED_SLUG)
    const seedTopics = (await lake.api.searchDocuments([SEED_ID]))[0]!.topics
    expect(seedHit.article.topic).toEqual(seedTopics[0])
  })

  it('more changes than an incremental update should carry build a new index and swap it in', async () => {
    const store = createSearchStore(source, { maxIncremental: 2 })
    const before = await store.get(await version())
    lake.store.writeDocuments([newArticle('one', 'Первая зюзябра'), newArticle('two', 'Вторая зюзябра'), newArticle('three', 'Третья зюзябра')])
    const after = await store.get(await version())
    expect(after).not.toBe(before)
    expect(store.stats).toMatchObject({ fullBuilds: 2, resyncs: 0 })
    expect(after.search(request('зюзябра')).total).toBe(3)
    expect(before.search(request('зюзябра')).total).toBe(0)
  })

  it('the chunked asynchronous build gives the same index as the synchronous one', async () => {
    const corpus = await searchCorpus(lake)
    const built = await SearchIndex.build(corpus, 7)
    const direct = new SearchIndex(corpus)
    expect(built.size).toBe(EVERY_EDITION)
    for (const q of ['Казахстан', 'переговорах Токаева', 'перегов', 'Қазақстан', 'Токаеввв']) {
      expect(built.search(request(q), 100), q).toEqual(direct.search(request(q), 100))
    }
    // A built index takes additions and removals like any other.
    built.remove([SEED_ID])
    built.upsert([{ ...corpus.find((d) => d._id === SEED_ID)!, _rev: 'x', title: 'Бармаглот', lead: 'Лид.', text: 'Текст.' }])
    expect(slugs(built.search(request('бармаглот')))).toEqual([SEED_SLUG])
    expect(slugs(built.search(request('переговорах Токаева'), 100))).not.toContain(SEED_SLUG)
  })

  it('builds from batches of READ_BATCH articles read by id, not from one read of everything', async () => {
    const articles = Array.from({ length: READ_BATCH * 2 + 3 }, (_, i) => doc({ title: `Статья номер ${i} про зюзябру` }))
    const reads: number[] = []
    const store = createSearchStore({
      changes: () => Promise.reject(new Error('a first build reads the manifest')),
      manifest: async () => ({
        articles: articles.length,
        updated: null,
        published: null,
        taxonomy: [],
        revisions: articles.map(({ _id, _rev }) => ({ _id, _rev })),
      }),
      documents: async (ids) => (reads.push(ids.length), articles.filter((a) => ids.includes(a._id))),
    })
    const index = await store.get('v1')
    expect(reads).toEqual([READ_BATCH, READ_BATCH, 3])
    expect(index.size).toBe(articles.length)
    expect(index.search(request('зюзябра')).total).toBe(articles.length)
  })

  it('a failed refresh keeps serving the previous index and retries later', async () => {
    const log = vi.fn()
    let failing = false
    const store = createSearchStore(
      {
        ...source,
        changes: (limit) => (failing ? Promise.reject(new Error('backend down')) : source.changes(limit)),
        manifest: () => (failing ? Promise.reject(new Error('backend down')) : source.manifest()),
      },
      { log, retryAfterMs: 60_000 },
    )
    const first = await store.get(await version())
    failing = true
    lake.store.writeDocuments([newArticle('fresh', 'Зюзябра')])
    const key = await version()
    expect(await store.get(key)).toBe(first)
    expect(await store.get(key)).toBe(first)
    expect(log).toHaveBeenCalledTimes(1)
    expect(first.search(request('зюзябра')).total).toBe(0)
    await expect(createSearchStore({ ...source, documents: () => Promise.reject(new Error('down')) }).get('k')).rejects.toThrow('down')
  })
})

describe('the index on disk (lib/search/storage.ts)', () => {
  let lake: TempLake
  let dir: string
  let calls: { documents: string[][] }
  let source: SearchSource
  const log = vi.fn()
  beforeEach(async () => {
    lake = await tempLake()
    dir = mkdtempSync(join(tmpdir(), 'baspa-search-'))
    calls = { documents: [] }
    source = {
      changes: (limit) => lake.api.searchChanges(limit),
      manifest: () => lake.api.searchManifest(),
      documents: (ids) => (calls.documents.push(ids), lake.api.searchDocuments(ids)),
    }
  })
  afterEach(async () => {
    vi.useRealTimers()
    await lake.dispose()
    rmSync(dir, { recursive: true, force: true })
  })
  const version = () => lake.api.searchVersion()
  const indexFiles = () => readdirSync(dir).filter((name) => name.endsWith('.sqlite'))
  const fresh = (id: string, title: string) => articleLike(lake, id, title)

  it('a restarted server reopens its index and reads only the articles published since', async () => {
    const first = createSearchStore(source, { storage: directoryStorage(dir, log) })
    expect((await first.get(await version())).size).toBe(EVERY_EDITION)
    expect(indexFiles()).toHaveLength(1)
    lake.store.writeDocuments([fresh('fresh', 'Зюзябра прибыла в Астану')])

    // Another process of the same server (the pid file names this one, which is allowed to reopen it).
    const second = createSearchStore(source, { storage: directoryStorage(dir, log) })
    const index = await second.get(await version())
    // From the watermark the index was left at: the changes, not every article's revision.
    expect(second.stats).toMatchObject({ restored: 1, fullBuilds: 0, incrementalUpdates: 1, manifestReads: 0, changesReads: 1 })
    expect(calls.documents.map((ids) => ids.length)).toEqual([EVERY_EDITION, 1])
    expect(calls.documents.at(-1)).toEqual(['fresh'])
    expect(slugs(index.search(request('зюзябра')))).toEqual(['fresh'])
    expect(slugs(index.search(request('переговорах Токаева')))[0]).toBe(SEED_SLUG)
    expect(index.size).toBe(EVERY_EDITION + 1)
  })

  it('a rebuilt index gets a new file; the old one is closed and deleted after the grace period', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const store = createSearchStore(source, { storage: directoryStorage(dir, log), maxIncremental: 1 })
    const before = await store.get(await version())
    lake.store.writeDocuments([fresh('one', 'Первая зюзябра'), fresh('two', 'Вторая зюзябра')])
    const after = await store.get(await version())
    expect(store.stats.fullBuilds).toBe(2)
    expect(indexFiles()).toHaveLength(2)
    // Searches that still hold the old index are answered from it until the grace period ends.
    expect(before.search(request('зюзябра')).total).toBe(0)
    vi.advanceTimersByTime(60_000)
    expect(indexFiles()).toEqual([after.path.split('/').pop()])
    expect(after.search(request('зюзябра')).total).toBe(2)
  })

  it('a file index is written from a worker thread (build, larger update, renamed topic) and read here as it was written', async () => {
    const store = createSearchStore(source, { storage: directoryStorage(dir, log) })
    const index = await store.get(await version())
    expect(store.stats).toMatchObject({ fullBuilds: 1, offThreadWrites: 1 })
    // The same answers as an index built on this thread from the same articles.
    const inline = new SearchIndex(await searchCorpus(lake))
    for (const q of ['переговорах Токаева', 'Казахстан', 'перегов', 'hubs', 'Токаеввв']) expect(everything(index, q)).toEqual(everything(inline, q))
    expect(index.facets()).toEqual(inline.facets())
    inline.close()

    const many = Array.from({ length: 25 }, (_, i) => fresh(`many-${i}`, `Зюзябра номер ${i}`))
    lake.store.writeDocuments(many)
    expect(await store.get(await version())).toBe(index)
    expect(store.stats).toMatchObject({ fullBuilds: 1, incrementalUpdates: 1, offThreadWrites: 2 })
    expect(index.search(request('зюзябра')).total).toBe(25)

    const topic = lake.store.getDocument('topic-torgovlya')!
    lake.store.writeDocuments([{ ...topic, _rev: undefined, title: { ...(topic.title as object), ru: 'Внешняя торговля' } }])
    expect(await store.get(await version())).toBe(index)
    expect(store.stats).toMatchObject({ resyncs: 1, offThreadWrites: 3 })
    expect(index.facets().topics.find((t) => t.slug === 'torgovlya')?.title).toBe('Внешняя торговля')

    // A small update is written here, in one transaction.
    lake.store.writeDocuments([fresh('one-more', 'Ещё одна зюзябра')])
    await store.get(await version())
    expect(store.stats).toMatchObject({ incrementalUpdates: 2, offThreadWrites: 3 })
    expect(index.search(request('зюзябра')).total).toBe(26)
    expect(index.size).toBe(EVERY_EDITION + 26)
  })

  it('a build whose writer thread fails leaves no file behind and the previous index served', async () => {
    const storage = directoryStorage(dir, log)
    let broken = false
    const store = createSearchStore(source, {
      // A file the writer cannot create: its thread fails on the first batch.
      storage: { ...storage, next: () => (broken ? { path: join(dir, 'missing', 'index-x.sqlite') } : storage.next()) },
      maxIncremental: 0,
      log,
    })
    const first = await store.get(await version())
    const files = indexFiles()
    broken = true
    lake.store.writeDocuments([fresh('fresh', 'Зюзябра прибыла в Астану')])
    expect(await store.get(await version())).toBe(first)
    expect(log).toHaveBeenCalledWith(
      'refreshing the index failed; serving the previous one',
      expect.objectContaining({ message: expect.stringContaining('search index writer') }),
    )
    expect(indexFiles()).toEqual(files)
    expect(store.stats).toMatchObject({ fullBuilds: 1, offThreadWrites: 1 })
    expect(first.search(request('переговорах Токаева')).hits[0]?.article.slug).toBe(SEED_SLUG)
  })

  it('a search sees what another connection (the writer thread) committed, not rankings or facets remembered from before', () => {
    const path = join(dir, 'index-shared.sqlite')
    const reader = new SearchIndex([doc({ _id: 'a', title: 'Зюзябра первая' })], { path })
    expect(reader.search(request('зюзябра')).total).toBe(1)
    expect(reader.facets().countries).toEqual([])
    const writer = new SearchIndex([], { path })
    writer.update(
      ['a'],
      [
        doc({ _id: 'b', title: 'Зюзябра вторая' }),
        doc({ _id: 'c', title: 'Зюзябра третья', countries: [{ _id: 'country-kz', title: 'Казахстан', slug: 'kz' }] }),
      ],
    )
    expect(reader.search(request('зюзябра')).hits.map((hit) => hit.article._id)).toEqual(['b', 'c'])
    expect(reader.facets().countries).toEqual([{ slug: 'kz', title: 'Казахстан', count: 1 }])
    writer.close()
    reader.close()
  })

  it('a file index is searched on the reader thread, with the answers of the main thread, and follows what another connection committed', async () => {
    const path = join(dir, 'index-read.sqlite')
    const local = new SearchIndex([doc({ _id: 'a', title: 'Зюзябра первая', countries: [{ _id: 'country-kz', title: 'Казахстан', slug: 'kz' }] })], { path })
    const log = vi.fn()
    try {
      // The answer comes from another thread: the event loop turns while it is awaited.
      let turned = false
      setImmediate(() => (turned = true))
      const first = await searchOffThread(local, request('зюзябра'), log)
      expect(turned).toBe(true)
      expect(first).toEqual({ outcome: local.search(request('зюзябра')), facets: local.facets() })
      local.update([], [doc({ _id: 'b', title: 'Зюзябра вторая' })])
      const second = await searchOffThread(local, request('зюзябра'), log)
      expect(second.outcome.hits.map((hit) => hit.article._id)).toEqual(['a', 'b'])
      expect(log).not.toHaveBeenCalled()
    } finally {
      await stopSearchReader()
      local.close()
    }
  })

  it('an index in memory, or a search whose reader thread dies, is searched on the main thread: no search is refused', async () => {
    const log = vi.fn()
    const memory = new SearchIndex([doc({ _id: 'a', title: 'Зюзябра' })])
    expect((await searchOffThread(memory, request('зюзябра'), log)).outcome.total).toBe(1)
    const file = new SearchIndex([doc({ _id: 'a', title: 'Зюзябра' })], { path: join(dir, 'index-dying.sqlite') })
    try {
      const answer = searchOffThread(file, request('зюзябра'), log)
      await stopSearchReader()
      expect((await answer).outcome.total).toBe(1)
      expect(log).toHaveBeenCalledWith(expect.stringContaining('main thread'), expect.any(Error))
    } finally {
      file.close()
    }
  })

  it('the revisions a reopened index holds, read a slice at a time, are all of them', async () => {
    const index = new SearchIndex(
      Array.from({ length: 12 }, (_, i) => doc({ title: `Статья ${i}` })),
      { path: join(dir, 'index-slices.sqlite') },
    )
    index.remove(['doc-' + (counter - 5)])
    const all = await index.revisionsInSlices(1_000)
    expect(all.size).toBe(11)
    expect(all.has('doc-' + (counter - 5))).toBe(false)
    expect(await index.revisionsInSlices(5)).toEqual(all)
    expect(await index.revisionsInSlices(11)).toEqual(all)
    index.close()
  })

  it('an unfinished build or an index of another format is not reused', async () => {
    new SearchIndex([], { path: join(dir, 'index-a.sqlite') }).close()
    expect(directoryStorage(dir, log).restore()).toBeUndefined()
    expect(indexFiles()).toEqual([])

    const old = new Database(join(dir, 'index-b.sqlite'))
    old.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('format', 'minisearch-0'), ('taxonomy', 'x')")
    old.close()
    expect(directoryStorage(dir, log).restore()).toBeUndefined()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('has format minisearch-0'))
    expect(indexFiles()).toEqual([])
  })

  it('a directory another running process owns is left to it: this one indexes into temporary files', () => {
    writeFileSync(join(dir, 'owner.pid'), String(process.ppid))
    const storage = directoryStorage(dir, log)
    expect(storage.where).not.toBe(dir)
    expect(storage.next().path).not.toContain(dir)
    // A pid file left by a process that is gone is taken over.
    writeFileSync(join(dir, 'owner.pid'), '999999999')
    expect(directoryStorage(dir, log).where).toBe(dir)
  })

  it('similar spellings: within one edit from 5 letters, two from 10, counted as Levenshtein', () => {
    expect(withinEdits('токаев', 'токаевв', 1)).toBe(true)
    expect(withinEdits('токаев', 'тукаев', 1)).toBe(true)
    expect(withinEdits('токаев', 'такаевв', 1)).toBe(false)
    expect(withinEdits('переговор', 'перговор', 1)).toBe(true)
    expect(withinEdits('казахстан', 'казакхстан', 2)).toBe(true)
    expect(withinEdits('казахстан', 'узбекистан', 2)).toBe(false)
    expect(withinEdits('', 'аб', 2)).toBe(true)
  })
})
