import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seedIfEmpty } from '../src/lake'
import { exportDataset, importDataset } from '../src/dataset'
import { NdjsonError, parseNdjson, serializeNdjson } from '../src/ndjson'
import { applyPerspective } from '../src/perspective'
import { QueryTimeout } from '../src/query'
import { DocumentExistsError } from '../src/store'
import { DATASET, tempLake, type TempLake } from './lake-fixture'

const lakes: TempLake[] = []
const fresh = (options?: { empty?: boolean }) => {
  const lake = tempLake(options)
  lakes.push(lake)
  return lake
}
afterEach(() => lakes.splice(0).forEach((lake) => lake.dispose()))

describe('import and export', () => {
  it('round-trips the demo dataset byte for byte, images included', () => {
    const lake = fresh({ empty: true })
    const imported = importDataset(lake.store, DATASET)
    const out = join(lake.dir, 'export', 'data.ndjson')
    const exported = exportDataset(lake.store, out)
    expect(exported).toEqual(imported)
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(DATASET, 'utf8'))
    const images = readdirSync(join(lake.dir, 'export', 'images')).sort()
    expect(images).toEqual(readdirSync(join(DATASET, '..', 'images')).sort())
    for (const name of images) {
      expect(readFileSync(join(lake.dir, 'export', 'images', name)).equals(readFileSync(join(DATASET, '..', 'images', name)))).toBe(true)
    }
  })

  it('refuses to overwrite existing documents unless asked, and imports nothing when it refuses', () => {
    const lake = fresh({ empty: true })
    const file = join(lake.dir, 'a.ndjson')
    writeFileSync(file, serializeNdjson([{ _id: 'a', _type: 'note', text: 'one' }]))
    importDataset(lake.store, file)
    writeFileSync(
      file,
      serializeNdjson([
        { _id: 'b', _type: 'note' },
        { _id: 'a', _type: 'note', text: 'two' },
      ]),
    )
    expect(() => importDataset(lake.store, file)).toThrow(/exist already/)
    expect(lake.store.getDocument('b')).toBeUndefined()
    importDataset(lake.store, file, { mode: 'missing' })
    expect(lake.store.getDocument('a')?.text).toBe('one')
    importDataset(lake.store, file, { mode: 'replace' })
    expect(lake.store.getDocument('a')?.text).toBe('two')
  })

  it('fills missing system fields and keeps given ones', () => {
    const lake = fresh({ empty: true })
    lake.store.writeDocuments([
      { _id: 'x', _type: 'note' },
      { _id: 'y', _type: 'note', _rev: 'r1', _createdAt: '2020-01-01T00:00:00Z' },
    ])
    const x = lake.store.getDocument('x')!
    expect(x._rev).toMatch(/^[A-Za-z0-9]{22}$/)
    expect(Date.parse(x._createdAt!)).not.toBeNaN()
    expect(lake.store.getDocument('y')).toMatchObject({ _rev: 'r1', _createdAt: '2020-01-01T00:00:00Z' })
    expect(() => lake.store.writeDocuments([{ _id: 'x', _type: 'note' }], { mode: 'create' })).toThrow(DocumentExistsError)
  })

  it('fails clearly when an asset binary is missing', () => {
    const lake = fresh({ empty: true })
    const file = join(lake.dir, 'assets.ndjson')
    writeFileSync(file, serializeNdjson([{ _id: 'image-abc123-10x10-png', _type: 'sanity.imageAsset' }]))
    expect(() => importDataset(lake.store, file)).toThrow(/binary .*abc123-10x10\.png is missing/)
    expect(lake.store.count()).toBe(0)
  })

  it('seeds an empty lake once, with every document of the demo dataset', () => {
    const lake = fresh({ empty: true })
    expect(seedIfEmpty(lake.store, DATASET)).toBe(true)
    expect(seedIfEmpty(lake.store, DATASET)).toBe(false)
    expect(lake.store.count()).toBe(parseNdjson(readFileSync(DATASET, 'utf8')).length)
    expect(existsSync(join(lake.dir, 'lake.sqlite'))).toBe(true)
  })

  it('refuses to seed from a missing file', () => {
    const lake = fresh({ empty: true })
    expect(() => seedIfEmpty(lake.store, join(lake.dir, 'nope.ndjson'))).toThrow(/does not exist/)
  })
})

describe('NDJSON', () => {
  it('names the line of a broken document', () => {
    expect(() => parseNdjson('{"_id":"a","_type":"t"}\n{oops}\n')).toThrow(/line 2: not valid JSON/)
    expect(() => parseNdjson('{"_id":"a","_type":"t"}\n\n{"_id":"a","_type":"t"}')).toThrow(/line 3: duplicate _id a/)
    expect(() => parseNdjson('{"_type":"t"}')).toThrow(NdjsonError)
    expect(() => parseNdjson('{"_id":"a b","_type":"t"}')).toThrow(/invalid or missing _id/)
    expect(() => parseNdjson('{"_id":"a"}')).toThrow(/has no _type/)
    expect(() => parseNdjson('[1]')).toThrow(/not a JSON object/)
  })
})

describe('perspectives', () => {
  const docs = [
    { _id: 'a', _type: 't', v: 1 },
    { _id: 'drafts.a', _type: 't', v: 2 },
    { _id: 'drafts.b', _type: 't', v: 3 },
    { _id: 'versions.r1.a', _type: 't', v: 4 },
    { _id: 'c', _type: 't', v: 5 },
  ]
  it('published sees only published ids', () => {
    expect(applyPerspective(docs, 'published').map((d) => d._id)).toEqual(['a', 'c'])
  })
  it('drafts overlays drafts under the published id with _originalId', () => {
    expect(applyPerspective(docs, 'drafts')).toEqual([
      { _id: 'a', _type: 't', v: 2, _originalId: 'drafts.a' },
      { _id: 'c', _type: 't', v: 5 },
      { _id: 'b', _type: 't', v: 3, _originalId: 'drafts.b' },
    ])
  })
  it('raw sees everything', () => {
    expect(applyPerspective(docs, 'raw')).toHaveLength(5)
  })
})

describe('GROQ engine', () => {
  it('reports parse errors clearly and rejects bad parameter names', async () => {
    const lake = fresh({ empty: true })
    await expect(lake.engine.query('*[_type == ')).rejects.toThrow(/GROQ parse error/)
    await expect(lake.engine.query('*[_id == $id]', { 'id"]': 1 })).rejects.toThrow(/invalid parameter name/)
  })

  it('dereferences within the perspective', async () => {
    const lake = fresh({ empty: true })
    lake.store.writeDocuments([
      { _id: 'p', _type: 'person', name: 'published' },
      { _id: 'drafts.p', _type: 'person', name: 'draft' },
      { _id: 'a', _type: 'article', who: { _type: 'reference', _ref: 'p' } },
    ])
    expect(await lake.engine.query('*[_id == "a"][0].who->name', {}, 'published')).toBe('published')
    expect(await lake.engine.query('*[_id == "a"][0].who->name', {}, 'drafts')).toBe('draft')
  })

  it('stops a query that passes its deadline, full scan or planned, subqueries included, and not an earlier one', async () => {
    const lake = fresh({ empty: true })
    lake.store.writeDocuments(Array.from({ length: 100 }, (_, i) => ({ _id: `a${i}`, _type: 'article', n: i })))
    // 100 × 100 documents read: the clock is checked across every scan of the evaluation.
    const quadratic = '*[_type == "article"]{ "later": count(*[_type == "article" && n > ^.n]) }'
    await expect(lake.engine.query(quadratic, {}, 'published', { fullScan: true, deadline: performance.now() - 1 })).rejects.toBeInstanceOf(QueryTimeout)
    // Planned, the inner count is answered from the reference index: only a filter no index serves scans.
    const unindexed = '*[n >= 0]{ "later": count(*[n > ^.n]) }'
    await expect(lake.engine.query(unindexed, {}, 'published', { deadline: performance.now() - 1 })).rejects.toBeInstanceOf(QueryTimeout)
    const answer = await lake.engine.query(quadratic, {}, 'published', { fullScan: true, deadline: performance.now() + 60_000 })
    expect(answer).toEqual(await lake.engine.query(quadratic))
    expect((answer as { later: number }[])[0]).toEqual({ later: 99 })
  })

  it('answers whole a result that holds the perspective itself, read after the deadline has passed', async () => {
    const lake = fresh({ empty: true })
    // More documents than the clock is checked after (every 1 024 read).
    lake.store.writeDocuments(Array.from({ length: 1_100 }, (_, i) => ({ _id: `a${i}`, _type: 'article', n: i })))
    const answer = (await lake.engine.query('{"all": *}', {}, 'published', { deadline: performance.now() + 20 })) as { all: unknown[] }
    // groq-js hands the perspective back unread: the caller serialises it after the deadline.
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(JSON.parse(JSON.stringify(answer)).all).toHaveLength(1_100)
  })
})

describe('documents on demand: large fields stay in SQLite until a query reads them', () => {
  const block = (key: string, text: string, ref?: string) => ({
    _type: 'block',
    _key: key,
    style: 'normal',
    markDefs: ref ? [{ _type: 'internalLink', _key: `l${key}`, reference: { _type: 'reference', _ref: ref } }] : [],
    children: [{ _type: 'span', _key: `s${key}`, text, marks: ref ? [`l${key}`] : [] }],
  })
  const body = (words: string, ref?: string) => Array.from({ length: 12 }, (_, i) => block(`b${i}`, `${words} ${i} `.repeat(12), i === 7 ? ref : undefined))
  const article = (id: string, words: string, ref?: string) => ({
    _id: id,
    _type: 'article',
    title: `Статья ${id}`,
    slug: { _type: 'slug', current: id },
    body: body(words, ref),
  })

  it('answers as a fully parsed dataset would, reading a body only when a query projects it', async () => {
    const lake = fresh({ empty: true })
    lake.store.writeDocuments([{ _id: 'p', _type: 'person', name: 'Токаев' }, article('a1', 'переговоры', 'p'), article('a2', 'торговля')])
    const { stats } = lake.engine.source
    // Filters, references() inside the body and the indexes: no body is read.
    expect(await lake.engine.query('*[_type == "article" && references("p")]._id')).toEqual(['a1'])
    expect(await lake.engine.query('*[slug.current == "a2"][0].title')).toBe('Статья a2')
    expect(lake.store.db.prepare('SELECT count(*) FROM lake_heads WHERE lazy IS NOT NULL').pluck().get()).toBe(2)
    expect(stats.fullReads).toBe(0)
    // groq-js's own references() walks the whole document: a full scan reads the bodies, same answer.
    expect(await lake.engine.query('*[_type == "article" && references("p")]._id', {}, 'published', { fullScan: true })).toEqual(['a1'])
    const afterScan = stats.fullReads
    // A projection of the body reads it, once per document, and gets exactly what was stored.
    const stored = lake.store.getDocument('a1')!
    expect(await lake.engine.query('*[_id == "a1"][0]{ body, "text": pt::text(body), ... }')).toEqual({
      ...stored,
      text: expect.stringContaining('переговоры 7'),
    })
    expect(await lake.engine.query('*[_id == "a1"][0].body[7].markDefs[0].reference->name')).toBe('Токаев')
    expect(stats.fullReads).toBe(afterScan)
    expect(JSON.parse(JSON.stringify(await lake.engine.query('*[_type == "article"] | order(_id)')))).toEqual([stored, lake.store.getDocument('a2')])
  })

  it('reads the revision the snapshot holds, and a draft overlay keeps its body lazy and its references', async () => {
    const lake = fresh({ empty: true })
    lake.store.writeDocuments([{ _id: 'p', _type: 'person', name: 'Токаев' }, article('a1', 'переговоры')])
    expect(await lake.engine.query('count(*[_type == "article"])')).toBe(1)
    const before = lake.engine.source.stats.fullReads
    lake.store.writeDocuments([article('drafts.a1', 'черновик', 'p')])
    expect(await lake.engine.query('*[_id == "a1"][0]{ "text": pt::text(body) }.text', {}, 'drafts')).toContain('черновик 3')
    expect(await lake.engine.query('*[_id == "a1"][0]{ "text": pt::text(body) }.text', {}, 'published')).toContain('переговоры 3')
    expect(await lake.engine.query('*[references("p")]{ _id, _originalId }', {}, 'drafts')).toEqual([{ _id: 'a1', _originalId: 'drafts.a1' }])
    expect(lake.engine.source.stats.fullReads - before).toBe(2)
  })

  it('says which document and revision are missing rather than answering without the field', async () => {
    const lake = fresh({ empty: true })
    lake.store.writeDocuments([article('a1', 'переговоры')])
    await lake.engine.query('count(*)')
    lake.store.db.exec("DELETE FROM revisions; UPDATE documents SET rev = 'other'")
    await expect(lake.engine.query('*[_id == "a1"][0].body')).rejects.toThrow(/revision \w+ of a1 is missing: its field "body"/)
  })
})
