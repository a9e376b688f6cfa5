import type { IncomingHttpHeaders } from 'node:http'

/**
 * Which requests are a reader's: an anonymous GET or HEAD of a page (or a feed, a sitemap) as HTML,
 * not the Studio, an API, Next's own files, an RSC payload, or an editor's draft preview. The
 * in-process HTML cache keeps only these (./html-cache.ts), and only these are sent without Next's
 * client runtime (./reader-html.ts).
 */

/** The Studio, APIs (webhook, draft mode, slug map), lake images and API, Next's own files. */
const NON_READER_PREFIXES = ['/studio/', '/api/', '/lake/', '/_next/']

/**
 * Request headers that make Next answer something other than the page's HTML: RSC payloads for
 * client navigation and prefetch, server actions, the dev server's hot reload.
 */
const NON_READER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action', 'next-url', 'next-hmr']

/** Draft mode's cookies (app/api/draft-mode): an editor's preview, which the Presentation tool drives with scripts. */
const DRAFT_COOKIES = /(?:^|;\s*)(?:__prerender_bypass|__next_preview_data)=/

export function isReaderRequest(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false
  if (!url || !url.startsWith('/')) return false
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  if (path === '/studio' || NON_READER_PREFIXES.some((prefix) => path.startsWith(prefix))) return false
  // `_rsc` is the cache-busting parameter of RSC requests; any position in the query counts.
  if (queryAt !== -1 && /[?&]_rsc(?:=|&|$)/.test(url.slice(queryAt))) return false
  for (const name of NON_READER_HEADERS) if (headers[name] !== undefined) return false
  const cookie = headers.cookie
  return !(cookie && DRAFT_COOKIES.test(cookie))
}
