import { NextResponse, type NextRequest } from 'next/server'

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

/** This server itself: never the request's Host header, which a client controls. */
function ownOrigin() {
  return process.env.__NEXT_PRIVATE_ORIGIN || `http://127.0.0.1:${process.env.PORT ?? 3000}`
}

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

/**
 * A path with broken percent-encoding (`/news/%E0%A4%A`) makes Next.js look for a `/400` page, which
 * an App Router site does not have, and answer 500; such requests get a plain 400 here instead.
 */
function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname)
    return false
  } catch {
    return true
  }
}

export async function proxy(request: NextRequest) {
  if (malformedPath(request.nextUrl.pathname)) {
    return new NextResponse('Неверный адрес: испорченная кодировка символов (400 Bad Request)', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  }
  const slug = /^\/news\/([^/]+)$/.exec(request.nextUrl.pathname)?.[1]
  if (!slug) return NextResponse.next()
  const target = Object.hasOwn(await redirects(), slug) ? map[slug] : undefined
  if (!target) return NextResponse.next()
  const url = request.nextUrl.clone()
  url.pathname = `/news/${target}`
  return NextResponse.redirect(url, 301)
}

// Every page and route handler; not Next's own files or the images (neither decodes paths).
export const config = { matcher: '/((?!_next/static|_next/image|lake/images).*)' }
