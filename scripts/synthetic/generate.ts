/**
 * Writes a synthetic lake: the demo dataset (taxonomy, images with their binaries, settings, the
 * demo articles) plus synthetic articles up to `articles`, into a database of its own: ordinary lake
 * transactions of CHUNK documents (documents, revisions and the transaction log exactly as
 * `LakeStore.commit` writes them), so the result is what an import would hold, without the
 * per-mutation overhead. Written to a temporary file and renamed: a database at `db` is always
 * complete, so the SQLite transactions in between need no durability (synchronous = OFF).
 *
 * The lake transactions are grouped into SQLite transactions of BATCH articles, each followed by a
 * checkpoint that empties the WAL. One transaction for everything kept the whole lake in the WAL
 * until the end: twice the lake's size on disk, and every page read searching a WAL index that grows
 * with the lake (SQLite's WAL index is a list of 4 096-frame hash tables, looked up one after the
 * other), so the time grew faster than the lake.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { importDataset, LakeStore, type LakeDocument } from '@baspa/lake'
import { shiftDemoDates } from '@/lib/demo-dates'
import { SyntheticNewsroom } from './articles'
import { loadDemoDataset } from './demo'

const CHUNK = 1000
const BATCH = 10_000
/** SQLite's page cache while generating (KiB): the B-trees' inner pages of a million-article lake stay in memory. */
const CACHE_KIB = 256 * 1024
const TX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export interface SyntheticOptions {
  /** Articles in the lake, the demo's included. */
  articles: number
  seed: number
  db: string
  /** Where dates end (default: now); the content is the same for a seed whatever the date. */
  now?: Date
  onProgress?: (written: number, total: number) => void
}

export interface SyntheticResult {
  db: string
  articles: number
  documents: number
  ms: number
}

export const defaultSyntheticDb = (articles: number, seed = 42) => resolve(`.data/synthetic/${articles}${seed === 42 ? '' : `-seed${seed}`}/lake.sqlite`)

export function generateSyntheticLake(options: SyntheticOptions): SyntheticResult {
  const started = performance.now()
  const db = resolve(options.db)
  const now = options.now ?? new Date()
  const demo = loadDemoDataset()
  const newsroom = new SyntheticNewsroom(demo, { seed: options.seed, now })
  const txId = () => Array.from({ length: 22 }, () => newsroom.random.pick([...TX_ALPHABET])).join('')
  const synthetic = Math.max(0, options.articles - demo.articles.length)

  mkdirSync(dirname(db), { recursive: true })
  const temporary = `${db}.partial`
  for (const file of [temporary, `${temporary}-wal`, `${temporary}-shm`]) rmSync(file, { force: true })
  const store = new LakeStore(temporary)
  let documents = 0
  try {
    // Nothing is synced until the end: a crash leaves only the .partial file.
    store.db.pragma('synchronous = OFF')
    store.db.pragma(`cache_size = -${CACHE_KIB}`)
    const timestamp = now.toISOString()
    const write = (put: LakeDocument[]) => {
      const transactionId = txId()
      store.commit({
        transactionId,
        author: 'synthetic',
        timestamp,
        put: put.map((doc) => ({ ...doc, _rev: transactionId })),
        mutations: { createOrReplace: put.length },
      })
      documents += put.length
    }
    store.exclusive(() => {
      documents += importDataset(store, demo.file, { mode: 'fail', transform: (docs) => shiftDemoDates(docs, now) }).documents
      write(newsroom.taxonomy(synthetic))
    })
    // A batch ends only where a chunk does: the lake transactions (and the seeded ids) are the same whatever BATCH is.
    let i = 0
    let chunk: LakeDocument[] = []
    while (i < synthetic) {
      const batchStart = i
      store.exclusive(() => {
        while (i < synthetic) {
          const article = newsroom.article(i)
          chunk.push(article)
          const draft = newsroom.draftOf(article)
          if (draft) chunk.push({ ...draft, _updatedAt: timestamp })
          i++
          if (chunk.length >= CHUNK || i === synthetic) {
            write(chunk)
            chunk = []
            options.onProgress?.(i, synthetic)
            if (i - batchStart >= BATCH) break
          }
        }
      })
      store.db.pragma('wal_checkpoint(TRUNCATE)')
    }
    store.db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    store.close()
  }
  // Opened once more, the store computes what the lake's first start would (the planner's statistics):
  // on a million articles that ANALYZE took over two minutes, longer than the site waits for its lake.
  new LakeStore(temporary).close()
  for (const suffix of ['-wal', '-shm']) rmSync(`${temporary}${suffix}`, { force: true })
  for (const file of [db, `${db}-wal`, `${db}-shm`]) rmSync(file, { force: true })
  renameSync(temporary, db)
  const result = { db, articles: synthetic + demo.articles.length, documents, ms: performance.now() - started }
  writeFileSync(`${db}.json`, `${JSON.stringify({ ...result, seed: options.seed, now: now.toISOString() }, null, 2)}\n`)
  return result
}

/** A synthetic lake from the cache (same size, seed) or freshly generated. */
export function syntheticLake(options: Omit<SyntheticOptions, 'db'> & { db?: string }): SyntheticResult & { cached: boolean } {
  const db = resolve(options.db ?? defaultSyntheticDb(options.articles, options.seed))
  if (existsSync(db) && existsSync(`${db}.json`)) return { db, articles: options.articles, documents: -1, ms: 0, cached: true }
  return { ...generateSyntheticLake({ ...options, db }), cached: false }
}
