// Plain JavaScript: Next.js loads the cache handler that uses this by path, outside our TypeScript build.
import { createClient } from 'redis'

/** Reconnection waits grow to this: a Redis that is down costs one attempt every few seconds. */
const MAX_RECONNECT_DELAY_MS = 5_000

/**
 * A Redis client that reconnects by itself and says so once per change: one line when Redis goes
 * away ("serving without it"), one when it is back, never one per failed attempt or per request.
 * `up()` tells the callers whether to use it now.
 *
 * @param {string} url
 * @param {string} role what this connection is for, in the log lines
 * @param {{ onUp?: () => void, onDown?: () => void, quiet?: boolean }} [events] `quiet`: a second
 *   connection of a component whose first one already says when Redis goes and comes back
 */
export function watchedRedis(url, role, events = {}) {
  let ready = false
  let wasDown = false
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) } })
  client.on('ready', () => {
    ready = true
    if (wasDown && !events.quiet) console.log(`[redis] ${role}: Redis is back; shared again`)
    wasDown = false
    events.onUp?.()
  })
  const down = (reason) => {
    const first = ready || !wasDown
    ready = false
    if (first && !wasDown) {
      wasDown = true
      if (!events.quiet) console.warn(`[redis] ${role}: Redis unavailable (${reason}); this instance serves from what it has until Redis returns`)
      events.onDown?.()
    }
  }
  client.on('error', (error) => down(error?.code ?? error?.message ?? 'error'))
  client.on('end', () => down('connection closed'))
  client.connect().catch((error) => down(error?.code ?? error?.message ?? 'error'))
  return { client, up: () => ready }
}
