import { parse } from 'groq-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Lake } from '../src/lake'
import type { LakeDocument } from '../src/ndjson'
import type { Perspective } from '../src/perspective'
import { planTree } from '../src/planner'
import { tempLake, type TempLake } from './lake-fixture'
import { demoParams, edgeCaseLake, Random } from './planner-params'

/** Queries aimed at the planner's edges: ties, non-string keys, fallbacks, nested scopes. */
const EDGE_QUERIES: [string, string][] = [
  ['ordered by type with ties', '*[_type == $type] | order(publishedAt desc)[0...5]{ _id, publishedAt }'],
  ['ordered ascending, inclusive slice', '*[_type == "article" && defined(slug.current)] | order(publishedAt asc)[2..7]._id'],
  ['references a list', '*[references($ids)]._id'],
  ['id in a list with non-strings', '*[_id in [$id, 5, null, $draftId]]._id'],
  ['id compared to a number', '*[_id == $limit]'],
  ['slug not a string', '*[slug.current == $start]._id'],
  ['type in a parameter', 'count(*[_type in $types])'],
  ['ref path membership', '*[$id in topics[]._ref]._id'],
  ['parent two levels up', '*[_type == "topic"][0...3]{ _id, "a": *[_type == "person"][0...2]{ "n": count(*[references(^.^._id)]) } }'],
  ['or is not indexed', '*[_type == "topic" || slug.current == $slug]._id'],
  [
    'coalesce of fields, nulls and a parameter',
    '*[_type == "article" && coalesce(language, subtitle, "ru") == $locale && coalesce(noindex, $start) != $limit] | order(publishedAt desc)[0...9]._id',
  ],
  ['coalesce of an object is not a string', '*[_type == "article" && coalesce(slug, "x") == $slug]._id'],
  ['slug in a list, null included', '*[slug.current in $slugs]{ _id, _type }'],
  ['negation and comparisons', '*[_type == "article" && !(publishedAt > $from) && updatedAt >= publishedAt]._id'],
  // Answered from the index alone: stubs of the columns a projection reads, slices cut in SQL.
  [
    'a projection of indexed fields',
    '*[_type == "article" && defined(slug.current)]{ _id, _rev, "s": slug.current, "l": select(defined(updatedAt) && updatedAt > publishedAt => updatedAt, publishedAt), "n": seo.noindex }',
  ],
  ['a projection of plain indexed paths', '*[_type in $types || references($ids)]{ _id, _rev, "s": slug.current, publishedAt, language, "n": seo.noindex }'],
  [
    'a slice by publishedAt then _id',
    '*[_type == $type && publishedAt <= now()] | order(publishedAt desc, _id asc)[$start...$end]{ _id, "slug": slug.current }',
  ],
  ['a slice by publishedAt, ties in dataset order', '*[_type in $types || _type == "article"] | order(publishedAt asc)[$start...$end]._id'],
  ['a slice cut in SQL, ties in dataset order', '*[_type == "article" && publishedAt > "2000"] | order(publishedAt desc)[$start...$end]._id'],
  ['a slice cut in SQL, ties by _id', '*[_type == "article" && publishedAt > "2000"] | order(publishedAt asc, _id desc)[$start...$end]{ _id, publishedAt }'],
  ['an element cut in SQL', '*[_type == "article" && publishedAt > "2000"] | order(publishedAt desc, _id asc)[3]{ _id }'],
  [
    'dataset-order slices and elements',
    '{ "a": *[_type == $type][$start...$end]._id, "b": *[_type == "article" && defined(slug.current)][$limit]{ _id }, "c": *[_type == $type][1000] }',
  ],
  [
    'slices by another indexed field',
    '{ "u": *[_type == "article" && updatedAt > publishedAt] | order(updatedAt desc)[0].updatedAt, "t": *[_type == $type] | order(_updatedAt desc)[$start...$end]._id }',
  ],
  [
    'a slice of several references’ articles, merged',
    '*[_type == "article" && publishedAt > "2000" && references($sharedIds)] | order(publishedAt desc, _id asc)[$start...$end]._id',
  ],
  ['a slice of a reference’s articles', '*[_type == "article" && references($ids)] | order(publishedAt desc, _id desc)[$start...$end]{ _id, publishedAt }'],
  // Counted from the count groups: exact columns, defined() of typed ones, one range on publishedAt or updatedAt.
  [
    'counts of each document’s visible articles, by groups',
    '*[_type in $types || _type == "topic"]{ _id, "n": count(*[_type == "article" && defined(slug.current) && defined(publishedAt) && publishedAt <= now() && coalesce(language, "ru") == $locale && references(^._id)]), "m": count(*[$from >= publishedAt && seo.noindex != true && references(^._id)]), "k": count(*[!defined(updatedAt) && references(^._id)]) }',
  ],
  [
    'counts of the dataset by groups',
    '{ "a": count(*[_type == "article" && defined(slug.current) && publishedAt <= now() && seo.noindex != true]), "b": count(*[_type == $type && !defined(slug.current)]), "c": count(*[publishedAt > $from]), "d": count(*[updatedAt < $from && _type == "article"]), "e": count(*[publishedAt < $limit]), "f": count(*[defined(previousSlugs) || language == "kk"]), "g": count(*[_type == "article" && references($ids)]), "h": count(*[references($id) && publishedAt >= $from && updatedAt <= now()]) }',
  ],
  // references() below an Or or a Not is a condition on the document, which no group answers.
  [
    'counts with references() below or and not',
    '{ "a": count(*[_type == "person" || references($ids)]), "b": count(*[!references($id) && publishedAt <= now()]) }',
  ],
  // SQL's NULL IN (…) is NULL, GROQ's null in […] false: a document without the field is in the negation.
  [
    'not in a list, the field absent',
    '{ "a": count(*[!(slug.current in [$slug])]), "b": *[!(slug.current in $slugs) && _type == $type]._id, "c": count(*[!(language in ["ru", "kk"])]) }',
  ],
  ['a reference path equal to a key', '{ "a": *[country._ref == $id]._id, "b": count(*[_type == "person" && country._ref == $id]) }'],
  [
    'two keys of the enclosing scope (only the chosen one is the marker’s)',
    '*[_type == "person" || _type == "article"]{ _id, "a": count(*[_type == "article" && references(^._id) && references(^.country._ref)]), "b": *[references(^.topics[0]._ref) && references(^._id)][0...3]._id, "c": *[country._ref == ^.country._ref && references(^._id)]._id }',
  ],
  [
    'a reference path equal to the enclosing document',
    '*[_type == "country"]{ _id, "p": count(*[_type == "person" && country._ref == ^._id]), "q": *[country._ref == ^._id]._id }',
  ],
]

async function compareAll(lake: Lake, docs: LakeDocument[], seed: number): Promise<number> {
  const random = new Random(seed)
  let compared = 0
  for (const perspective of ['published', 'drafts'] as Perspective[]) {
    for (const [name, query] of EDGE_QUERIES) {
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

describe('the index-aware planner gives the full scan’s results', () => {
  let lake: TempLake

  beforeAll(() => {
    lake = edgeCaseLake()
  })

  afterAll(() => lake?.dispose())

  it('on a newsroom dataset with drafts, ties and odd dates, for queries aimed at the planner’s edges', async () => {
    const compared = await compareAll(lake, lake.store.allDocuments(), 1)
    expect(compared).toBe(2 * 3 * EDGE_QUERIES.length)
  }, 120_000)

  it('rewrites the filters it understands, nested ones included', () => {
    const markers = (query: string) => (JSON.stringify(planTree(parse(query, { params: { start: 0, end: 20 } }))).match(/u0000lake:/g) ?? []).length
    // the filter, and its element [0] (cut in SQL)
    expect(markers('*[_type == "article" && slug.current == $slug][0]')).toBe(2)
    expect(markers('*[_type == "topic"]{ "n": count(*[references(^._id)]) }')).toBe(2)
    // An ordered slice of an exact filter: the filter's plan, and the slice's own (cut in SQL).
    expect(markers('*[_type == "article"] | order(publishedAt desc)[$start...$end]')).toBe(2)
    expect(markers('*[_type == "article"] | order(publishedAt desc, title asc)[$start...$end]')).toBe(1)
    expect(markers('*[count(tags) > 2]')).toBe(0)
  })

  it('answers what groq-js evaluates only asynchronously, as the full scan does', async () => {
    // diff:: functions have no synchronous form in groq-js: the engine falls back, and keeps to it.
    const query = '{ "changed": diff::changedAny({"a": 1}, {"a": 2}, (a)), "articles": count(*[_type == "article"]) }'
    const full = await lake.engine.query(query, {}, 'published', { fullScan: true })
    expect(full).toEqual({ changed: true, articles: expect.any(Number) as number })
    expect(await lake.engine.query(query)).toEqual(full)
    expect(await lake.engine.query(query)).toEqual(full)
  })
})

describe('the snapshot follows the store incrementally', () => {
  it('sees writes, deletions and re-creations in dataset order, as a fresh engine does', async () => {
    const lake = tempLake()
    try {
      const query = '*[_type == "article"][0...60]{ _id, title }'
      await lake.engine.query(query)
      const [first, second] = lake.store.allDocuments().filter((doc) => doc._type === 'article')
      lake.store.writeDocuments([{ ...first!, _rev: undefined, title: 'Изменено' }])
      lake.store.exclusive(() =>
        lake.store.commit({ transactionId: 'tx-delete', author: 't', timestamp: new Date().toISOString(), remove: [second!._id], mutations: {} }),
      )
      lake.store.writeDocuments([
        { ...second!, _rev: undefined },
        { ...first!, _id: 'article-new', _rev: undefined },
      ])
      const fresh = new (lake.engine.constructor as new (store: typeof lake.store) => typeof lake.engine)(lake.store)
      expect(await lake.engine.query(query)).toStrictEqual(await fresh.query(query))
      expect(await lake.engine.query('*[_id == $id][0].title', { id: first!._id })).toBe('Изменено')
    } finally {
      lake.dispose()
    }
  })
})
