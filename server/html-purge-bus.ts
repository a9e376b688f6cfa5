import { instanceChannel } from './instance-channel.mjs'
import { watchedRedis } from './redis-connection.mjs'

const CHANNEL = 'baspa:html-cache:purge'

/**
 * The HTML caches of all instances purge together: the instance that received the revalidation
 * webhook purges its own and publishes on Redis, every other instance purges on the message, and
 * also whenever it may have missed one (its subscription dropped or came back). While Redis is down
 * a purge stays local: the other instances' pages age out within the cache's TTL.
 */
export function htmlPurgeBus(redisUrl: string, purgeLocal: () => void): { publish(): void; hearing(): boolean } {
  const publisher = watchedRedis(redisUrl, 'HTML cache purges')
  const channel = instanceChannel(redisUrl, CHANNEL, publisher, { role: 'HTML cache purges (listening)', onMessage: purgeLocal, onGap: purgeLocal })
  return {
    publish: () => void channel.publish({}),
    hearing: channel.hearing,
  }
}
