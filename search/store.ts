import { setImmediate } from 'node:timers/promises'
import type { Revision, SearchChanges, SearchDocument, SearchManifest, SearchVersion } from '@/sanity/models'
import { revisionsKey, versionKey } from '@/sanity/search-manifest'
import { canWriteOffThread, indexWriter, type IndexWriter } from './index-writer'
import { SearchIndex } from './search-index'
import { COMPLETE_KEY, WATERMARK_KEY, memoryStorage, type SearchStorage } from './storage'

/**
 * Keeps one SearchIndex in step with the published content, without re-reading it on every request.
 *
 * The caller passes a *version key* with each request: a hash of the number of visible articles,
 * their latest `_updatedAt` and `publishedAt`, and the revisions of the topics and countries
 * (sanity/queries.ts SEARCH_VERSION_QUERY), which the site caches under the `search` and `taxonomy`
 * tags. The lake answers it from its indexes in milliseconds. While the key is the same, the index
 * is returned as is. A new key makes the store bring the index up to date:
 *   - usually from the *changes*: the visible articles written last and published last, from the
 *     same snapshot as a version. The index remembers the version it is up to date with (its
 *     *watermark*). Every article that entered the visible set or changed since was written after
 *     the watermark (a write stamps `_updatedAt` with the time of the write) or became visible when
 *     its embargo passed (its `publishedAt` lies after the watermark's now(), so after its latest
 *     `publishedAt`): those with `_updatedAt` or `publishedAt` at or after the watermark's are the
 *     candidates, the ones of another revision are read by id and re-indexed. What left the set
 *     shows in the count: the articles indexed plus those new among the candidates must be the
 *     articles visible now;
 *   - else from the *manifest* (every visible article's id and revision, 6 MB at 100 000 articles,
 *     compared a slice at a time), when the changes cannot tell: the first time, when the count
 *     disagrees (an unpublish or a delete), when more articles changed than the changes list, when
 *     a topic or country changed, or when its last read is older than `reconcileMs`.
 *     Then:
 *     - the first time, by building it from every visible article, read by id in batches of
 *       READ_BATCH (bounded memory; the server keeps serving between batches);
 *     - when a topic or country changed (their names are in every document, not in the text
 *       index), by reading every article again and re-indexing only the revised ones;
 *     - when more than `maxIncremental` articles changed, by building a new index and swapping it in;
 *     - else incrementally: articles gone from the manifest are removed, new or revised ones are read
 *       by id and re-indexed.
 * Refreshes run one at a time, concurrent requests for the same key share one. A failed refresh
 * keeps serving the previous index (logged) and is retried after `retryAfterMs`.
 *
 * The version and the changes rest on every write stamping `_updatedAt` with its time, as Sanity and the lake's mutations
 * do. A write that keeps older timestamps (an import that keeps the system fields, a backup
 * restored) is seen when it changes the count or moves the latest time back; otherwise the version
 * does not change, and it is picked up by the manifest, which a search reads in the background once
 * `reconcileMs` (an hour) has passed since its last read.
 *
 * Indexes are SQLite files kept by a `SearchStorage` (./storage.ts): the first refresh after a
 * restart reopens the one the previous process left and updates it from its watermark like any
 * other version change.
 *
 * Writes to an index file that are more than a few articles (a build, a resync, a larger update)
 * run in a worker thread (./index-writer.ts): this thread only reads from the backend and passes
 * the articles on, so requests never wait behind the analysis and inserts. Indexes in memory
 * (tests) are written here.
 */

export interface SearchSource {
  /** The version, and the `limit` visible articles written last and published last (SEARCH_CHANGES_QUERY). */
  changes(limit: number): Promise<SearchChanges>
  /** Every visible article's id and revision, with the version of the same snapshot. */
  manifest(): Promise<SearchManifest>
  /** The search documents of these ids that are visible (others are left out). */
  documents(ids: string[]): Promise<SearchDocument[]>
}

/** Articles read per query while (re)building: a few MB of text at a time. */
export const READ_BATCH = 500
/** Changes read first: a few kB; more than this many changes read up to maxIncremental + 1. */
const CHANGES_WINDOW = 64
/** Manifest entries compared between yields to the event loop (a few milliseconds). */
const DIFF_SLICE = 10_000
/** An update of more articles than this is written off the main thread (each takes about a millisecond). */
const INLINE_UPDATE = 20

export interface SearchStoreOptions {
  /** Where indexes live (default: in memory). */
  storage?: SearchStorage
  maxIncremental?: number
  retryAfterMs?: number
  /**
   * The manifest is read again, by a search in the background (or by a version change), when its
   * last read is older than this (default an hour): what the version and the changes cannot see (a
   * write that keeps older timestamps) is followed within it.
   */
  reconcileMs?: number
  /** Write index files from a worker thread (default: when its source is there, ./index-writer.ts). */
  offThread?: boolean
  log?: (message: string, error?: unknown) => void
}

export interface SearchStore {
  get(key: string): Promise<SearchIndex>
  /** Counts of what the refreshes did so far (for tests and logs). */
  readonly stats: {
    fullBuilds: number
    resyncs: number
    incrementalUpdates: number
    documentsRead: number
    restored: number
    offThreadWrites: number
    /** Reads of every visible article's revision, and of the changes only. */
    manifestReads: number
    changesReads: number
  }
}

/** The version an index is up to date with: it holds every change written or published before. */
interface Watermark {
  articles: number
  updated: string | null
  published: string | null
}

interface State {
  /** The version key of the snapshot the index holds. */
  key: string
  index: SearchIndex
  /** Article id → the revision indexed. */
  revisions: Map<string, string>
  taxonomy: string
  /** Undefined: not known (an index of an earlier version of this code); the manifest is read. */
  watermark?: Watermark
}

const watermarkOf = ({ articles, updated, published }: SearchVersion): Watermark => ({ articles, updated, published })

function parseWatermark(value: string | undefined): Watermark | undefined {
  if (!value) return undefined
  try {
    const parsed = JSON.parse(value) as Partial<Watermark>
    const stamp = (v: unknown) => typeof v === 'string' || v === null
    return typeof parsed.articles === 'number' && stamp(parsed.updated) && stamp(parsed.published) ? (parsed as Watermark) : undefined
  } catch {
    return undefined
  }
}

/** At or after the watermark's time; a value that is not a timestamp, or no watermark time, cannot be ruled out. */
const since = (value: string | null, mark: string | null) => mark === null || value === null || value >= mark

const before = (value: string | null, mark: string | null) => mark !== null && (value === null || value < mark)

export function createSearchStore(source: SearchSource, options: SearchStoreOptions = {}): SearchStore {
  const maxIncremental = options.maxIncremental ?? 500
  const retryAfterMs = options.retryAfterMs ?? 5_000
  const reconcileMs = options.reconcileMs ?? 3_600_000
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[search] ${message}`, error ?? ''))
  const storage = options.storage ?? memoryStorage()
  const offThread = options.offThread ?? canWriteOffThread()
  const stats = { fullBuilds: 0, resyncs: 0, incrementalUpdates: 0, documentsRead: 0, restored: 0, offThreadWrites: 0, manifestReads: 0, changesReads: 0 }
  let state: State | undefined
  let restoreTried = false
  /** When the manifest was last read (a restored index: when it was opened). */
  let reconciledAt = 0
  let failure: { key: string; at: number } | undefined
  const pending = new Map<string, Promise<SearchIndex>>()
  let queue: Promise<unknown> = Promise.resolve()

  /** Every visible article of the manifest, read in batches; `each` gets a batch and may take its time. */
  async function readAll(manifest: SearchManifest, each: (docs: SearchDocument[]) => Promise<void> | void): Promise<Map<string, string>> {
    const read = new Map<string, string>()
    const ids = manifest.revisions.map((r) => r._id)
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

  /** The index holds `version` (written after what it describes, so that a crash leaves an older watermark, never a newer one). */
  function settle(current: State, version: SearchVersion) {
    current.key = versionKey(version)
    current.watermark = watermarkOf(version)
    current.index.setMeta(WATERMARK_KEY, JSON.stringify(current.watermark))
  }

  async function rebuild(manifest: SearchManifest, taxonomy: string): Promise<SearchIndex> {
    const { index, revisions } = await build(manifest, taxonomy)
    stats.fullBuilds++
    const previous = state?.index
    state = { key: '', index, revisions, taxonomy }
    settle(state, manifest)
    if (previous) storage.retire(previous)
    return index
  }

  /** The index an earlier process left (./storage.ts), at the version it was left at. */
  async function restore() {
    restoreTried = true
    const index = storage.restore()
    if (!index) return
    const revisions = await index.revisionsInSlices()
    state = { key: '', index, revisions, taxonomy: index.meta(COMPLETE_KEY) ?? '', watermark: parseWatermark(index.meta(WATERMARK_KEY)) }
    reconciledAt = Date.now()
    stats.restored++
  }

  /**
   * What changed since the watermark, when the changes can tell: the articles of another revision
   * (new ones included). Undefined: read the manifest (see the store's comment).
   */
  async function changedSince(current: State & { watermark: Watermark }): Promise<{ version: SearchChanges; changed: string[] } | undefined> {
    const { watermark } = current
    for (const limit of [...new Set([Math.min(CHANGES_WINDOW, maxIncremental + 1), maxIncremental + 1])]) {
      const version = await source.changes(limit)
      stats.changesReads++
      if (revisionsKey(version.taxonomy) !== current.taxonomy) return undefined
      // A latest time earlier than the watermark's: written back with older timestamps (a backup restored), not by the clock.
      if (before(version.updated, watermark.updated) || before(version.published, watermark.published)) return undefined
      const updated = version.recentlyUpdated.filter((r) => since(r._updatedAt, watermark.updated))
      const published = version.recentlyPublished.filter((r) => since(r.publishedAt, watermark.published))
      // A full list whose last entry is still a candidate may have left candidates out: a longer one, or the manifest.
      const cut = (list: unknown[], candidates: unknown[]) => list.length >= limit && candidates.length === list.length
      if (cut(version.recentlyUpdated, updated) || cut(version.recentlyPublished, published)) continue
      const candidates = new Map<string, string>([...updated, ...published].map((r: Revision) => [r._id, r._rev]))
      const changed = [...candidates].filter(([id, rev]) => current.revisions.get(id) !== rev).map(([id]) => id)
      const added = changed.filter((id) => !current.revisions.has(id)).length
      // Something left the visible set (or entered it unseen): only the manifest says what.
      if (current.revisions.size + added !== version.articles) return undefined
      return { version, changed }
    }
    return undefined
  }

  /** Reads `changed` by id and brings the index up to date with them and with `removed`. */
  async function applyChanges(current: State, removed: string[], changed: string[]): Promise<void> {
    const docs = changed.length ? await source.documents(changed) : []
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
    } else if (gone.length || docs.length) current.index.update(gone, docs)
    for (const id of gone) current.revisions.delete(id)
    for (const doc of docs) current.revisions.set(doc._id, doc._rev)
    stats.incrementalUpdates++
    stats.documentsRead += docs.length
  }

  /** Removed and changed articles of the manifest against the index, compared a slice at a time. */
  async function diff(current: State, manifest: SearchManifest): Promise<{ removed: string[]; changed: string[] }> {
    const visible = new Set<string>()
    const changed: string[] = []
    for (let at = 0; at < manifest.revisions.length; at += DIFF_SLICE) {
      if (at > 0) await setImmediate()
      for (const { _id, _rev } of manifest.revisions.slice(at, at + DIFF_SLICE)) {
        visible.add(_id)
        if (current.revisions.get(_id) !== _rev) changed.push(_id)
      }
    }
    await setImmediate()
    const removed = [...current.revisions.keys()].filter((id) => !visible.has(id))
    return { removed, changed }
  }

  /** Brings the index to the version `key`; `reconcile`: from the manifest, whatever the version. */
  async function refresh(key: string, reconcile: boolean): Promise<SearchIndex> {
    if (state?.key === key && !reconcile) return state.index
    if (!state && !restoreTried) await restore()
    if (state?.watermark && !reconcile && Date.now() - reconciledAt < reconcileMs) {
      const current = state as State & { watermark: Watermark }
      const found = await changedSince(current)
      if (found) {
        await applyChanges(current, [], found.changed)
        settle(current, found.version)
        return current.index
      }
    }
    // Set first: a failing read is retried at the next reconcile, not on every request.
    reconciledAt = Date.now()
    const manifest = await source.manifest()
    stats.manifestReads++
    const taxonomy = revisionsKey(manifest.taxonomy)
    if (!state) return rebuild(manifest, taxonomy)

    const { removed, changed } = await diff(state, manifest)
    if (changed.length > maxIncremental) return rebuild(manifest, taxonomy)
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
      Object.assign(current, { taxonomy, revisions: read })
      settle(current, manifest)
      stats.resyncs++
      return current.index
    }

    const current = state
    await applyChanges(current, removed, changed)
    settle(current, manifest)
    return current.index
  }

  /** One refresh at a time; requests for the same key share one. */
  function enqueue(key: string, reconcile: boolean): Promise<SearchIndex> {
    const run = queue
      .then(() => refresh(key, reconcile))
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
  }

  return {
    stats,
    get(key) {
      if (state?.key === key) {
        // What the version cannot see (see reconcileMs) is read from the manifest now and then, in the background.
        if (Date.now() - reconciledAt >= reconcileMs && !pending.has(key)) void enqueue(key, true)
        return Promise.resolve(state.index)
      }
      if (state && failure?.key === key && Date.now() - failure.at < retryAfterMs) return Promise.resolve(state.index)
      return pending.get(key) ?? enqueue(key, false)
    },
  }
}
