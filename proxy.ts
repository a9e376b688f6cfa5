import { NextResponse, type NextRequest } from 'next/server'
import { DEFAULT_LOCALE, splitLocale } from '@/lib/locale'
import { articlePath, withoutImpossibleSegments } from '@/lib/paths'
import { pageCacheTags } from '@/sanity/cache-tags'
import { malformedPath, METADATA_IMAGE, ROOT_ROUTES } from './proxy/editions'
import { backendHealthy, duringOutage, isOutagePass, outageHandled } from './proxy/outage'
import { movedArticle } from './proxy/slug-redirects'

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
  const passedOn = isOutagePass(request)
  const { locale, path, prefixed } = splitLocale(pathname)
  const rootRoute = !prefixed && ROOT_ROUTES.test(pathname)
  if (!rootRoute && !passedOn && prefixed && locale === DEFAULT_LOCALE && !METADATA_IMAGE.test(path)) {
    const url = request.nextUrl.clone()
    url.pathname = splitLocale(requested).path
    return NextResponse.redirect(url, 308)
  }
  // Known before the redirect lookup, which asks the backend: while it is down, only answers
  // already known redirect, rather than each article request waiting for a timeout.
  const down = !passedOn && outageHandled(request) && !(await backendHealthy())
  if (!rootRoute && !passedOn) {
    const moved = await movedArticle(path, { ask: !down })
    if (moved) {
      const url = request.nextUrl.clone()
      url.pathname = articlePath(moved, locale)
      return NextResponse.redirect(url, 301)
    }
  }
  // The outage check comes before the rewrite: the pass-through fetches the public (unprefixed)
  // address again, and that second request, marked, is rewritten like any other.
  if (down) return duringOutage(request)
  const url = request.nextUrl.clone()
  if (rootRoute || prefixed) {
    if (pathname === requested) return withCacheTags(request, NextResponse.next(), path)
    url.pathname = pathname
  } else {
    url.pathname = `/${DEFAULT_LOCALE}${path === '/' ? '' : path}`
  }
  return withCacheTags(request, NextResponse.rewrite(url), path)
}

/**
 * Pages say which cache tags they show, for a front cache to purge them by (docs/deploy.md):
 * `xkey` (Varnish's xkey, space-separated) and `Cache-Tag` (Cloudflare's, comma-separated).
 */
function withCacheTags(request: NextRequest, response: NextResponse, path: string): NextResponse {
  if ((request.method === 'GET' || request.method === 'HEAD') && !/^\/(api|studio|lake)(\/|$)/.test(path)) {
    const tags = pageCacheTags(path)
    response.headers.set('xkey', tags.join(' '))
    response.headers.set('Cache-Tag', tags.join(','))
  }
  return response
}

// Every page and route handler, the lake's images included (their route decodes its path, and a
// broken escape there would be a 500); not Next's own static files and optimizer.
export const config = { matcher: '/((?!_next/static|_next/image).*)' }
