import { ownOrigin } from '@/config/env'

/**
 * Former article addresses answer 301 with the current one (the Studio keeps them in previousSlugs
 * when an editor changes a published slug). A page can only answer 307/308, hence this proxy.
 * The map comes from this server's own /api/slug-redirects (cached, revalidated on publish) and is
 * kept here for a few seconds, so article requests cost a map lookup.
 */
const MAP_MAX_AGE_MS = 3_000

let map: Record<string, string> = {}
let loadedAt = 0
let loading: Promise<void> | undefined

function refresh(): Promise<void> {
  loading ??= fetch(`${ownOrigin()}/api/slug-redirects`, { cache: 'no-store' })
    .then(async (response) => {
      if (!response.ok) throw new Error(`/api/slug-redirects answered ${response.status}`)
      map = (await response.json()) as Record<string, string>
      loadedAt = Date.now()
    })
    .catch((error: unknown) => {
      // Keep the last good map and try again later rather than on every request.
      loadedAt = Date.now()
      console.warn('slug redirects unavailable:', error instanceof Error ? error.message : error)
    })
    .finally(() => {
      loading = undefined
    })
  return loading
}

async function redirects(): Promise<Record<string, string>> {
  if (loadedAt === 0) await refresh()
  else if (Date.now() - loadedAt > MAP_MAX_AGE_MS) void refresh()
  return map
}

/** The current slug of an article whose former address `path` is, if any. */
export async function movedArticle(path: string): Promise<string | undefined> {
  const slug = /^\/news\/([^/]+)$/.exec(path)?.[1]
  if (!slug) return undefined
  const map = await redirects()
  return Object.hasOwn(map, slug) ? map[slug] : undefined
}
