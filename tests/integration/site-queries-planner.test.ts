import { parse } from 'groq-js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLake, planTree, seedIfEmpty, type Lake, type LakeDocument, type Perspective } from '@baspa/lake'
import { SITE_QUERIES } from '@/sanity/query-catalog'
import * as queries from '@/sanity/queries'
import { generateSyntheticLake } from '@/scripts/synthetic/generate'
import { Random } from '@/scripts/synthetic/random'
import { prepareDemoSeed } from '@/server/demo-seed'
import { demoParams as lakeDemoParams } from '../../packages/lake/tests/planner-params'

/** The lake's planner-test parameters, and the news sitemap's lower bound (sanity/sitemaps.ts newsFromParam), sometimes past the window's start. */
function demoParams(docs: LakeDocument[], random?: Random): Record<string, unknown> {
  return { ...lakeDemoParams(docs, random), newsFrom: new Date(Date.now() - (random ? random.int(0, 200) : 72) * 3_600_000).toISOString() }
}

async function compareAll(lake: Lake, docs: LakeDocument[], seed: number): Promise<number> {
  const random = new Random(seed)
  let compared = 0
  for (const perspective of ['published', 'drafts'] as Perspective[]) {
    for (const [name, query] of SITE_QUERIES) {
      for (const params of [demoParams(docs), demoParams(docs, random), demoParams(docs, random)]) {
        const indexed = await lake.engine.query(query, params, perspective)
        const full = await lake.engine.query(query, params, perspective, { fullScan: true })
        expect(indexed, `${name} (${perspective}) with ${JSON.stringify(params)}`).toStrictEqual(full)
        compared++
      }
    }
  }
  return compared
}

/**
 * The lake's planner on the site's own queries (sanity/queries.ts) and data: indexed answers equal
 * groq-js's full scan (the lake's suite covers the planner's edge cases on its own fixture).
 */
describe('the index-aware planner gives the full scan’s results for the site’s queries', () => {
  let demo: Lake
  let dir: string
  let synthetic: Lake

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baspa-planner-'))
    demo = openLake(join(dir, 'demo.sqlite'))
    seedIfEmpty(demo.store, prepareDemoSeed(join(dir, 'seed')))
    // A draft laid over a published article and one never published: the drafts perspective differs.
    const seed = demo.store.getDocument('article-peregovory-tokaeva-i-van-i')!
    demo.store.writeDocuments([
      { ...seed, _id: `drafts.${seed._id}`, _rev: undefined, title: 'Черновик', slug: { _type: 'slug', current: 'chernovik' } },
      { ...seed, _id: 'drafts.article-new', _rev: undefined, slug: { _type: 'slug', current: 'novaya' } },
    ])
    const result = generateSyntheticLake({ articles: 150, seed: 7, db: join(dir, 'lake.sqlite'), now: new Date('2026-11-01T00:00:00Z') })
    synthetic = openLake(result.db)
    // Ties on publishedAt, a number and a missing publishedAt: what an ordered scan must get right.
    const articles = synthetic.store
      .allDocuments()
      .filter((doc) => doc._type === 'article')
      .slice(0, 12)
    synthetic.store.writeDocuments(
      articles.map((doc, i) => {
        const rest = { ...doc }
        delete rest.publishedAt
        if (i === 10) return { ...rest, _rev: undefined, publishedAt: 20260101 }
        if (i === 11) return { ...rest, _rev: undefined }
        return { ...doc, _rev: undefined, publishedAt: '2026-10-31T12:00:00.000Z' }
      }),
    )
  }, 120_000)

  afterAll(() => {
    demo?.store.close()
    synthetic?.store.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('on the demo dataset, every query of sanity/queries.ts, published and drafts', async () => {
    const compared = await compareAll(demo, demo.store.allDocuments(), 1)
    expect(compared).toBe(2 * 3 * SITE_QUERIES.length)
  }, 120_000)

  it('on a small synthetic dataset with ties and odd dates', async () => {
    await compareAll(synthetic, synthetic.store.allDocuments(), 2)
  }, 240_000)

  it('rewrites the filters the site’s queries use, nested ones included', () => {
    const markers = (query: string) =>
      (JSON.stringify(planTree(parse(query, { params: { start: 0, end: 20, locale: 'kk' } }))).match(/u0000lake:/g) ?? []).length
    // An element or slice of a planned filter is a plan of its own too (cut in SQL), beside its filter's plan.
    // the article [0], and its translation.metadata [0] looked up by references() (the $locale test is not indexable: the rest of the filter is)
    expect(markers(queries.ARTICLE_QUERY)).toBe(4)
    // the lead story's key *[_id == "siteSettings"][0] is planned twice: in the lifted key and in the fallback; each section's count and four newest
    expect(markers(queries.HOME_QUERY)).toBe(15)
    // the document [0], the count of its articles, the page of them
    expect(markers(queries.TOPIC_PAGE_QUERY)).toBe(5)
    expect(markers(queries.PERSON_PAGE_QUERY)).toBe(5)
    // how many people; everyone and each one's count of the edition's articles; the page's people by id (the
    // filter and its [0]) and their counts again
    expect(markers(queries.PEOPLE_INDEX_QUERY)).toBe(6)
    expect(markers(queries.COUNTRY_PEOPLE_QUERY)).toBe(2)
    // the countries, each one's count of articles and of people
    expect(markers(queries.COUNTRIES_INDEX_QUERY)).toBe(3)
    expect(markers(queries.TOPICS_INDEX_QUERY)).toBe(2)
    expect(markers('*[count(tags) > 2]')).toBe(0)
  })
})
