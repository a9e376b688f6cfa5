// Next's cache handler without REDIS_URL (next.config.ts). Plain JavaScript: Next loads it by path.
import fileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js'
import { staleWriteRefused, tagsExpired } from './render-start.mjs'

const FileSystemCache = fileSystemCache.default ?? fileSystemCache

/** Next refuses data entries over 2 MB with its own handler, and no longer with any other: kept. */
const MAX_FETCH_BYTES = 2 * 1024 * 1024

/**
 * Next's own handler (pages and data in memory and in `.next/cache`), which keeps nothing a render
 * begun before a tag expiry writes (./render-start.mjs says why).
 */
export default class LocalCacheHandler extends FileSystemCache {
  async set(key, data, ctx) {
    if (staleWriteRefused()) return
    if (ctx?.fetchCache && typeof data?.data?.body === 'string' && data.data.body.length > MAX_FETCH_BYTES) return
    return super.set(key, data, ctx)
  }

  async revalidateTag(tags, durations) {
    tagsExpired()
    // Next counts an entry expired when its tag expired after the entry was written, in whole
    // milliseconds: an entry written earlier in the same millisecond, by a render that read the
    // lake before the publish, stayed fresh until the page's 60 s ceiling. The expiry now takes
    // effect one millisecond later, after every write that preceded it.
    return super.revalidateTag(tags, { ...durations, expire: (durations?.expire ?? 0) + 0.001 })
  }
}
