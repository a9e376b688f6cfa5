import { createServer, request, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withFastPath, type RequestHandler } from '@/server/fast-path'
import { HtmlCache } from '@/server/html-cache'
import { withoutClientRuntime } from '@/server/reader-html'

/**
 * server/reader-html.ts over real HTTP, in front of a handler that answers the way Next's does:
 * headers through writeHead or setHeader, the body in several writes or one end, 304s, errors.
 * (e2e/reader-html.spec.ts runs the same against the real Next server.)
 */

const RUNTIME = '<script src="/_next/static/chunks/main.js" async=""></script><script>self.__next_f.push([1,"x"])</script>'
const JSON_LD = '<script type="application/ld+json">{"@type":"NewsArticle"}</script>'
const page = (text: string) => `<!DOCTYPE html><html><head>${RUNTIME}</head><body><p>${text.repeat(200)}</p>${JSON_LD}</body></html>`
const POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; script-src-attr 'none'"
const ISR = {
  'content-security-policy': POLICY,
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 's-maxage=60, stale-while-revalidate=31535940',
  etag: '"abc"',
  vary: 'rsc',
}

const seen: { path: string; acceptEncoding: string | undefined }[] = []

const next: RequestHandler = (req, res) => {
  const path = (req.url ?? '/').split('?')[0]!
  seen.push({ path, acceptEncoding: req.headers['accept-encoding'] })
  const send = (status: number, headers: Record<string, string>, ...chunks: string[]) => {
    res.writeHead(status, headers)
    for (const chunk of chunks.slice(0, -1)) res.write(chunk)
    res.end(chunks.at(-1))
  }
  if (req.headers['if-none-match'] === '"abc"') return send(304, { etag: '"abc"' })
  switch (path) {
    case '/news/streamed': {
      const body = page('Новости ')
      return send(200, ISR, body.slice(0, 100), body.slice(100, 5000), body.slice(5000))
    }
    case '/news/one-piece':
      res.statusCode = 200
      for (const [name, value] of Object.entries(ISR)) res.setHeader(name, value)
      res.setHeader('content-length', Buffer.byteLength(page('Статья ')))
      return res.end(Buffer.from(page('Статья ')))
    case '/news/missing':
      return send(404, { 'content-type': 'text/html; charset=utf-8' }, page('Не найдено '))
    case '/news/gone':
      return send(404, { 'content-type': 'text/html; charset=utf-8' }, `<!DOCTYPE html><html><head>${RUNTIME}</head><body><div hidden=""></div></body></html>`)
    case '/news/failed':
      return send(500, { 'content-security-policy': POLICY, 'content-type': 'text/html; charset=utf-8' }, page('Ошибка '))
    case '/rss.xml':
      return send(200, { 'content-type': 'application/rss+xml; charset=utf-8' }, `<rss>${'<item/>'.repeat(500)}</rss>`)
    case '/tiny.txt':
      return send(200, { 'content-type': 'text/plain' }, 'ok')
    case '/logo.png':
      return send(200, { 'content-type': 'image/png' }, 'PNG'.repeat(1000))
    case '/studio':
      return send(200, { 'content-type': 'text/html; charset=utf-8' }, page('Studio '))
    default:
      return send(200, { 'content-type': 'text/html; charset=utf-8' }, page('Draft '))
  }
}

let server: Server
let base = ''
beforeAll(async () => {
  const handler = withFastPath(withoutClientRuntime(next), new HtmlCache({ maxBytes: 1 << 20, maxEntryBytes: 1 << 20 }), 10_000)
  server = createServer(handler as (req: unknown, res: ServerResponse) => void)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** The raw answer: fetch would decompress, and the test is about what goes over the wire. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; text: string }>((resolve, reject) => {
    request(`${base}${path}`, { headers, method }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8')
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text })
      })
    })
      .on('error', reject)
      .end()
  })
}

describe("reader pages go out without Next's client runtime", () => {
  it('a page written in pieces: stripped, gzipped for a reader that accepts it, with its length', async () => {
    const answer = await get('/news/streamed', { 'accept-encoding': 'gzip, deflate, br' })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-encoding']).toBe('gzip')
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length)
    expect(answer.headers.vary).toBe('rsc, Accept-Encoding')
    expect(answer.headers.etag).toBe('"abc"')
    expect(answer.headers['content-security-policy'], 'a page that runs no script allows none').toBe(
      "default-src 'self'; script-src-attr 'none'; script-src 'none'",
    )
    expect(answer.text).toBe(page('Новости ').replace(RUNTIME, ''))
    expect(seen.findLast((request) => request.path === '/news/streamed')?.acceptEncoding, 'Next is asked for an uncompressed page').toBe('identity')
  })

  it('a page written at once, for a reader that takes no gzip: stripped and uncompressed', async () => {
    for (const acceptEncoding of [undefined, 'identity', 'gzip;q=0, br', '*;q=0']) {
      const answer = await get('/news/one-piece', acceptEncoding ? { 'accept-encoding': acceptEncoding } : {})
      expect(answer.headers['content-encoding'], acceptEncoding).toBeUndefined()
      expect(answer.text, acceptEncoding).toBe(page('Статья ').replace(RUNTIME, ''))
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length)
    }
  })

  it('the fast path keeps the stripped page and answers it again as it was sent', async () => {
    const first = await get('/news/one-piece', { 'accept-encoding': 'gzip' })
    const again = await get('/news/one-piece', { 'accept-encoding': 'gzip' })
    expect(again.headers['x-baspa-cache']).toBe('hit')
    expect(again.headers['content-encoding']).toBe('gzip')
    expect(again.text).toBe(first.text)
    expect(again.text).not.toContain('__next_f')
  })

  it('a not-found page is stripped too, unless the runtime renders it; a failed render keeps the runtime that shows its error boundary', async () => {
    const missing = await get('/news/missing', { 'accept-encoding': 'gzip' })
    expect(missing.status).toBe(404)
    expect(missing.text).toBe(page('Не найдено ').replace(RUNTIME, ''))
    const gone = await get('/news/gone', { 'accept-encoding': 'gzip' })
    expect([gone.status, gone.text.includes(RUNTIME)]).toEqual([404, true])
    const failed = await get('/news/failed', { 'accept-encoding': 'gzip' })
    expect(failed.status).toBe(500)
    expect(failed.headers['content-encoding']).toBe('gzip')
    expect(failed.text).toBe(page('Ошибка '))
    expect(failed.headers['content-security-policy']).toBe(POLICY)
  })

  it('a conditional request gets its 304 without a body', async () => {
    const answer = await get('/news/one-piece', { 'accept-encoding': 'gzip', 'if-none-match': '"abc"' })
    expect(answer.status).toBe(304)
    expect(answer.body.length).toBe(0)
    expect(answer.headers['content-length']).toBeUndefined()
  })

  it('other answers to a reader are compressed as Next would: text of 1 kB or more, not images', async () => {
    const feed = await get('/rss.xml', { 'accept-encoding': 'gzip' })
    expect(feed.headers['content-encoding']).toBe('gzip')
    expect(feed.text).toBe(`<rss>${'<item/>'.repeat(500)}</rss>`)
    const tiny = await get('/tiny.txt', { 'accept-encoding': 'gzip' })
    expect([tiny.headers['content-encoding'], tiny.text]).toEqual([undefined, 'ok'])
    const image = await get('/logo.png', { 'accept-encoding': 'gzip' })
    expect([image.headers['content-encoding'], image.text]).toEqual([undefined, 'PNG'.repeat(1000)])
  })

  it('the Studio, draft previews, RSC requests and HEAD go to Next untouched', async () => {
    const untouched: [string, Record<string, string>][] = [
      ['/studio', {}],
      ['/news/draft', { cookie: '__prerender_bypass=1' }],
      ['/news/rsc', { rsc: '1' }],
      ['/news/rsc?_rsc=abc', {}],
    ]
    for (const [path, headers] of untouched) {
      const answer = await get(path, { 'accept-encoding': 'gzip', ...headers })
      expect(answer.text, path).toContain('__next_f')
      expect(seen.at(-1)?.acceptEncoding, path).toBe('gzip')
    }
    const head = await get('/news/head', { 'accept-encoding': 'gzip' }, 'HEAD')
    expect([head.status, head.body.length, seen.at(-1)?.acceptEncoding]).toEqual([200, 0, 'gzip'])
  })
})
