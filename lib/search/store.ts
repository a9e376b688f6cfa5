import { createHash } from 'node:crypto'
import type { SearchDocument, SearchManifest } from '@/sanity/models'
import { SearchIndex } from './search-index'
import { COMPLETE_KEY, memoryStorage, type SearchStorage } from './storage'

/**
 * Keeps one SearchIndex in memory in step with the published content, without re-reading the
 * corpus on every request.
 *
 * The caller passes a *version key* with each request: a hash of the manifest (ids and revisions of
 * the visible articles, and of the topics and countries they name), which the site caches under the
 * `search` and `taxonomy` tags — cheap to read, and changed by every publish, unpublish, embargo end
 * or taxonomy edit. While the key is the same, the index is returned as is. A new key makes the
 * store read the manifest and bring the index up to date:
 *   - the first time, by building it from the whole corpus (in chunks: the server keeps serving);
 *   - when only articles changed, incrementally: articles gone from the manifest are removed, new or
 *     revised ones (another _rev) are read by id and re-indexed;
 *   - when a topic or country changed (their names are in every document, not in the text index),
 *     by reading the whole corpus again and re-indexing only the revised articles;
 *   - when more than `maxIncremental` articles changed, by building a new index and swapping it in.
 * Refreshes run one at a time, concurrent requests for the same key share one. A failed refresh
 * keeps serving the previous index (logged) and is retried after `retryAfterMs`.
 *
 * Indexes are SQLite files kept by a `SearchStorage` (./storage.ts): the first refresh after a
 * restart reopens the one the previous process left and updates it like any other version change.
 */

export interface SearchSource {
  manifest(): Promise<SearchManifest>
  corpus(): Promise<SearchDocument[]>
  documents(ids: string[]): Promise<SearchDocument[]>
}

export interface SearchStoreOptions {
  /** Where indexes live (default: in memory). */
  storage?: SearchStorage
  maxIncremental?: number
  retryAfterMs?: number
  log?: (message: string, error?: unknown) => void
}

export interface SearchStore {
  get(key: string): Promise<SearchIndex>
  /** Counts of what the refreshes did so far (for tests and logs). */
  readonly stats: { fullBuilds: number; resyncs: number; incrementalUpdates: number; documentsRead: number; restored: number }
}

/** The version key of a manifest. */
export function manifestHash(manifest: SearchManifest): string {
  return createHash('sha256').update(revisionsKey(manifest.articles)).update('\n--\n').update(revisionsKey(manifest.taxonomy)).digest('base64url').slice(0, 22)
}

function revisionsKey(revisions: SearchManifest['articles']): string {
  return revisions
    .map((r) => `${r._id} ${r._rev}`)
    .sort()
    .join('\n')
}

const revisionsOf = (docs: SearchDocument[]) => new Map(docs.map((doc) => [doc._id, doc._rev]))

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
  const stats = { fullBuilds: 0, resyncs: 0, incrementalUpdates: 0, documentsRead: 0, restored: 0 }
  let state: State | undefined
  let restoreTried = false
  let failure: { key: string; at: number } | undefined
  const pending = new Map<string, Promise<SearchIndex>>()
  let queue: Promise<unknown> = Promise.resolve()

  async function rebuild(key: string, taxonomy: string, given?: SearchDocument[]): Promise<SearchIndex> {
    const docs = given ?? (await source.corpus())
    const index = await SearchIndex.build(docs, undefined, storage.next())
    index.setMeta(COMPLETE_KEY, taxonomy)
    stats.fullBuilds++
    if (!given) stats.documentsRead += docs.length
    const previous = state?.index
    state = { key, index, revisions: revisionsOf(docs), taxonomy }
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
    if (!state) return rebuild(key, taxonomy)

    const visible = new Map(manifest.articles.map((r) => [r._id, r._rev]))
    const removed = [...state.revisions.keys()].filter((id) => !visible.has(id))
    const changed = [...visible].filter(([id, rev]) => state!.revisions.get(id) !== rev).map(([id]) => id)

    if (state.taxonomy !== taxonomy || changed.length > maxIncremental) {
      const docs = await source.corpus()
      stats.documentsRead += docs.length
      const current = state
      if (docs.filter((doc) => current.revisions.get(doc._id) !== doc._rev).length > maxIncremental) return rebuild(key, taxonomy, docs)
      current.index.sync(docs)
      current.index.setMeta(COMPLETE_KEY, taxonomy)
      Object.assign(current, { key, taxonomy, revisions: revisionsOf(docs) })
      stats.resyncs++
      return current.index
    }

    const docs = changed.length ? await source.documents(changed) : []
    // From here on synchronous: no request sees a half-updated index.
    const current = state
    const returned = new Set(docs.map((doc) => doc._id))
    // Changed ids that did not come back went invisible in between or failed validation: out of the index.
    const gone = [...removed, ...changed.filter((id) => !returned.has(id))]
    current.index.remove(gone)
    current.index.upsert(docs)
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
