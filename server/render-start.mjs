// Plain JavaScript: the cache handlers Next loads by path import it, as does server/main.ts.
import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Next stamps a cache entry (a page, a data fetch) with the moment it is written, and serves it as
 * fresh while no tag of it expired after that moment. A render that read the lake before a publish
 * and is written after the publish's webhook expired its tags is therefore stamped fresh, although
 * it lacks the publish: Next would serve it until the page's time-based ceiling (60 s). This
 * happens whenever a publish lands while its page renders, as in a burst of breaking news, or when
 * a reader's request arrives just before the webhook.
 *
 * So each request remembers how many expiries this process had seen when it began (Next's work for
 * a request, its background revalidation included, runs in the request's async context), and the
 * cache handlers keep nothing a request writes after an expiry it began before: the next request
 * renders again, from the lake as it is now. Any expiry counts, not only the entry's tags: a
 * publish is rare next to reads, and a refused write only costs one more render.
 *
 * A refused write is announced (onStaleWriteRefused): Next hands one render to every request for
 * the same page that arrives while it runs, so requests that began after the expiry may still be
 * answered with what that render read. The HTML cache (server/fast-path.ts) keeps none of the
 * answers in flight when it hears of one.
 *
 * The state lives on globalThis: Next imports the cache handler by path, and the same module
 * may be evaluated once for it and once for the server.
 */
const shared = (globalThis[Symbol.for('baspa.render-start')] ??= { expiries: 0, requests: new AsyncLocalStorage(), onRefusal: new Set() })

/** Runs `handle` as a request whose cache writes are refused after an expiry it began before. */
export function asRequest(handle) {
  return shared.requests.run({ expiries: shared.expiries }, handle)
}

/** Cache tags expired here or, heard through Redis, on another instance. */
export function tagsExpired() {
  shared.expiries++
}

/** True when the work writing now began before the last expiry, so the write must be refused: what it read may be gone. */
export function staleWriteRefused() {
  const request = shared.requests.getStore()
  const stale = request !== undefined && request.expiries !== shared.expiries
  if (stale) for (const listener of shared.onRefusal) listener()
  return stale
}

/** Calls `listener` at every write refused as stale. */
export function onStaleWriteRefused(listener) {
  shared.onRefusal.add(listener)
}
