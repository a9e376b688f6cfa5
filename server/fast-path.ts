import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { cacheKey, requestVerdict, storableFor, type HtmlCache } from './html-cache'
import { applyWriteHeadArguments, bytesOf } from './response-writes'

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => unknown

/** Says how a request was answered; tests and benchmarks read it. */
export const CACHE_HEADER = 'x-baspa-cache'

/** A successful POST here has expired cache tags (app/api/revalidate): every kept page may be stale. */
const REVALIDATE_PATH = '/api/revalidate'

/**
 * Wraps Next's request handler with an in-process HTML cache (server/html-cache.ts for the rules).
 * A hit is one Map lookup and one write of the stored bytes and headers (security headers, ETag,
 * Content-Encoding included, exactly as Next sent them). A miss goes to Next and, when the answer is
 * storable, is kept on the way out. A successful revalidation webhook purges everything when it
 * finishes: by then Next has expired the tags, so the next request renders fresh, and responses of
 * requests that began earlier are refused by the cache's generation check.
 *
 * `onPurge` tells the other instances (./html-purge-bus.ts).
 *
 * Why purge all rather than by tag: a publish is rare next to reads, and a purged page is refilled
 * from Next's own (still valid, per-tag) ISR cache in about a millisecond, not re-rendered.
 */
export function withFastPath(handler: RequestHandler, cache: HtmlCache, maxTtlMs: number, onPurge: () => void = () => {}): RequestHandler {
  return (req, res) => {
    const url = req.url ?? '/'
    if (requestVerdict(req.method, url, req.headers) === 'bypass') {
      res.setHeader(CACHE_HEADER, 'bypass')
      if (req.method === 'POST' && url.split('?')[0] === REVALIDATE_PATH) {
        res.once('finish', () => {
          if (res.statusCode >= 200 && res.statusCode < 300) {
            cache.purge()
            onPurge()
          }
        })
      }
      return handler(req, res)
    }
    const key = cacheKey(url, req.headers)
    const hit = cache.get(key)
    if (hit) {
      // An explicit length: writeHead commits the headers, and without one Node would answer chunked.
      res.writeHead(hit.status, { ...hit.headers, 'content-length': hit.body.length, [CACHE_HEADER]: 'hit' })
      res.end(req.method === 'HEAD' ? undefined : hit.body)
      return
    }
    res.setHeader(CACHE_HEADER, 'miss')
    // A HEAD answer has no body to keep. The generation is taken now: a purge during the render refuses it.
    const generation = cache.generation
    if (req.method === 'GET')
      capture(res, (status, headers, body) => {
        const ttl = storableFor(status, headers, maxTtlMs)
        if (ttl > 0) cache.set(key, { status, headers, body }, ttl, generation)
      })
    return handler(req, res)
  }
}

/**
 * Records what Next writes (status, headers, body bytes after compression) and hands it over once
 * the response has fully gone out; an aborted response is never kept.
 */
function capture(res: ServerResponse, done: (status: number, headers: OutgoingHttpHeaders, body: Buffer) => void) {
  const chunks: Buffer[] = []
  let keepable = true
  const toBuffer = (chunk: unknown, encoding?: unknown): Buffer | undefined => {
    const bytes = bytesOf(chunk, encoding)
    if (bytes === null) keepable = false
    return bytes ?? undefined
  }
  const originalWriteHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse
  const originalWrite = res.write.bind(res) as (...args: unknown[]) => boolean
  const originalEnd = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const message = applyWriteHeadArguments(res, rest)
    return message === undefined ? originalWriteHead(status) : originalWriteHead(status, message)
  }) as ServerResponse['writeHead']
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    const buffer = toBuffer(chunk, rest[0])
    if (buffer) chunks.push(buffer)
    return originalWrite(chunk, ...rest)
  }) as ServerResponse['write']
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const buffer = toBuffer(chunk, rest[0])
    if (buffer) chunks.push(buffer)
    return originalEnd(chunk, ...rest)
  }) as ServerResponse['end']
  res.once('finish', () => {
    if (!keepable) return
    const headers = { ...res.getHeaders() }
    delete headers[CACHE_HEADER]
    delete headers['transfer-encoding']
    done(res.statusCode, headers, Buffer.concat(chunks))
  })
}
