// Next's cache handler with REDIS_URL (next.config.ts). Plain JavaScript: Next loads it by path,
// outside our TypeScript build; for the same reason it reads REDIS_URL itself (config/env.ts
// documents and validates it).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RedisStringsHandler } from '@trieb.work/nextjs-turbo-redis-cache'
import { instanceChannel } from './instance-channel.mjs'
import { NextCacheEntries } from './next-cache-entries.mjs'
import { staleWriteRefused, tagsExpired } from './render-start.mjs'
import { watchedRedis } from './redis-connection.mjs'

/**
 * Pages and data of every instance in one Redis: @trieb.work/nextjs-turbo-redis-cache stores them
 * (entries, tags shared across instances, batched tag invalidation). Around it:
 *
 * - **Copies in memory.** Reading a page from Redis costs more than serving it: the entry is about
 *   three times the page (RSC payload and segments in base64), and the library copies, parses and,
 *   for a debug line it then drops, stringifies it again on every read (11–20 ms of CPU per
 *   article page here, against 5–7 ms for all the rest of Next's handling of a hit). So each
 *   instance serves the entries it has read or written from memory (./next-cache-entries.mjs)
 *   for as long as it hears, over Redis pub/sub (./instance-channel.mjs), every key another
 *   instance writes and every tag one expires; it forgets the copies that concern it at once, and
 *   trusts none it could have missed a message about. The library's own
 *   in-memory layer is off: it keeps a read for 10 s with no word of another instance's write.
 * - **No 5xx when Redis is down, and what the instance has.** Reads are answered from those
 *   copies (else a miss: the page renders from the content backend), writes go nowhere, and
 *   nothing waits for a timeout.
 * - **One line in the log.** The library logs every failed attempt and request; those lines are
 *   dropped, and ./redis-connection.mjs says once that Redis is down and once that it is back.
 * - **Nothing written by a render begun before a tag expiry**, here or heard from another
 *   instance (./render-start.mjs): it could lack what the expiry was for.
 * - **Catching up.** Tags expired during the outage (a publish) drop this process's copies at once,
 *   and are expired in Redis when it returns, so no instance serves what was replaced meanwhile.
 */

/** Copies kept per process: a few hundred article pages, the hot part of a news site. */
const MAX_BYTES = 128 * 1024 * 1024
const INVALIDATIONS = 'baspa:next-cache:invalidate'
/** A list of strings, as a message from another instance must carry its keys and tags. */
const strings = (list) => Array.isArray(list) && list.every((item) => typeof item === 'string')

let shared
let keyPrefix

/**
 * Keys start with the build id (`<distDir>/BUILD_ID`, beside the `server` directory Next names):
 * instances of one build share entries, and a new build never serves an old one's pages, whose
 * HTML names scripts it no longer has.
 */
function buildKeyPrefix(serverDistDir) {
  try {
    return `${readFileSync(join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim()}:`
  } catch {
    return 'baspa:'
  }
}

function state() {
  if (shared) return shared
  const entries = new NextCacheEntries({ maxBytes: MAX_BYTES })
  const pendingTags = new Set()
  const s = { handler: undefined, entries, pendingTags, redis: undefined, bus: undefined, reads: new Map() }
  s.redis = watchedRedis(process.env.REDIS_URL, "Next's page and data cache", {
    onUp() {
      // The library connects on construction: it is made once Redis answers, so it has nothing to complain about.
      s.handler ??= new RedisStringsHandler({ redisUrl: process.env.REDIS_URL, keyPrefix, redisGetDeduplication: false })
      if (pendingTags.size > 0) {
        const tags = [...pendingTags]
        pendingTags.clear()
        s.handler.revalidateTag(tags).then(
          () => s.bus.publish({ tags }),
          () => tags.forEach((tag) => pendingTags.add(tag)),
        )
      }
    },
  })
  // What one instance changed in Next's shared cache: the keys it wrote and the tags it expired.
  s.bus = instanceChannel(process.env.REDIS_URL, INVALIDATIONS, s.redis, {
    role: "Next's cache invalidations",
    onMessage({ keys, tags }) {
      if (strings(keys)) entries.dropKeys(keys)
      if (strings(tags)) {
        entries.dropTags(tags)
        tagsExpired()
      }
    },
    onGap() {
      entries.distrust()
      // An expiry may have been missed meanwhile.
      tagsExpired()
    },
  })
  quietLibrary()
  shared = s
  return s
}

/**
 * The library's own error lines, which repeat for every attempt and request while Redis is away:
 * dropped, since ./redis-connection.mjs reports the state of the connection once per change (its
 * first lines can come before that watcher has noticed).
 */
const LIBRARY_NOISE = /^(Subscriber client error|Redis client error|Redis command error|RedisStringsHandler\.|Failed to connect|Error during|Failed to setup)/
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

/**
 * One read from Redis per key at a time: concurrent misses (a burst after a publish) share it,
 * unless an invalidation came after it began.
 */
function readShared(s, key, ctx) {
  const since = s.entries.mark(s.bus.hearing())
  const pending = s.reads.get(key)
  if (pending && pending.since.generation === since.generation) return pending.read
  const read = s.handler.get(key, ctx).then((entry) => {
    if (!entry) {
      // The library also answers null when Redis failed under it: what this process has is better then.
      if (!usable(s) || !s.handler.client.isReady) return s.entries.any(key) ?? null
      s.entries.forget(key)
      return null
    }
    s.entries.keep(key, entry, since)
    return entry
  })
  const finished = () => {
    if (s.reads.get(key)?.read === read) s.reads.delete(key)
  }
  read.then(finished, finished)
  s.reads.set(key, { since, read })
  return read
}

export default class SharedCacheHandler {
  /** Next makes one per request; the state above is the process's. */
  constructor(options) {
    keyPrefix ??= buildKeyPrefix(options?.serverDistDir)
  }

  async get(key, ctx) {
    const s = state()
    if (s.bus.hearing()) {
      const copy = s.entries.fresh(key)
      if (copy) return copy
    }
    if (!usable(s)) return s.entries.any(key) ?? null
    try {
      return await readShared(s, key, ctx)
    } catch {
      return s.entries.any(key) ?? null
    }
  }

  async set(key, data, ctx) {
    // What a render begun before a tag expiry wrote may lack the change (./render-start.mjs).
    if (staleWriteRefused()) return
    const s = state()
    s.entries.dropKeys([key])
    if (data) s.entries.keep(key, { value: data, lastModified: Date.now(), tags: ctx?.tags }, s.entries.mark(s.bus.hearing()))
    if (!usable(s)) return
    await s.handler.set(key, data, ctx).catch(() => undefined)
    // After Redis has the new entry: the others forget theirs and read this one.
    await s.bus.publish({ keys: [key] })
  }

  async revalidateTag(tagOrTags, ...rest) {
    const s = state()
    const tags = [tagOrTags].flat()
    s.entries.dropTags(tags)
    tagsExpired()
    if (!usable(s)) {
      for (const tag of tags) s.pendingTags.add(tag)
      return
    }
    try {
      await s.handler.revalidateTag(tagOrTags, ...rest)
    } catch {
      tags.forEach((tag) => s.pendingTags.add(tag))
      return
    }
    // After the library has removed the entries from Redis: the others forget their copies and
    // read again, which finds them gone.
    await s.bus.publish({ tags })
  }

  resetRequestCache() {
    shared?.handler?.resetRequestCache()
  }
}
