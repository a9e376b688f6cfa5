import type { SearchDocument, SearchManifest } from '@/sanity/models'
import { revisionsKey } from '@/sanity/search-manifest'
import { canWriteOffThread, indexWriter, type IndexWriter } from './index-writer'
import { SearchIndex } from './search-index'
import { COMPLETE_KEY, memoryStorage, type SearchStorage } from './storage'

/**
 * Keeps one SearchIndex in step with the published content, without re-reading it on every request.
 *
 * The caller passes a *version key* with each request: a hash of the manifest (ids and revisions of
 * the visible articles, and of the topics and countries they name), which the site caches under the
 * `search` and `taxonomy` tags — cheap to read, and changed by every publish, unpublish, embargo end
 * or taxonomy edit. While the key is the same, the index is returned as is. A new key makes the
 * store read the manifest and bring the index up to date:
 *   - the first time, by building it from every visible article, read by id in batches of
 *     READ_BATCH (bounded memory; the server keeps serving between batches);
 *   - when only articles changed, incrementally: articles gone from the manifest are removed, new or
 *     revised ones (another _rev) are read by id and re-indexed;
 *   - when a topic or country changed (their names are in every document, not in the text index),
 *     by reading every article again and re-indexing only the revised ones;
 *   - when more than `maxIncremental` articles changed, by building a new index and swapping it in.
 * Refreshes run one at a time, concurrent requests for the same key share one. A failed refresh
 * keeps serving the previous index (logged) and is retried after `retryAfterMs`.
 *
 * Indexes are SQLite files kept by a `SearchStorage` (./storage.ts): the first refresh after a
 * restart reopens the one the previous process left and updates it like any other version change.
 *
 * Writes to an index file that are more than a few articles (a build, a resync, a larger update)
 * run in a worker thread (./index-writer.ts): this thread only reads from the backend and passes
 * the articles on, so requests never wait behind the analysis and inserts. Indexes in memory
 * (tests) are written here.
 */

export interface SearchSource {
  manifest(): Promise<SearchManifest>
  /** The search documents of these ids that are visible (others are left out). */
  documents(ids: string[]): Promise<SearchDocument[]>
}

/** Articles read per query while (re)building: a few MB of text at a time. */
export const READ_BATCH = 500
/** An update of more articles than this is written off the main thread (each takes about a millisecond). */
const INLINE_UPDATE = 20

export interface SearchStoreOptions {
  /** Where indexes live (default: in memory). */
  storage?: SearchStorage
  maxIncremental?: number
  retryAfterMs?: number
  /** Write index files from a worker thread (default: when its source is there, ./index-writer.ts). */
  offThread?: boolean
  log?: (message: string, error?: unknown) => void
}

export interface SearchStore {
  get(key: string): Promise<SearchIndex>
  /** Counts of what the refreshes did so far (for tests and logs). */
  readonly stats: { fullBuilds: number; resyncs: number; incrementalUpdates: number; documentsRead: number; restored: number; offThreadWrites: number }
}

interface State {
  key: string
  index: SearchIndex
  /** Article id → the revision indexed. */
  revisions: Map<string, string>
  taxonomy: string
}

export function createSearchStore(source: SearchSource, options: SearchStoreOptions = {}): SearchStore {
  const maxIncremental = options.maxIncremental ?? 500
  const retryAfterMs = options.retryAfterMs ?? 5_000
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[search] ${message}`, error ?? ''))
  const storage = options.storage ?? memoryStorage()
  const offThread = options.offThread ?? canWriteOffThread()
  const stats = { fullBuilds: 0, resyncs: 0, incrementalUpdates: 0, documentsRead: 0, restored: 0, offThreadWrites: 0 }
  let state: State | undefined
  let restoreTried = false
  let failure: { key: string; at: number } | undefined
  const pending = new Map<string, Promise<SearchIndex>>()
  let queue: Promise<unknown> = Promise.resolve()

  /** Every visible article of the manifest, read in batches; `each` gets a batch and may take its time. */
  async function readAll(manifest: SearchManifest, each: (docs: SearchDocument[]) => Promise<void> | void): Promise<Map<string, string>> {
    const read = new Map<string, string>()
    const ids = manifest.articles.map((r) => r._id)
    // The next batch is read while this one is indexed: the backend's time and the indexing overlap.
    const fetch = (at: number) => {
      const batch = source.documents(ids.slice(at, at + READ_BATCH))
      batch.catch(() => {}) // observed by the await below; a batch left behind by an error must not be an unhandled rejection
      return batch
    }
    let next = ids.length > 0 ? fetch(0) : undefined
    for (let at = 0; at < ids.length; at += READ_BATCH) {
      const docs = await next!
      next = at + READ_BATCH < ids.length ? fetch(at + READ_BATCH) : undefined
      stats.documentsRead += docs.length
      await each(docs)
      for (const doc of docs) read.set(doc._id, doc._rev)
    }
    return read
  }

  /** Under a worker thread's writer to the file at `path` (completed, or aborted and rethrown). */
  async function offThreadWrite<T>(path: string, fresh: boolean, write: (writer: IndexWriter) => Promise<T>): Promise<T> {
    const writer = indexWriter(path, fresh)
    try {
      const result = await write(writer)
      await writer.close()
      stats.offThreadWrites++
      return result
    } catch (error) {
      await writer.abort()
      throw error
    }
  }

  /** A new index of every visible article of the manifest. */
  async function build(manifest: SearchManifest, taxonomy: string): Promise<{ index: SearchIndex; revisions: Map<string, string> }> {
    const options = storage.next()
    if (offThread && options.path) {
      let revisions: Map<string, string>
      try {
        revisions = await offThreadWrite(options.path, true, async (writer) => {
          const read = await readAll(manifest, (docs) => writer.insert(docs))
          await writer.setMeta(COMPLETE_KEY, taxonomy)
          return read
        })
      } catch (error) {
        storage.discard(options)
        throw error
      }
      return { index: new SearchIndex([], options), revisions }
    }
    const index = new SearchIndex([], options)
    let revisions: Map<string, string>
    try {
      revisions = await readAll(manifest, (docs) => index.insert(docs))
    } catch (error) {
      storage.retire(index)
      throw error
    }
    index.setMeta(COMPLETE_KEY, taxonomy)
    return { index, revisions }
  }

  async function rebuild(key: string, manifest: SearchManifest, taxonomy: string): Promise<SearchIndex> {
    const { index, revisions } = await build(manifest, taxonomy)
    stats.fullBuilds++
    const previous = state?.index
    state = { key, index, revisions, taxonomy }
    if (previous) storage.retire(previous)
    return index
  }

  /** The index an earlier process left (./storage.ts), as a state of no known version. */
  function restore() {
    restoreTried = true
    const index = storage.restore()
    if (!index) return
    state = { key: '', index, revisions: index.revisions(), taxonomy: index.meta(COMPLETE_KEY) ?? '' }
    stats.restored++
  }

  async function refresh(key: string): Promise<SearchIndex> {
    if (state?.key === key) return state.index
    if (!state && !restoreTried) restore()
    const manifest = await source.manifest()
    const taxonomy = revisionsKey(manifest.taxonomy)
    if (!state) return rebuild(key, manifest, taxonomy)

    const visible = new Map(manifest.articles.map((r) => [r._id, r._rev]))
    const removed = [...state.revisions.keys()].filter((id) => !visible.has(id))
    const changed = [...visible].filter(([id, rev]) => state!.revisions.get(id) !== rev).map(([id]) => id)

    if (changed.length > maxIncremental) return rebuild(key, manifest, taxonomy)
    if (state.taxonomy !== taxonomy) {
      const current = state
      const stale = (read: Map<string, string>) => [...current.revisions.keys()].filter((id) => !read.has(id))
      let read: Map<string, string>
      // Batch by batch: cards of unchanged articles get the new names, revised articles are re-indexed.
      if (offThread && current.index.path !== ':memory:') {
        try {
          read = await offThreadWrite(current.index.path, false, async (writer) => {
            const read = await readAll(manifest, (docs) => writer.sync(docs))
            await writer.update(stale(read), [])
            await writer.setMeta(COMPLETE_KEY, taxonomy)
            return read
          })
        } finally {
          current.index.changed()
        }
      } else {
        read = await readAll(manifest, (docs) => current.index.sync(docs))
        current.index.remove(stale(read))
        current.index.setMeta(COMPLETE_KEY, taxonomy)
      }
      Object.assign(current, { key, taxonomy, revisions: read })
      stats.resyncs++
      return current.index
    }

    const docs = changed.length ? await source.documents(changed) : []
    const current = state
    const returned = new Set(docs.map((doc) => doc._id))
    // Changed ids that did not come back went invisible in between or failed validation: out of the index.
    const gone = [...removed, ...changed.filter((id) => !returned.has(id))]
    // One transaction either way: no request sees a half-updated index.
    if (offThread && current.index.path !== ':memory:' && docs.length > INLINE_UPDATE) {
      try {
        await offThreadWrite(current.index.path, false, (writer) => writer.update(gone, docs))
      } finally {
        current.index.changed()
      }
    } else current.index.update(gone, docs)
    for (const id of gone) current.revisions.delete(id)
    for (const doc of docs) current.revisions.set(doc._id, doc._rev)
    current.key = key
    stats.incrementalUpdates++
    stats.documentsRead += docs.length
    return current.index
  }

  return {
    stats,
    get(key) {
      if (state?.key === key) return Promise.resolve(state.index)
      if (state && failure?.key === key && Date.now() - failure.at < retryAfterMs) return Promise.resolve(state.index)
      const existing = pending.get(key)
      if (existing) return existing
      const run = queue
        .then(() => refresh(key))
        .catch((error: unknown) => {
          if (!state) throw error
          failure = { key, at: Date.now() }
          log('refreshing the index failed; serving the previous one', error)
          return state.index
        })
        .finally(() => pending.delete(key))
      pending.set(key, run)
      queue = run.catch(() => undefined)
      return run
    },
  }
}
