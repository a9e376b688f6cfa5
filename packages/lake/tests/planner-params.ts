import type { LakeDocument } from '../src/ndjson'
import { SEED_SLUG, tempLake, type TempLake } from './lake-fixture'

/** mulberry32: deterministic parameters for a given seed. */
export class Random {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }
  sample<T>(items: readonly T[], count: number): T[] {
    return [...new Set(Array.from({ length: count }, () => this.pick(items)))]
  }
}

/** What `demoParams` draws from: the lake's `Random`, or the site's synthetic-data one. */
type ParamRandom = Pick<Random, 'int' | 'pick' | 'sample'>

/**
 * Parameters for a newsroom's queries over `docs`: without `random`, those of the seed article; with
 * it, drawn from the dataset, unknown values and odd types included (the planner's edges). Shared by
 * the lake's planner test and the site's, which sends the same parameter names.
 */
export function demoParams(docs: LakeDocument[], random?: ParamRandom): Record<string, unknown> {
  const pick = <T>(items: T[]): T => (random ? random.pick(items) : items[0]!)
  const articles = docs.filter((doc) => doc._type === 'article')
  const article = random ? pick(articles) : (articles.find((doc) => (doc.slug as { current: string }).current === SEED_SLUG) ?? articles[0]!)
  const withSlug = docs.filter((doc) => typeof (doc.slug as { current?: unknown } | undefined)?.current === 'string')
  const type = random ? pick(['topic', 'person', 'country', 'author', 'article', 'nothing']) : 'topic'
  const sameType = withSlug.filter((doc) => doc._type === type)
  const slug = random
    ? pick([...withSlug, ...sameType, ...sameType].map((doc) => (doc.slug as { current: string }).current).concat(['no-such-slug']))
    : (sameType[0]?.slug as { current: string }).current
  const refs = (field: string) => ((article[field] as { _ref: string }[] | undefined) ?? []).map((ref) => ref._ref)
  const start = random ? random.int(0, 60) : 0
  return {
    slug,
    type,
    types: random ? [pick(['topic', 'article']), pick(['person', 'country', 7])] : ['topic', 'country'],
    id: random ? pick([article._id, ...refs('topics'), 'missing', ...docs.map((d) => d._id)]) : article._id,
    draftId: `drafts.${article._id}`,
    ids: random
      ? random.sample(
          docs.map((doc) => doc._id),
          random.int(0, 4),
        )
      : refs('topics'),
    topicIds: refs('topics'),
    peopleIds: refs('people'),
    sharedIds: [...refs('topics'), ...refs('people')],
    // Former addresses to check: real slugs, unknown ones, and a null (which matches documents without a slug).
    slugs: random
      ? [
          ...random.sample(
            withSlug.map((doc) => (doc.slug as { current: string }).current),
            random.int(0, 5),
          ),
          ...(random.int(0, 3) === 0 ? [null] : []),
          'no-such-slug',
        ]
      : [slug, 'no-such-slug'],
    start,
    end: start + (random ? random.int(0, 25) : 20),
    limit: random ? random.int(0, 30) : 10,
    from: random ? new Date(Date.now() - random.int(0, 3e10)).toISOString() : '2025-01-01T00:00:00Z',
    // Every reader query reads an edition; an unknown code falls back to the Russian names and matches no article.
    locale: random ? pick(['ru', 'kk', 'en', 'xx']) : 'ru',
  }
}

const slugOf = (doc: LakeDocument) => (doc.slug as { current: string }).current

/** The fixture lake with what the planner's SQL must get right: drafts (one laid over a published article, one never published), ties on publishedAt, a number, a missing value and an embargo. */
export function edgeCaseLake(): TempLake {
  const lake = tempLake()
  // A draft laid over a published article and one never published: the drafts perspective differs.
  const seed = lake.store.getDocument(`article-${SEED_SLUG}`)!
  lake.store.writeDocuments([
    { ...seed, _id: `drafts.${seed._id}`, _rev: undefined, title: 'Черновик', slug: { _type: 'slug', current: 'chernovik' } },
    { ...seed, _id: 'drafts.article-new', _rev: undefined, slug: { _type: 'slug', current: 'novaya' } },
  ])
  // Ties on publishedAt, a number and a missing publishedAt: what an ordered scan must get right.
  const articles = lake.store
    .allDocuments()
    .filter((doc) => doc._type === 'article')
    .slice(0, 12)
  lake.store.writeDocuments(
    articles.map((doc, i) => {
      const rest = { ...doc }
      delete rest.publishedAt
      if (i === 10) return { ...rest, _rev: undefined, publishedAt: 20260101 }
      // Embargoed: visible only once now() reaches it (counted as the groups' strings less those after now()).
      if (i === 9) return { ...doc, _rev: undefined, publishedAt: '2099-01-01T00:00:00.000Z' }
      if (i === 11) return { ...rest, _rev: undefined }
      // Former addresses: one that another article uses now, one in use by none, a number; and a list that is not one.
      if (i === 3) return { ...doc, _rev: undefined, publishedAt: '2026-10-31T12:00:00.000Z', previousSlugs: [slugOf(articles[4]!), 'no-such-slug', 7] }
      if (i === 5) return { ...doc, _rev: undefined, publishedAt: '2026-10-31T12:00:00.000Z', previousSlugs: 'no-such-slug' }
      return { ...doc, _rev: undefined, publishedAt: '2026-10-31T12:00:00.000Z' }
    }),
  )
  return lake
}
