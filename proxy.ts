import { randomBytes } from 'node:crypto'
import { NextResponse, type NextRequest } from 'next/server'
import { backendCircuit, OPEN_MS, probeBackend } from '@/sanity/backend-health'
import { env } from '@/sanity/env'
import { outageResponse } from '@/lib/outage'
import { DEFAULT_LOCALE, splitLocale } from '@/lib/locale'
import { articlePath, withoutImpossibleSegments } from '@/lib/paths'

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
 * Backend outage. While the content backend is down (backendCircuit, probed at most every 2 s), a
 * reader request is passed on to this server once more, marked with OUTAGE_PASS: a cached page (ISR
 * keeps the last good render, unstable_cache the last good data) comes back and is returned as it
 * is; a page that needed the backend fails with a 5xx (its render threw BackendUnavailableError) and
 * the reader gets the 503 outage page instead of the error boundary's 500. When the backend is up,
 * requests go straight on, at no cost. A page cannot set a 503 itself (error boundaries answer 500,
 * and Next's notFound/forbidden/unauthorized allow only 404/403/401), hence the proxy.
 */
const OUTAGE_PASS_HEADER = 'x-baspa-outage-pass'
const PASS_KEY = Symbol.for('baspa.outagePass')
const processGlobal = globalThis as typeof globalThis & { [PASS_KEY]?: string }
const outagePass = (processGlobal[PASS_KEY] ??= randomBytes(16).toString('hex'))

/** What has an outage page: GET/HEAD of reader pages, feeds, sitemaps. Not the API, the Studio, images. */
const outageHandled = (request: NextRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') && !/^\/(api|studio|lake)(\/|$)/.test(request.nextUrl.pathname)

/** Probed at most every OPEN_MS, whichever the backend: the local lake is a process of its own too. */
function backendHealthy(): Promise<boolean> {
  return backendCircuit().healthy(() => probeBackend(env().backend), OPEN_MS)
}

async function duringOutage(request: NextRequest): Promise<Response> {
  const headers = new Headers(request.headers)
  headers.set(OUTAGE_PASS_HEADER, outagePass)
  // Uncompressed, so that the body passes through with its own headers unchanged.
  headers.set('accept-encoding', 'identity')
  try {
    const response = await fetch(`${ownOrigin()}${request.nextUrl.pathname}${request.nextUrl.search}`, {
      method: request.method,
      headers,
      redirect: 'manual',
      cache: 'no-store',
    })
    if (response.status < 500) return withoutMiddlewareHeaders(response)
    // Not awaited: cancelling the body of a response this server is still streaming can wait for it.
    response.body?.cancel().catch(() => {})
  } catch (error) {
    console.warn('outage pass-through failed:', error instanceof Error ? error.message : error)
  }
  return outageResponse(request.method, splitLocale(request.nextUrl.pathname).locale)
}

/**
 * The pass-through went through this proxy too, and was rewritten to its edition's segment: its
 * response carries `x-middleware-rewrite: /ru/…`. Returned from here as it is, Next would take that
 * header as this request's own rewrite (to a relative URL: a 500), so the x-middleware-* headers go.
 */
function withoutMiddlewareHeaders(response: Response): Response {
  const headers = new Headers(response.headers)
  for (const name of [...headers.keys()]) if (name.startsWith('x-middleware-')) headers.delete(name)
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

/**
 * Addresses that are not a reader edition's: route handlers and the Studio keep their URLs at the root.
 * Everything else is a page of an edition.
 */
const ROOT_ROUTES =
  /^\/(?:api|studio|lake|_next|rss\.xml|atom\.xml|feed\.json|feed\.xml|sitemap\.xml|sitemaps|news-sitemap\.xml|robots\.txt|logo\.png|favicon\.ico)(?:\/|$)/

/** Social card images: Next prints their addresses with the internal segment (`/ru/…/opengraph-image-…`). */
const METADATA_IMAGE = /\/(?:opengraph|twitter)-image(?:-[\w-]+)?$/

/**
 * The editions' addresses: Russian at the root, Kazakh under /kk, English under /en. An unprefixed
 * address is rewritten to the internal Russian segment (`/news/x` → `/ru/news/x`); `/ru/…` itself
 * answers 308 with the unprefixed address, so each Russian page has one URL.
 */
export async function proxy(request: NextRequest) {
  const requested = request.nextUrl.pathname
  if (malformedPath(requested)) {
    return new NextResponse('Неверный адрес: испорченная кодировка символов (400 Bad Request)', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    })
  }
  // What the routes see: an overlong segment, or one holding a control character, becomes one no address has (lib/paths.ts): a 404.
  const pathname = withoutImpossibleSegments(requested)
  const passedOn = request.headers.get(OUTAGE_PASS_HEADER) === outagePass
  const { locale, path, prefixed } = splitLocale(pathname)
  const rootRoute = !prefixed && ROOT_ROUTES.test(pathname)
  if (!rootRoute && !passedOn) {
    if (prefixed && locale === DEFAULT_LOCALE && !METADATA_IMAGE.test(path)) {
      const url = request.nextUrl.clone()
      url.pathname = splitLocale(requested).path
      return NextResponse.redirect(url, 308)
    }
    const moved = await movedArticle(path)
    if (moved) {
      const url = request.nextUrl.clone()
      url.pathname = articlePath(moved, locale)
      return NextResponse.redirect(url, 301)
    }
  }
  // The outage check comes before the rewrite: the pass-through fetches the public (unprefixed)
  // address again, and that second request, marked, is rewritten like any other.
  if (!passedOn && outageHandled(request) && !(await backendHealthy())) return duringOutage(request)
  if (rootRoute || prefixed) {
    if (pathname === requested) return NextResponse.next()
    const url = request.nextUrl.clone()
    url.pathname = pathname
    return NextResponse.rewrite(url)
  }
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

// Every page and route handler, the lake's images included (their route decodes its path, and a
// broken escape there would be a 500); not Next's own static files and optimizer.
export const config = { matcher: '/((?!_next/static|_next/image).*)' }
