import 'server-only'
import { config } from '@/config/env'

/**
 * Headers of the lake's image answer that the reader gets as they are; with them the lake's rules
 * for an original (`dlRaw`: an SVG or other active file is a sandboxed download, never sniffed)
 * hold on this site's origin too.
 */
const PASSED_HEADERS = [
  'content-type',
  'content-length',
  'cache-control',
  'vary',
  'retry-after',
  'content-disposition',
  'content-security-policy',
  'x-content-type-options',
  'x-sanity-sha1',
]
const IMAGE_TIMEOUT_MS = 30_000

/**
 * Local mode serves the lake's images under the site's own origin (`/lake/images/…`): readers'
 * browsers need not reach or trust the lake. The lake renders them, under its limits (size, effort,
 * queue); this route only passes the bytes on. Hosted mode: images come from Sanity's CDN, this is a 404.
 */
export async function localImage(segments: string[], request: Request): Promise<Response> {
  const { backend } = config()
  if (backend.mode !== 'local') return new Response('Not found', { status: 404 })
  const search = new URL(request.url).search
  let upstream: Response
  try {
    upstream = await fetch(`${backend.apiHost}/images/${segments.map(encodeURIComponent).join('/')}${search}`, {
      headers: { accept: request.headers.get('accept') ?? '' },
      signal: AbortSignal.timeout(IMAGE_TIMEOUT_MS),
      cache: 'no-store',
    })
  } catch {
    return new Response('The image service is unavailable', { status: 503, headers: { 'retry-after': '5', 'cache-control': 'no-store' } })
  }
  const headers = new Headers()
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name)
    if (value) headers.set(name, value)
  }
  return new Response(upstream.body, { status: upstream.status, headers })
}
