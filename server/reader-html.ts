import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { scriptlessPolicy } from '@/lib/content-security-policy'
import { stripClientRuntime } from './client-runtime'
import type { RequestHandler } from './fast-path'
import { isReaderRequest } from './reader-request'
import { applyWriteHeadArguments, bytesOf } from './response-writes'

const gzipped = promisify(gzip)

/** What compressing pays for, as Next's own compression decides it (the `compression` middleware's defaults). */
const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.-]+\+)?(?:json|xml)\b|application\/javascript|image\/svg\+xml)/i
const MIN_COMPRESSED_BYTES = 1024

/**
 * Sends reader pages without Next's client runtime (./client-runtime.ts says why). A reader's GET is
 * passed to Next asking for an uncompressed answer, which is held until complete: an HTML page
 * (200 or 404) rendered on the server loses its runtime, and its policy then allows no script.
 * Whatever the answer, it is gzipped here when the reader accepts it, as Next would have. Everything else (the Studio, APIs, RSC
 * payloads, draft previews, HEAD) goes to Next untouched.
 *
 * A 5xx keeps its scripts: for a failed render Next sends an empty shell that the runtime fills
 * with the error boundary. Next's ETag, computed before stripping, still names one representation:
 * the stripping is a function of the page alone. Holding the answer costs nothing a reader would
 * see: reader pages have no Suspense boundary, so Next sends them in one piece anyway.
 */
export function withoutClientRuntime(handler: RequestHandler): RequestHandler {
  return (req, res) => {
    if (req.method !== 'GET' || !isReaderRequest(req.method, req.url, req.headers)) return handler(req, res)
    const gzipAccepted = acceptsGzip(req.headers)
    req.headers['accept-encoding'] = 'identity'
    holdBody(res, async (status, headers, body) => {
      const type = String(headers['content-type'] ?? '')
      let sent = body
      if ((status === 200 || status === 404) && /^text\/html\b/i.test(type)) {
        const stripped = stripClientRuntime(body)
        if (stripped) {
          sent = stripped
          const policy = headers['content-security-policy']
          if (typeof policy === 'string') res.setHeader('content-security-policy', scriptlessPolicy(policy))
        }
      }
      if (!COMPRESSIBLE.test(type)) return sent
      res.setHeader('vary', withAcceptEncoding(headers.vary))
      const noTransform = /\bno-transform\b/i.test(String(headers['cache-control'] ?? ''))
      if (!gzipAccepted || noTransform || headers['content-encoding'] !== undefined || sent.length < MIN_COMPRESSED_BYTES) return sent
      try {
        const compressed = await gzipped(sent)
        res.setHeader('content-encoding', 'gzip')
        return compressed
      } catch {
        return sent
      }
    })
    return handler(req, res)
  }
}

/** gzip unless the header refuses it (`gzip;q=0`, or `*;q=0` without gzip listed) or is absent. */
function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  const header = headers['accept-encoding']
  if (!header) return false
  const weights = new Map(
    header.split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';')
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean)
      return [name.trim(), q === undefined ? 1 : Number(q)] as const
    }),
  )
  return (weights.get('gzip') ?? weights.get('*') ?? 0) > 0
}

function withAcceptEncoding(vary: OutgoingHttpHeaders[string]): string {
  const current = (Array.isArray(vary) ? vary.join(', ') : vary === undefined ? '' : String(vary)).trim()
  if (!current) return 'Accept-Encoding'
  return /(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(current) ? current : `${current}, Accept-Encoding`
}

/**
 * Keeps what the handler writes from going out until it has ended, then sends the body `finish`
 * makes of it, with the headers the handler set (and any `finish` adds), in one write.
 */
function holdBody(res: ServerResponse, finish: (status: number, headers: OutgoingHttpHeaders, body: Buffer) => Promise<Buffer>) {
  const chunks: Buffer[] = []
  // Whatever these are now (Node's, or an outer wrapper's such as the fast path's capture), they are put back to send.
  const { writeHead, flushHeaders, write, end } = res
  const take = (chunk: unknown, encoding: unknown) => {
    const bytes = bytesOf(chunk, encoding)
    if (bytes) chunks.push(bytes)
  }
  const callbackOf = (args: unknown[]) => args.find((arg): arg is () => void => typeof arg === 'function')

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusCode = status
    const message = applyWriteHeadArguments(res, rest)
    if (message !== undefined) res.statusMessage = message
    return res
  }) as ServerResponse['writeHead']
  res.flushHeaders = () => {}
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    take(chunk, rest[0])
    const callback = callbackOf(rest)
    if (callback) queueMicrotask(callback)
    return true
  }) as ServerResponse['write']
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    take(chunk, rest[0])
    const callback = callbackOf([chunk, ...rest])
    const status = res.statusCode
    const body = Buffer.concat(chunks)
    finish(status, { ...res.getHeaders() }, body)
      .catch(() => body)
      .then((sent) => {
        Object.assign(res, { writeHead, flushHeaders, write, end })
        res.removeHeader('transfer-encoding')
        const bodiless = status === 204 || status === 304
        if (bodiless) res.removeHeader('content-length')
        else res.setHeader('content-length', sent.length)
        res.writeHead(status)
        res.end(bodiless ? undefined : sent, callback)
      })
    return res
  }) as ServerResponse['end']
}
