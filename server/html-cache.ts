import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import { MAX_AGE_SECONDS } from '@/sanity/cache-tags'
import { isReaderRequest } from './reader-request'

/**
 * The fast path's rules and store: which requests may be answered from memory, under which key,
 * which of Next's responses may be kept and for how long. Pure (no I/O), so unit tests pin every rule.
 *
 * The principle: keep only what Next itself declares shared-cacheable (`s-maxage`, i.e. an ISR page
 * or route), for anonymous plain GETs, never longer than the data cache's lifetime, and forget
 * everything the moment a revalidation succeeds (server/fast-path.ts).
 */

export type Verdict = 'cacheable' | 'bypass'

/** Requests for a reader page that ask for a conditional or partial answer, or carry credentials. */
const UNCACHEABLE_HEADERS = ['authorization', 'range', 'if-none-match', 'if-modified-since']

export function requestVerdict(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): Verdict {
  if (!isReaderRequest(method, url, headers)) return 'bypass'
  for (const name of UNCACHEABLE_HEADERS) if (headers[name] !== undefined) return 'bypass'
  return 'cacheable'
}

/**
 * The query parameters a route reads, by path (any edition's prefix): its answer differs by them.
 * Every other parameter is left out of the key, or `?pz=<random>` would make each request a new
 * entry and flush the cache. The pages Next keeps (ISR) read none: a page that reads its query is
 * rendered per request and never kept (storableFor); search is listed so that it stays right if it
 * ever is.
 */
const READ_PARAMS: [path: RegExp, params: string[]][] = [[/^(?:\/(?:kk|en))?\/search\/?$/, ['q', 'topic', 'country', 'from', 'to', 'page']]]

/**
 * The key: host, the raw Accept-Encoding (Next compresses per request, so each distinct header
 * value is its own variant; browsers send one constant value), the path as sent and the query
 * parameters the route reads, in a fixed order. RSC and router headers, the other things Next
 * varies on, never reach the cache (requestVerdict).
 */
export function cacheKey(url: string, headers: IncomingHttpHeaders): string {
  const encoding = (headers['accept-encoding'] ?? '').toLowerCase().replace(/\s+/g, '')
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const read = READ_PARAMS.find(([pattern]) => pattern.test(path))?.[1] ?? []
  const query = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1))
  const kept = read.flatMap((name) => query.getAll(name).map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`))
  return `${headers.host ?? ''}\n${encoding}\n${path}${kept.length ? `?${kept.join('&')}` : ''}`
}

/** What Next's responses may vary on: exactly what the key or the request rules cover. */
const KNOWN_VARY = new Set(['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url', 'accept-encoding'])

const headerText = (value: OutgoingHttpHeaders[string]) => (Array.isArray(value) ? value.join(',') : value === undefined ? '' : String(value))

/**
 * How long a response may be kept (ms), or 0 when it must not be: a 200 without Set-Cookie whose
 * Cache-Control is public with an `s-maxage` (what Next sends for ISR pages; dynamic pages such as
 * search and everything in draft mode say `private, no-store`), varying only on known headers.
 */
export function storableFor(status: number, headers: OutgoingHttpHeaders, maxTtlMs: number): number {
  if (status !== 200) return 0
  if (headers['set-cookie'] !== undefined) return 0
  const cacheControl = headerText(headers['cache-control']).toLowerCase()
  if (/\b(?:private|no-store|no-cache)\b/.test(cacheControl)) return 0
  const sMaxAge = /\bs-maxage=(\d+)/.exec(cacheControl)
  if (!sMaxAge) return 0
  const vary = headerText(headers.vary)
    .toLowerCase()
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  if (vary.some((name) => !KNOWN_VARY.has(name))) return 0
  return Math.min(Number(sMaxAge[1]) * 1000, maxTtlMs)
}

/** Never longer than the data cache: an embargoed article must appear on time on hosted Sanity too. */
export const MAX_TTL_MS = MAX_AGE_SECONDS * 1000

export interface CachedResponse {
  status: number
  headers: OutgoingHttpHeaders
  body: Buffer
  expiresAt: number
}

export interface HtmlCacheOptions {
  maxBytes: number
  maxEntryBytes: number
  now?: () => number
}

/**
 * Responses by key, least recently used dropped beyond `maxBytes`. `generation` moves on every
 * purge: a response whose request began before a purge may carry the old content, so `set` refuses
 * it (the render may have read data that the purge's revalidation just expired). It moves too when
 * Next's cache refused a stale render's write (`refuseInFlight`): requests in flight may have been
 * answered with that render.
 */
export class HtmlCache {
  private readonly entries = new Map<string, CachedResponse>()
  private bytes = 0
  private currentGeneration = 0
  readonly stats = { hits: 0, misses: 0, stores: 0, purges: 0 }
  private readonly now: () => number

  constructor(private readonly options: HtmlCacheOptions) {
    this.now = options.now ?? Date.now
  }

  get generation() {
    return this.currentGeneration
  }

  get size() {
    return { entries: this.entries.size, bytes: this.bytes }
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key)
    if (entry && entry.expiresAt > this.now()) {
      // Map order is the LRU order: a hit moves the entry to the back.
      this.entries.delete(key)
      this.entries.set(key, entry)
      this.stats.hits++
      return entry
    }
    if (entry) this.remove(key, entry)
    this.stats.misses++
    return undefined
  }

  /** Keeps a response for `ttlMs` if no purge happened since its request began (`generation`). */
  set(key: string, response: Omit<CachedResponse, 'expiresAt'>, ttlMs: number, generation: number): boolean {
    if (generation !== this.currentGeneration || ttlMs <= 0) return false
    if (response.body.length > this.options.maxEntryBytes) return false
    const previous = this.entries.get(key)
    if (previous) this.remove(key, previous)
    this.entries.set(key, { ...response, expiresAt: this.now() + ttlMs })
    this.bytes += response.body.length
    for (const [oldKey, oldEntry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break
      this.remove(oldKey, oldEntry)
    }
    this.stats.stores++
    return true
  }

  /** Keeps what it holds, but no response of a request in flight now. */
  refuseInFlight() {
    this.currentGeneration++
  }

  /** Forgets everything; responses still being rendered will not be kept either. */
  purge() {
    this.currentGeneration++
    this.entries.clear()
    this.bytes = 0
    this.stats.purges++
  }

  private remove(key: string, entry: CachedResponse) {
    this.entries.delete(key)
    this.bytes -= entry.body.length
  }
}
