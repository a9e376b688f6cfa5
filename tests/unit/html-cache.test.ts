import { describe, expect, it } from 'vitest'
import { EnvError, readConfig } from '@/config/env'
import { cacheKey, HtmlCache, MAX_TTL_MS, requestVerdict, storableFor } from '@/server/html-cache'

const ISR = {
  'cache-control': 's-maxage=60, stale-while-revalidate=31535940',
  vary: 'RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch, Accept-Encoding',
  'content-type': 'text/html; charset=utf-8',
}

describe('fast path: which requests may be answered from memory', () => {
  it('anonymous GET and HEAD of reader pages', () => {
    for (const url of ['/', '/news/some-article', '/topics/diplomatiya/page/40', '/search?q=x', '/rss.xml']) {
      expect(requestVerdict('GET', url, {}), url).toBe('cacheable')
    }
    expect(requestVerdict('HEAD', '/', {})).toBe('cacheable')
  })

  it('never other methods', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', undefined]) expect(requestVerdict(method, '/', {})).toBe('bypass')
  })

  it('never the Studio, APIs, lake images and API, or Next internals', () => {
    for (const url of ['/studio', '/studio/intent/edit', '/api/revalidate', '/api/draft-mode/enable?x=1', '/lake/images/a.jpg', '/_next/static/chunks/a.js']) {
      expect(requestVerdict('GET', url, {}), url).toBe('bypass')
    }
    expect(requestVerdict('GET', '/studios-of-almaty', {}), 'only the /studio path itself').toBe('cacheable')
  })

  it('never RSC navigation or prefetch requests, by header or by _rsc', () => {
    for (const header of ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action', 'next-url']) {
      expect(requestVerdict('GET', '/', { [header]: '1' }), header).toBe('bypass')
    }
    expect(requestVerdict('GET', '/news/a?_rsc=abc12', {})).toBe('bypass')
    expect(requestVerdict('GET', '/news/a?x=1&_rsc', {})).toBe('bypass')
    expect(requestVerdict('GET', '/news/a?not_rsc=1', {})).toBe('cacheable')
  })

  it('never draft mode, credentials, conditional or partial requests', () => {
    expect(requestVerdict('GET', '/', { cookie: '__prerender_bypass=abc' })).toBe('bypass')
    expect(requestVerdict('GET', '/', { cookie: 'theme=dark; __next_preview_data=abc' })).toBe('bypass')
    expect(requestVerdict('GET', '/', { cookie: 'theme=dark' }), 'other cookies do not change an ISR page').toBe('cacheable')
    for (const header of ['authorization', 'range', 'if-none-match', 'if-modified-since'])
      expect(requestVerdict('GET', '/', { [header]: 'x' }), header).toBe('bypass')
  })

  it('keys by host, Accept-Encoding, path and the query parameters the route reads', () => {
    const headers = { host: 'localhost:3000', 'accept-encoding': 'gzip, deflate, br' }
    const base = cacheKey('/news/a', headers)
    expect(cacheKey('/news/a', { host: 'localhost:3000', 'accept-encoding': 'gzip,deflate,br' })).toBe(base)
    expect(cacheKey('/news/a', { host: 'localhost:3000' })).not.toBe(base)
    expect(cacheKey('/news/a', { ...headers, host: 'example.org' })).not.toBe(base)
    expect(cacheKey('/news/b', headers)).not.toBe(base)
  })

  it('/topics?pz=<random>: parameters no route reads are not part of the key, so they cannot flush the cache', () => {
    const headers = { host: 'localhost:3000', 'accept-encoding': 'gzip' }
    const keys = new Set(Array.from({ length: 100 }, () => cacheKey(`/topics?pz=${Math.random().toString(36).slice(2)}`, headers)))
    expect([...keys]).toEqual([cacheKey('/topics', headers)])
    expect(cacheKey('/news/a?utm_source=x&fbclid=y', headers)).toBe(cacheKey('/news/a', headers))
    // Search reads its query: each search is its own entry, whatever the order of the parameters and whatever else is sent.
    expect(cacheKey('/search?q=a&page=2', headers)).not.toBe(cacheKey('/search?q=b&page=2', headers))
    expect(cacheKey('/en/search?page=2&pz=1&q=a', headers)).toBe(cacheKey('/en/search?q=a&page=2', headers))
  })
})

describe('fast path: which responses may be kept, and how long', () => {
  it('a 200 ISR page, for at most the configured TTL and the s-maxage', () => {
    expect(storableFor(200, ISR, 10_000)).toBe(10_000)
    expect(storableFor(200, { ...ISR, 'cache-control': 's-maxage=5, stale-while-revalidate=1' }, 10_000)).toBe(5_000)
  })

  it('never errors, not-founds, redirects, cookies, private or dynamic answers, unknown Vary', () => {
    expect(storableFor(404, ISR, 10_000)).toBe(0)
    expect(storableFor(301, ISR, 10_000)).toBe(0)
    expect(storableFor(500, ISR, 10_000)).toBe(0)
    expect(storableFor(200, { ...ISR, 'set-cookie': ['a=b'] }, 10_000)).toBe(0)
    expect(storableFor(200, { ...ISR, 'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate' }, 10_000)).toBe(0)
    expect(storableFor(200, { ...ISR, 'cache-control': 'public, max-age=60' }, 10_000), 'no s-maxage: not shared-cacheable by Next').toBe(0)
    expect(storableFor(200, { ...ISR, vary: 'Cookie' }, 10_000)).toBe(0)
    expect(storableFor(200, { ...ISR, vary: '*' }, 10_000)).toBe(0)
  })

  it('the TTL never exceeds the data cache lifetime', () => {
    expect(MAX_TTL_MS).toBe(60_000)
    const ttl = (value?: string) => readConfig({ BASPA_HTML_CACHE_TTL: value }).server.htmlCache.ttlMs
    expect(ttl()).toBe(10_000)
    expect(ttl('3')).toBe(3_000)
    expect(ttl('600')).toBe(MAX_TTL_MS)
    expect(() => ttl('-1')).toThrow(EnvError)
    expect(() => ttl('nonsense')).toThrow(/BASPA_HTML_CACHE_TTL/)
  })
})

describe('fast path: the store', () => {
  const response = (size = 10) => ({ status: 200, headers: ISR, body: Buffer.alloc(size) })

  it('answers until the TTL, then misses', () => {
    let now = 0
    const cache = new HtmlCache({ maxBytes: 1000, maxEntryBytes: 1000, now: () => now })
    expect(cache.set('a', response(), 1_000, cache.generation)).toBe(true)
    now = 999
    expect(cache.get('a')).toBeDefined()
    now = 1_000
    expect(cache.get('a')).toBeUndefined()
    expect(cache.size).toEqual({ entries: 0, bytes: 0 })
  })

  it('a purge forgets everything, and refuses responses whose request began before it', () => {
    const cache = new HtmlCache({ maxBytes: 1000, maxEntryBytes: 1000 })
    cache.set('a', response(), 1_000, cache.generation)
    const before = cache.generation
    cache.purge()
    expect(cache.get('a')).toBeUndefined()
    expect(cache.set('b', response(), 1_000, before), 'rendered from data the purge expired').toBe(false)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.set('b', response(), 1_000, cache.generation)).toBe(true)
  })

  it('refusing the responses in flight keeps what it holds', () => {
    const cache = new HtmlCache({ maxBytes: 1000, maxEntryBytes: 1000 })
    cache.set('a', response(), 1_000, cache.generation)
    const before = cache.generation
    cache.refuseInFlight()
    expect(cache.get('a')).toBeDefined()
    expect(cache.set('b', response(), 1_000, before), 'may carry a render whose write was refused').toBe(false)
    expect(cache.set('b', response(), 1_000, cache.generation)).toBe(true)
  })

  it('stays within its memory bound, dropping the least recently used first', () => {
    const cache = new HtmlCache({ maxBytes: 30, maxEntryBytes: 20 })
    cache.set('a', response(), 1_000, 0)
    cache.set('b', response(), 1_000, 0)
    cache.set('c', response(), 1_000, 0)
    cache.get('a')
    cache.set('d', response(), 1_000, 0)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBeDefined()
    expect(cache.size.bytes).toBeLessThanOrEqual(30)
    expect(cache.set('big', response(21), 1_000, 0), 'larger than an entry may be').toBe(false)
  })
})
