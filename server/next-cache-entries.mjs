// Plain JavaScript: Next.js loads the cache handler that uses this by path, outside our TypeScript build.

/**
 * This process's copies of entries of Next's shared cache (./shared-cache-handler.mjs), least
 * recently used dropped beyond `maxBytes`. A copy is served in place of Redis's only while it is
 * *fresh*: read or written while this process was hearing every invalidation the instances publish
 * (`distrust()` ends that when the subscription drops or comes back, since messages may have been
 * missed meanwhile). Any copy, fresh or not, remains the answer of last resort while Redis is down.
 *
 * `generation` moves on every invalidation: a read from Redis begun before one may carry what it
 * dropped, so `keep` refuses it (the same rule as the HTML cache's, server/html-cache.ts).
 *
 * A copy is handed to Next as it is, the same object on every hit, without cloning: Next's own
 * default handler does the same with its in-memory LRU (FileSystemCache's memoryCache), so Next's
 * hit path does not modify entries.
 *
 * No I/O, so unit tests pin every rule.
 */
export class NextCacheEntries {
  /** @param {{ maxBytes: number }} options */
  constructor({ maxBytes }) {
    this.maxBytes = maxBytes
    /** @type {Map<string, { entry: object, tags: string[], bytes: number, epoch: number }>} */
    this.records = new Map()
    this.bytes = 0
    this.generation = 0
    this.epoch = 0
  }

  /** The copy of `key` if it may be served without asking Redis. */
  fresh(key) {
    const record = this.records.get(key)
    if (!record || record.epoch !== this.epoch) return undefined
    // Map order is the LRU order: a hit moves the record to the back.
    this.records.delete(key)
    this.records.set(key, record)
    return record.entry
  }

  /** Whatever copy of `key` this process has: what it serves while Redis is down. */
  any(key) {
    return this.records.get(key)?.entry
  }

  /**
   * Keeps `entry` unless an invalidation happened since `since` (a `mark()` taken before it was
   * read); it counts as fresh only if the mark was trusted and no `distrust()` happened since.
   * @param {string} key
   * @param {{ value?: unknown, tags?: string[] }} entry
   * @param {{ generation: number, epoch: number }} since
   */
  keep(key, entry, since) {
    if (since.generation !== this.generation) return false
    this.forget(key)
    const bytes = approximateBytes(entry.value)
    if (bytes > this.maxBytes / 4) return false
    this.records.set(key, { entry, tags: tagsOf(entry), bytes, epoch: since.epoch })
    this.bytes += bytes
    for (const [oldKey] of this.records) {
      if (this.bytes <= this.maxBytes) break
      this.forget(oldKey)
    }
    return true
  }

  /**
   * The moment before a read or a write: what `keep` compares with. `trusted`: this process hears
   * every invalidation now; otherwise what is kept serves only while Redis is down.
   */
  mark(trusted = true) {
    return { generation: this.generation, epoch: trusted ? this.epoch : -1 }
  }

  forget(key) {
    const record = this.records.get(key)
    if (!record) return
    this.records.delete(key)
    this.bytes -= record.bytes
  }

  /** Another entry was written for these keys, here or on another instance. */
  dropKeys(keys) {
    this.generation++
    for (const key of keys) this.forget(key)
  }

  /**
   * These tags were expired. Next's implicit tags (`_N_T_<path>`, revalidatePath) also expire data
   * entries that do not list them (Next passes them as soft tags on reads): everything goes then.
   */
  dropTags(tags) {
    this.generation++
    const expired = new Set(tags)
    const all = tags.some((tag) => tag.startsWith('_N_T_'))
    for (const [key, record] of this.records) if (all || record.tags.some((tag) => expired.has(tag))) this.forget(key)
  }

  /** Invalidations may have been missed: no copy is served as fresh until read again. */
  distrust() {
    this.generation++
    this.epoch++
  }

  get size() {
    return { entries: this.records.size, bytes: this.bytes }
  }
}

/** The cache tags of an entry: data entries carry them, pages in Next's `x-next-cache-tags` header. */
export function tagsOf(entry) {
  const header = entry?.value?.headers?.['x-next-cache-tags']
  const fromHeader = typeof header === 'string' ? header.split(',') : []
  return [...new Set([...(entry?.tags ?? []), ...fromHeader])]
}

/**
 * Roughly what an entry holds in memory: its strings (two bytes a character, as V8 keeps any
 * string with a non-Latin-1 character, which Russian and Kazakh pages all have) and its buffers
 * (a page's RSC payload and segments).
 */
function approximateBytes(value, depth = 0) {
  if (typeof value === 'string') return 2 * value.length
  if (value === null || typeof value !== 'object' || depth > 8) return 8
  if (ArrayBuffer.isView(value)) return value.byteLength
  let bytes = 64
  const children = value instanceof Map ? value.values() : Array.isArray(value) ? value : Object.values(value)
  for (const child of children) bytes += approximateBytes(child, depth + 1)
  return bytes
}
