// Plain JavaScript: Next.js loads the cache handler that uses this by path, outside our TypeScript build.
import { randomUUID } from 'node:crypto'
import { watchedRedis } from './redis-connection.mjs'

/**
 * A Redis pub/sub channel between the site's instances: a message published by one reaches every
 * other one (an instance does not hear its own). `hearing()` is true while the subscription is in
 * place; `onGap` runs whenever messages may have been missed (the subscription dropped, or came
 * back: node-redis subscribes again by itself after a reconnection), so that whatever a listener
 * keeps on the strength of the messages can be dropped or distrusted.
 *
 * Publishing goes over a connection the caller has anyway (`publisher`, which says when Redis goes
 * and comes back); listening takes a connection of its own, which stays quiet.
 *
 * @param {string} url
 * @param {string} channel
 * @param {{ client: import('redis').RedisClientType, up(): boolean }} publisher
 * @param {{ role: string, onMessage(message: Record<string, unknown>): void, onGap(): void }} listener
 */
export function instanceChannel(url, channel, publisher, { role, onMessage, onGap }) {
  const self = randomUUID()
  let subscribed = false
  const subscriber = watchedRedis(url, role, {
    quiet: true,
    onUp() {
      onGap()
      if (subscribed) return
      void subscriber.client
        .subscribe(channel, (text) => {
          const message = parse(text)
          if (message && message.from !== self) onMessage(message)
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
    /**
     * Resolves once Redis has taken the message, or at once when Redis is away: the others then
     * hear of a gap when it returns.
     * @param {Record<string, unknown>} message
     */
    publish(message) {
      if (!publisher.up()) return Promise.resolve()
      return publisher.client.publish(channel, JSON.stringify({ ...message, from: self })).then(
        () => undefined,
        () => undefined,
      )
    },
  }
}

function parse(text) {
  try {
    const message = JSON.parse(text)
    return message && typeof message === 'object' && !Array.isArray(message) ? message : undefined
  } catch {
    return undefined
  }
}
