// Next's cache handler with REDIS_URL (next.config.ts). Plain JavaScript: Next loads it by path,
// outside our TypeScript build; for the same reason it reads REDIS_URL itself (config/env.ts
// documents and validates it).
import { RedisStringsHandler } from '@trieb.work/nextjs-turbo-redis-cache'
import { watchedRedis } from './redis-connection.mjs'

/**
 * Pages and data of every instance in one Redis: @trieb.work/nextjs-turbo-redis-cache does the
 * work (entries, tags shared across instances, batched tag invalidation). Around it, what a
 * newsroom needs when Redis goes away:
 *
 * - **No 5xx, and what the instance has.** While Redis is unavailable, reads are answered from the
 *   last KEPT entries this process read or wrote (else a miss: the page renders from the content
 *   backend), writes go nowhere, and nothing waits for a timeout.
 * - **One line in the log.** The library logs every failed attempt and request; those lines are
 *   dropped, and ./redis-connection.mjs says once that Redis is down and once that it is back.
 * - **Catching up.** Tags expired during the outage (a publish) drop this process's kept entries at
 *   once, and are expired in Redis when it returns, so no instance serves what was replaced meanwhile.
 */
const KEPT = 1_000

let shared

function state() {
  if (shared) return shared
  const kept = new Map()
  const pendingTags = new Set()
  const s = { handler: undefined, kept, pendingTags, redis: undefined }
  s.redis = watchedRedis(process.env.REDIS_URL, "Next's page and data cache", {
    onUp() {
      // The library connects on construction: it is made once Redis answers, so it has nothing to complain about.
      s.handler ??= new RedisStringsHandler({ redisUrl: process.env.REDIS_URL })
      if (pendingTags.size > 0) {
        const tags = [...pendingTags]
        pendingTags.clear()
        s.handler.revalidateTag(tags).catch(() => tags.forEach((tag) => pendingTags.add(tag)))
      }
    },
  })
  quietLibrary()
  shared = s
  return s
}

/** The cache tags of an entry: data entries carry them, pages in Next's `x-next-cache-tags` header. */
function tagsOf(entry) {
  const header = entry?.value?.headers?.['x-next-cache-tags']
  return entry?.tags ?? (typeof header === 'string' ? header.split(',') : [])
}

function keep(kept, key, entry) {
  kept.delete(key)
  kept.set(key, entry)
  if (kept.size > KEPT) kept.delete(kept.keys().next().value)
}

/**
 * The library's own error lines, which repeat for every attempt and request while Redis is away:
 * dropped, since ./redis-connection.mjs reports the state of the connection once per change (its
 * first lines can come before that watcher has noticed).
 */
const LIBRARY_NOISE = /^(Subscriber client error|Redis client error|RedisStringsHandler\.|Failed to connect|Error during|Failed to setup)/
let quieted = false
function quietLibrary() {
  if (quieted) return
  quieted = true
  const original = console.error.bind(console)
  console.error = (...args) => {
    if (typeof args[0] === 'string' && LIBRARY_NOISE.test(args[0])) return
    original(...args)
  }
}

const usable = (s) => s.handler && s.redis.up()

export default class SharedCacheHandler {
  async get(key, ctx) {
    const s = state()
    if (!usable(s)) return s.kept.get(key) ?? null
    try {
      const entry = await s.handler.get(key, ctx)
      if (entry) keep(s.kept, key, entry)
      else s.kept.delete(key)
      return entry
    } catch {
      return s.kept.get(key) ?? null
    }
  }

  async set(key, data, ctx) {
    const s = state()
    keep(s.kept, key, { value: data, lastModified: Date.now(), tags: ctx?.tags ?? tagsOf({ value: data }) })
    if (!usable(s)) return
    await s.handler.set(key, data, ctx).catch(() => undefined)
  }

  async revalidateTag(tagOrTags, ...rest) {
    const s = state()
    const tags = [tagOrTags].flat()
    for (const [key, entry] of s.kept) if (tagsOf(entry).some((tag) => tags.includes(tag))) s.kept.delete(key)
    if (!usable(s)) {
      for (const tag of tags) s.pendingTags.add(tag)
      return
    }
    await s.handler.revalidateTag(tagOrTags, ...rest).catch(() => tags.forEach((tag) => s.pendingTags.add(tag)))
  }

  resetRequestCache() {
    shared?.handler?.resetRequestCache()
  }
}
