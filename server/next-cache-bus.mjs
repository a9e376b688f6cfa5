// Plain JavaScript: Next.js loads the cache handler that uses this by path, outside our TypeScript build.
import { randomUUID } from 'node:crypto'
import { watchedRedis } from './redis-connection.mjs'

const CHANNEL = 'baspa:next-cache:invalidate'

/**
 * What one instance changed in Next's shared cache, told to the others over Redis pub/sub, so that
 * each can keep copies of entries in memory (./next-cache-entries.mjs): the keys it wrote and the
 * tags it expired. An instance does not hear its own messages. `hearing()` is true while the
 * subscription is in place; `onGap` runs whenever messages may have been missed (the subscription
 * dropped, or came back: node-redis subscribes again by itself after a reconnection).
 *
 * Publishing goes over the cache handler's own connection (`publisher`, which says when Redis goes
 * and comes back); listening takes a connection of its own, which stays quiet.
 *
 * @param {string} url
 * @param {{ client: import('redis').RedisClientType, up(): boolean }} publisher
 * @param {{ onMessage(change: { keys?: string[], tags?: string[] }): void, onGap(): void }} events
 */
export function nextCacheBus(url, publisher, { onMessage, onGap }) {
  const self = randomUUID()
  let subscribed = false
  const subscriber = watchedRedis(url, "Next's cache invalidations", {
    quiet: true,
    onUp() {
      onGap()
      if (subscribed) return
      void subscriber.client
        .subscribe(CHANNEL, (message) => {
          const change = parse(message)
          if (change && change.from !== self) onMessage(change)
        })
        .then(() => {
          // Messages published before this point were not heard.
          onGap()
          subscribed = true
        })
        .catch(() => undefined)
    },
    onDown: onGap,
  })
  return {
    hearing: () => subscribed && subscriber.up(),
    /** Resolves once Redis has taken the message (or at once when it is away: the others will distrust their copies). */
    publish(change) {
      if (!publisher.up()) return Promise.resolve()
      return publisher.client.publish(CHANNEL, JSON.stringify({ from: self, ...change })).then(
        () => undefined,
        () => undefined,
      )
    },
  }
}

function parse(message) {
  try {
    const change = JSON.parse(message)
    const strings = (list) => list === undefined || (Array.isArray(list) && list.every((item) => typeof item === 'string'))
    return change && typeof change === 'object' && strings(change.keys) && strings(change.tags) ? change : undefined
  } catch {
    return undefined
  }
}
