import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LakeDocument } from '../src/ndjson'
import type { Perspective } from '../src/perspective'
import type { TempLake } from './lake-fixture'
import { demoParams, edgeCaseLake, Random } from './planner-params'

/**
 * Random queries, not only random parameters: filters built from the conditions the planner turns
 * into SQL (and some it must leave to groq-js), joined by `&&`, `||` and `!`, then counted, sliced,
 * ordered, or projected with a nested query on the enclosing document. Whatever the planner does
 * with them, its answer must be groq-js's full scan's, in both perspectives.
 */
const ATOMS: readonly ((r: Random, scope: string) => string)[] = [
  (r) => `_type == ${r.pick(['"article"', '"topic"', '"person"', '"country"', '$type', '"nothing"'])}`,
  (r) => `_type in ${r.pick(['["article", "person"]', '$types'])}`,
  (r) => r.pick(['defined(slug.current)', '!defined(slug.current)', 'defined(publishedAt)', 'defined(previousSlugs)']),
  (r) => `slug.current == ${r.pick(['$slug', '"no-such-slug"', '$start'])}`,
  (r) => `slug.current in ${r.pick(['$slugs', '[$slug]'])}`,
  (r) => `publishedAt ${r.pick(['<=', '<', '>', '>='])} ${r.pick(['now()', '$from', '"2026-01-01"', '$limit'])}`,
  (r) => `updatedAt ${r.pick(['<', '>='])} ${r.pick(['now()', '$from'])}`,
  (r) => `language == ${r.pick(['$locale', '"ru"', '"kk"', 'null'])}`,
  (r) => r.pick(['seo.noindex != true', 'seo.noindex == true']),
  (r) => `references(${r.pick(['$id', '$ids', '$topicIds', '"missing"'])})`,
  (r) => `_id ${r.pick(['==', '!='])} ${r.pick(['$id', '$draftId', '"missing"'])}`,
  (r) => `_id in ${r.pick(['$ids', '$sharedIds', '[$id, $draftId, 5]'])}`,
  (r) => `country._ref == ${r.pick(['$id', '"country-kitay"'])}`,
  (r) => `$id in ${r.pick(['topics[]._ref', 'people[]._ref'])}`,
  (r) => `${r.pick(['$slug', '"no-such-slug"', 'slug.current', '7'])} in previousSlugs`,
  (r) => `count(${r.pick(['topics', 'people', 'tags'])}) > ${r.int(0, 2)}`,
  (r) => `title match ${r.pick(['"Токаев"', '"нет"'])}`,
  (r) => `${r.pick(['language', 'slug.current', '_type'])} in ${r.pick(['["ru", null]', '["topic", 5]', '[]', '$limit', '[$locale, $type]'])}`,
  (r) => `coalesce(${r.pick(['publishedAt', 'updatedAt'])}, _updatedAt) ${r.pick(['<', '>='])} ${r.pick(['now()', '$from'])}`,
  (r) => `${r.pick(['publishedAt', 'slug.current', 'language'])} ${r.pick(['==', '!=', '<', '>'])} ${r.pick(['5', 'null', 'true', '$types', '$start'])}`,
  (r) => r.pick(['defined(seo.noindex)', '!defined(language)', 'defined(updatedAt)']),
  // The enclosing document, in a nested query.
  (r, scope) =>
    scope
      ? r.pick([
          'references(^._id)',
          'country._ref == ^._id',
          '^._id in topics[]._ref',
          '_id != ^._id',
          'slug.current == ^.slug.current',
          '_type == ^._type',
          'references(^.country._ref)',
          '^.slug.current in previousSlugs',
        ])
      : '_type != "asset"',
]

function filter(r: Random, scope: string, depth = 0): string {
  const roll = r.int(0, 9)
  if (depth < 2 && roll < 4) return `${filter(r, scope, depth + 1)} && ${filter(r, scope, depth + 1)}`
  if (depth < 2 && roll < 5) return `(${filter(r, scope, depth + 1)} || ${filter(r, scope, depth + 1)})`
  if (depth < 2 && roll < 6) return `!(${filter(r, scope, depth + 1)})`
  return r.pick(ATOMS)(r, scope)
}

const ORDERS = ['publishedAt desc', 'publishedAt asc', 'updatedAt desc', 'publishedAt desc, _id asc', '_updatedAt desc', 'title asc']

function query(r: Random, scope = ''): string {
  const base = `*[${filter(r, scope)}]`
  const ordered = r.int(0, 2) === 0 ? base : `${base} | order(${r.pick(ORDERS)})`
  const start = r.int(0, 20)
  const sliced = r.pick([ordered, `${ordered}[0]`, `${ordered}[${start}...${start + r.int(0, 12)}]`, `${ordered}[$start...$end]`])
  if (scope) return r.pick([`count(${base})`, `${sliced}._id`, `${ordered}[0]._id`])
  switch (r.int(0, 4)) {
    case 0:
      return `count(${base})`
    case 1:
      return `${sliced}._id`
    case 2:
      return `${sliced}{ _id, publishedAt, "slug": slug.current }`
    case 3:
      return `${sliced}{ _id, "n": ${query(r, '^')} }`
    default:
      return `{ "a": ${sliced}._id, "b": count(*[${filter(r, '')}]) }`
  }
}

describe('the planner answers random queries as groq-js’s full scan does', () => {
  let lake: TempLake
  let docs: LakeDocument[]

  beforeAll(() => {
    lake = edgeCaseLake()
    docs = lake.store.allDocuments()
  })

  afterAll(() => lake?.dispose())

  /** The answer as JSON, or the error either evaluation throws (the same query must fail alike). */
  const answer = (groq: string, params: Record<string, unknown>, perspective: Perspective, fullScan: boolean) =>
    lake.engine.query(groq, params, perspective, { fullScan }).then(
      (value) => JSON.stringify(value),
      (error: Error) => `${error.name}: ${error.message}`,
    )

  it('400 queries, each with its own parameters, published and drafts', async () => {
    const r = new Random(20261207)
    const wrong: string[] = []
    for (let i = 0; i < 400; i++) {
      const groq = query(r)
      const params = demoParams(docs, r)
      for (const perspective of ['published', 'drafts'] as Perspective[]) {
        const indexed = await answer(groq, params, perspective, false)
        const full = await answer(groq, params, perspective, true)
        if (indexed !== full)
          wrong.push(`${groq} (${perspective}) with ${JSON.stringify(params)}\n  planned ${indexed.slice(0, 200)}\n  groq-js ${full.slice(0, 200)}`)
      }
    }
    expect(wrong).toEqual([])
  }, 240_000)
})
