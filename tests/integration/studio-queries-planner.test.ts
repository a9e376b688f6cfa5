import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLake, seedIfEmpty, type Lake, type LakeDocument, type Perspective } from '@baspa/lake'
import { Random } from '@/scripts/synthetic/random'
import { prepareDemoSeed } from '@/server/demo-seed'

/**
 * The queries a real Studio sends: every distinct query and listener filter of
 * ../shared/reference/studio-5.27-traffic.jsonl (Sanity Studio 5.27 loading its desk, listing
 * articles, creating, editing and publishing one), with the recorded document ids replaced by
 * placeholders `@id0`, `@id1`… that each run fills with ids of this dataset: articles with and
 * without drafts, drafts never published, and ids that do not exist.
 */
interface RecordedQuery {
  endpoint: 'query' | 'listen'
  query: string
  params: Record<string, unknown>
}
const RECORDED = JSON.parse(readFileSync('tests/fixtures/studio-5.27-queries.json', 'utf8')) as RecordedQuery[]
const PERSPECTIVES: Perspective[] = ['raw', 'drafts', 'published']

const fill = (text: string, ids: string[]) => text.replace(/@id(\d+)/g, (_, n: string) => ids[Number(n)] ?? 'no-such-document')

describe('the index-aware planner gives the full scan’s results for the queries a real Studio sends', () => {
  let lake: Lake
  let dir: string
  let ids: string[]

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baspa-studio-planner-'))
    lake = openLake(join(dir, 'demo.sqlite'))
    seedIfEmpty(lake.store, prepareDemoSeed(join(dir, 'seed')))
    // Drafts over two published articles and one never published, as an editor's desk has them.
    const published = lake.store.allDocuments().filter((doc) => doc._type === 'article')
    const [first, second] = published as [LakeDocument, LakeDocument]
    lake.store.writeDocuments([
      { ...first, _id: `drafts.${first._id}`, _rev: undefined, title: 'Черновик правки' },
      { ...second, _id: `drafts.${second._id}`, _rev: undefined, title: 'Ещё черновик' },
      { ...first, _id: 'drafts.4f1c2a9e-0d7b-4c55-9a4e-6b0f3c2d1e8a', _rev: undefined, slug: { _type: 'slug', current: 'novyy' } },
    ])
    ids = [first._id, second._id, '4f1c2a9e-0d7b-4c55-9a4e-6b0f3c2d1e8a', published[5]!._id]
  }, 120_000)

  afterAll(() => {
    lake?.store.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('every recorded query and listener filter, in the raw, drafts and published perspectives', async () => {
    const random = new Random(27)
    const everyId = lake.store.allDocuments().map((doc) => doc._id)
    const idSets = [ids, [...ids].reverse(), random.sample(everyId, 4), ['no-such-document', ids[0]!, 'drafts.no-such-document', ids[2]!]]
    let compared = 0
    for (const recorded of RECORDED) {
      for (const idSet of idSets) {
        const query = fill(recorded.query, idSet)
        const params = JSON.parse(fill(JSON.stringify(recorded.params), idSet)) as Record<string, unknown>
        for (const perspective of PERSPECTIVES) {
          // As the Studio receives them: serialised, key order included.
          const indexed = JSON.stringify(await lake.engine.query(query, params, perspective))
          const full = JSON.stringify(await lake.engine.query(query, params, perspective, { fullScan: true }))
          expect(indexed, `${recorded.endpoint} ${query} (${perspective}) with ${JSON.stringify(params)}`).toBe(full)
          compared++
        }
      }
    }
    expect(compared).toBe(RECORDED.length * idSets.length * PERSPECTIVES.length)
  }, 120_000)

  it('finds the documents the recorded queries ask for (the comparison is not between two empty answers)', async () => {
    const list = await lake.engine.query('*[_type == "article"] | order(_updatedAt desc){_id, title, "slug": slug.current}', {}, 'raw')
    expect((list as unknown[]).length).toBeGreaterThan(3)
    const versions = await lake.engine.query(`*[sanity::versionOf("${ids[0]}")]._id`, {}, 'raw')
    expect(versions).toEqual(expect.arrayContaining([ids[0], `drafts.${ids[0]}`]))
    const byId = await lake.engine.query(`[*[_id in ["drafts.${ids[2]}","${ids[2]}"]][0...2]{_id,_type}][0...1]`, {}, 'raw')
    expect(byId).toEqual([[{ _id: `drafts.${ids[2]}`, _type: 'article' }]])
  })
})
