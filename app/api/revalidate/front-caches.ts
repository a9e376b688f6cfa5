import { config } from '@/config/env'

/**
 * After the tags expire in Next's caches, Varnish (VARNISH_PURGE_URLS) drops its pages with those
 * tags (`xkey`, deploy/varnish/baspa.vcl), so the next reader gets a fresh render. Sent again a
 * little later: another instance may still answer the first refetch from its view of the tags
 * before the expiry reaches it through Redis, and Varnish would keep that answer.
 */
const PURGE_AGAIN_AFTER_MS = [250, 1_000]
const PURGE_TIMEOUT_MS = 2_000

export async function purgeFrontCaches(tags: string[]): Promise<void> {
  const { purgeUrls, secret } = config().scaleOut.varnish
  if (purgeUrls.length === 0 || tags.length === 0 || !secret) return
  const purge = () =>
    Promise.all(
      purgeUrls.map(async (url) => {
        try {
          const response = await fetch(url, {
            method: 'PURGE',
            headers: { 'xkey-purge': tags.join(' '), 'x-purge-secret': secret },
            signal: AbortSignal.timeout(PURGE_TIMEOUT_MS),
          })
          if (!response.ok) console.warn(`front cache purge at ${url}: ${response.status} ${await response.text()}`)
        } catch (error) {
          console.warn(`front cache purge at ${url} failed: ${error instanceof Error ? error.message : error}`)
        }
      }),
    )
  await purge()
  for (const delay of PURGE_AGAIN_AFTER_MS) {
    await new Promise((resolve) => setTimeout(resolve, delay))
    await purge()
  }
}
