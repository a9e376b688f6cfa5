import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAssetId } from '@baspa/lake'
import { parseNdjson, type LakeDocument } from '@baspa/lake'
import { DEMO_DATASET, SEED_SLUG } from '../fixtures/lake'

const docs = parseNdjson(readFileSync(DEMO_DATASET, 'utf8'))
const byType = (type: string) => docs.filter((d) => d._type === type)
const refs = (doc: LakeDocument, field: string) => ((doc[field] as { _ref: string }[] | undefined) ?? []).map((r) => r._ref)
const articles = byType('article')
const others = articles.filter((a) => (a.slug as { current: string }).current !== SEED_SLUG)
const ids = new Set(docs.map((d) => d._id))

describe('the demo dataset', () => {
  it('holds the seed article and at least 40 more', () => {
    expect(articles.some((a) => (a.slug as { current: string }).current === SEED_SLUG)).toBe(true)
    expect(others.length).toBeGreaterThanOrEqual(40)
  })

  it('spreads them over ≥ 8 topics, 15 people, 10 countries and 4 authors', () => {
    const used = (field: string) => new Set(articles.flatMap((a) => refs(a, field)))
    expect(used('topics').size).toBeGreaterThanOrEqual(8)
    expect(used('people').size).toBeGreaterThanOrEqual(15)
    expect(used('countries').size).toBeGreaterThanOrEqual(10)
    expect(used('authors').size).toBeGreaterThanOrEqual(4)
  })

  it('dates them over 60 days, every article valid for its schema', () => {
    const times = articles.map((a) => Date.parse(a.publishedAt as string))
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(60 * 86_400_000)
    for (const a of articles) {
      expect(a.title, a._id).toBeTruthy()
      expect((a.lead as string).length, a._id).toBeLessThanOrEqual(300)
      expect(refs(a, 'topics').length, a._id).toBeGreaterThanOrEqual(1)
      expect((a.slug as { current: string }).current, a._id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(['ru', 'kk', 'en']).toContain(a.language)
    }
    const slugs = articles.map((a) => (a.slug as { current: string }).current)
    expect(new Set(slugs).size).toBe(slugs.length)
  })

  it('gives every article a main image with alt text whose binary ships in the repo', () => {
    for (const a of articles) {
      const image = a.mainImage as { asset: { _ref: string }; alt: string }
      expect(image.alt, a._id).toBeTruthy()
      const asset = parseAssetId(image.asset._ref)
      expect(asset, a._id).not.toBeNull()
      expect(ids.has(image.asset._ref), a._id).toBe(true)
      expect(existsSync(join(DEMO_DATASET, '..', 'images', asset!.fileName)), a._id).toBe(true)
    }
  })

  it('translates at least five articles, the seed article among them, into Kazakh and English', () => {
    const language = new Map(articles.map((a) => [a._id, a.language]))
    const sets = byType('translation.metadata').map((set) =>
      (set.translations as { _key: string; value: { _ref: string } }[]).map((t) => ({ key: t._key, language: language.get(t.value._ref), id: t.value._ref })),
    )
    const complete = sets.filter((set) => ['ru', 'kk', 'en'].every((code) => set.some((t) => t.language === code && t.key === code)))
    expect(complete.length).toBeGreaterThanOrEqual(5)
    expect(complete.some((set) => set.some((t) => t.id === 'article-tokaev-prinyal-ministra-inostrannyh-del-kitaya-van-i'))).toBe(true)
  })

  it('resolves every reference', () => {
    const walk = (value: unknown): string[] =>
      Array.isArray(value)
        ? value.flatMap(walk)
        : value && typeof value === 'object'
          ? [...('_ref' in value ? [String((value as { _ref: unknown })._ref)] : []), ...Object.values(value).flatMap(walk)]
          : []
    const dangling = docs.flatMap((d) =>
      walk(d)
        .filter((ref) => !ids.has(ref))
        .map((ref) => `${d._id} → ${ref}`),
    )
    expect(dangling).toEqual([])
  })

  it('names topics, people, countries and authors in Russian, Kazakh and English', () => {
    for (const doc of [...byType('topic'), ...byType('person'), ...byType('country'), ...byType('author')]) {
      const name = (doc.title ?? doc.name) as { ru: string; kk: string; en: string }
      expect([name.ru, name.kk, name.en].every(Boolean), doc._id).toBe(true)
    }
    expect(byType('topic').length).toBeGreaterThanOrEqual(8)
  })
})
