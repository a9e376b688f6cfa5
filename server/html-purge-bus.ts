import { randomUUID } from 'node:crypto'
import { watchedRedis } from './redis-connection.mjs'

const CHANNEL = 'baspa:html-cache:purge'

/**
 * The HTML caches of all instances purge together: the instance that received the revalidation
 * webhook purges its own and publishes on Redis, every other instance purges on the message. While
 * Redis is down a purge stays local (the other instances' pages age out within the cache's TTL).
 */
export function htmlPurgeBus(redisUrl: string, purgeLocal: () => void): { publish(): void } {
  const self = randomUUID()
  const publisher = watchedRedis(redisUrl, 'HTML cache purges (publishing)')
  let subscribed = false
  const subscriber = watchedRedis(redisUrl, 'HTML cache purges (listening)', {
    // node-redis subscribes again by itself after a reconnection: once is enough.
    onUp() {
      if (subscribed) return
      subscribed = true
      void subscriber.client.subscribe(CHANNEL, (message) => {
        if (message !== self) purgeLocal()
      })
    },
  })
  return {
    publish() {
      if (publisher.up()) void publisher.client.publish(CHANNEL, self).catch(() => undefined)
    },
  }
}
