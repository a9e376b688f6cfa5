import { NextResponse, type NextRequest } from 'next/server'
import { DEFAULT_LOCALE, splitLocale } from '@/lib/locale'
import { articlePath } from '@/lib/paths'

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

/**
 * Addresses that are not a reader edition's: route handlers and the Studio keep their URLs at the root.
 * Everything else is a page of an edition.
 */
const ROOT_ROUTES = /^\/(?:api|studio|lake|_next|rss\.xml|atom\.xml|feed\.json|feed\.xml|sitemap\.xml|sitemaps|news-sitemap\.xml|robots\.txt|logo\.png|favicon\.ico)(?:\/|$)/

/** Social card images: Next prints their addresses with the internal segment (`/ru/…/opengraph-image-…`). */
const METADATA_IMAGE = /\/(?:opengraph|twitter)-image(?:-[\w-]+)?$/

/**
 * The editions' addresses: Russian at the root, Kazakh under /kk, English under /en. An unprefixed
 * address is rewritten to the internal Russian segment (`/news/x` → `/ru/news/x`); `/ru/…` itself
 * answers 308 with the unprefixed address, so each Russian page has one URL.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl
  if (malformedPath(pathname)) {
    return new NextResponse('Неверный адрес: испорченная кодировка символов (400 Bad Request)', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  }
  const { locale, path, prefixed } = splitLocale(pathname)
  if (!prefixed && ROOT_ROUTES.test(pathname)) return NextResponse.next()
  if (prefixed && locale === DEFAULT_LOCALE && !METADATA_IMAGE.test(path)) {
    const url = request.nextUrl.clone()
    url.pathname = path
    return NextResponse.redirect(url, 308)
  }

  const moved = await movedArticle(path)
  if (moved) {
    const url = request.nextUrl.clone()
    url.pathname = articlePath(moved, locale)
    return NextResponse.redirect(url, 301)
  }
  if (prefixed) return NextResponse.next()
  const url = request.nextUrl.clone()
  url.pathname = `/${DEFAULT_LOCALE}${path === '/' ? '' : path}`
  return NextResponse.rewrite(url)
}

/** The current slug of an article whose former address `path` is, if any. */
async function movedArticle(path: string): Promise<string | undefined> {
  const slug = /^\/news\/([^/]+)$/.exec(path)?.[1]
  if (!slug) return undefined
  const map = await redirects()
  return Object.hasOwn(map, slug) ? map[slug] : undefined
}

// Every page and route handler; not Next's own files or the images (neither decodes paths).
export const config = { matcher: '/((?!_next/static|_next/image|lake/images).*)' }
