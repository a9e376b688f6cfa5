import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, type LakeLimits } from '../src/config'
import { startLakeServer, type LakeServer } from '../src/http/server'
import { LakeTokens } from '../src/http/tokens'
import { registeredPlans } from '../src/planner'
import { LakeQueryEngine } from '../src/query'
import { QueryPool } from '../src/query-pool'
import { tempLake, type TempLake } from './lake-fixture'

/**
 * The lake's limits, request by request: what an abusive or careless client sends is answered
 * within its limit with a clear status, and meanwhile a small query the site sends all the time
 * still answers at once. Limits are lowered where the defaults would make the test slow.
 */
const TIMEOUT_MS = 1_500
const QUICK = 'count(*[_type == "article"])'

let lake: TempLake
let server: LakeServer
let limits: LakeLimits

const url = (path: string) => `${server.httpUrl}/v2025-02-19${path}`
const query = (groq: string) => fetch(url(`/data/query/production?query=${encodeURIComponent(groq)}`))
const postQuery = (groq: string, params = {}) =>
  fetch(url('/data/query/production'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: groq, params }) })

/** Sends `request`, and while it runs, the quick query every 50 ms: returns the answer and the quick query's worst latency. */
async function whileQuick(
  request: () => Promise<Response>,
): Promise<{ response: Response; body: { error?: { type: string; description: string } }; ms: number; worstQuick: number }> {
  let worstQuick = 0
  let done = false
  const probes = (async () => {
    while (!done) {
      const started = performance.now()
      const answer = await query(QUICK)
      expect(answer.status).toBe(200)
      await answer.json()
      worstQuick = Math.max(worstQuick, performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  const started = performance.now()
  const response = await request()
  const text = await response.text()
  const ms = performance.now() - started
  done = true
  await probes
  return { response, body: (text.startsWith('{') ? JSON.parse(text) : {}) as never, ms, worstQuick }
}

beforeAll(async () => {
  lake = tempLake()
  limits = { ...DEFAULT_LIMITS, queryTimeoutMs: TIMEOUT_MS, queryWorkers: 2 }
  server = await startLakeServer({ lake, tokens: new LakeTokens(lake.store), projectId: 'local', dataset: 'production', httpPort: 0, limits })
  // The quick query is known to the pool (it has answered fast), as the site's queries are.
  for (let i = 0; i < 3; i++) expect((await query(QUICK)).status).toBe(200)
})
afterAll(async () => {
  await server?.close()
  lake?.dispose()
})

describe('hostile queries are answered within their limits, and a known quick query keeps answering', () => {
  const table: { name: string; send: () => Promise<Response>; status: number; type: string; within: number }[] = [
    {
      name: 'a nested scan of every document, cubed',
      send: () => query('count(*[]{"x": *[]{"y": *[]{_id}}})'),
      status: 408,
      type: 'queryTimeout',
      within: TIMEOUT_MS + 1_500,
    },
    {
      name: 'a 240 kB query of 20 000 literal ids',
      send: () => postQuery(`*[_id in [${Array.from({ length: 20_000 }, (_, i) => `"id-${i}"`).join(',')}]]._id`),
      status: 413,
      type: 'queryTooLarge',
      within: 1_000,
    },
    {
      name: 'a result of every document squared',
      send: () => query('*[]{"x": *[]{"y": *[]}}'),
      status: 422,
      type: 'resultTooLarge',
      within: TIMEOUT_MS + 1_500,
    },
    {
      name: 'a function groq-js does not implement',
      send: () => query('*[geo::distance(location, geo::latLng(43.2, 76.9)) < 1000]'),
      status: 400,
      type: 'queryParseError',
      within: 1_000,
    },
    { name: 'an unknown function', send: () => query('*[nosuch::thing(_id)]'), status: 400, type: 'queryParseError', within: 1_000 },
    { name: 'a syntax error', send: () => query('*[_type == "article"'), status: 400, type: 'queryParseError', within: 1_000 },
  ]
  for (const row of table) {
    it(`${row.name}: ${row.status} ${row.type}`, async () => {
      const { response, body, ms, worstQuick } = await whileQuick(row.send)
      expect(response.status, JSON.stringify(body)).toBe(row.status)
      expect(body.error?.type).toBe(row.type)
      expect(body.error?.description).toBeTruthy()
      expect(ms).toBeLessThan(row.within)
      expect(worstQuick, 'the quick query’s worst latency meanwhile').toBeLessThan(1_000)
    })
  }

  it('the same holds for the ids passed as a parameter, which is how long lists should come: answered', async () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `id-${i}`).concat(['siteSettings'])
    const response = await postQuery('*[_id in $ids]._id', { ids })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { result: string[] }).result).toEqual(['siteSettings'])
  })
})

describe('a query that does not stop at its deadline', () => {
  let strict: LakeServer
  afterEach(async () => strict?.close())

  it('is cancelled by terminating its worker, which is replaced: 408, and the next query answers', async () => {
    // groq-js parses in one synchronous call: a long literal list takes seconds and cannot stop itself.
    strict = await startLakeServer({
      lake,
      tokens: new LakeTokens(lake.store),
      projectId: 'local',
      dataset: 'production',
      httpPort: 0,
      limits: { ...limits, queryTimeoutMs: 200, maxQueryBytes: 4 * 1024 * 1024, queryWorkers: 1 },
    })
    const groq = `count([${Array.from({ length: 60_000 }, (_, i) => `"x${i}"`).join(',')}])`
    const started = performance.now()
    const response = await fetch(`${strict.httpUrl}/v2025-02-19/data/query/production`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: groq }),
    })
    expect(response.status).toBe(408)
    expect(performance.now() - started).toBeLessThan(3_000)
    const next = await fetch(`${strict.httpUrl}/v2025-02-19/data/query/production?query=${encodeURIComponent(QUICK)}`)
    expect(next.status).toBe(200)
  })
})

describe('the queue', () => {
  let small: LakeServer
  afterEach(async () => small?.close())

  it('refuses queries past its length with 429 and Retry-After, and serves the rest', async () => {
    small = await startLakeServer({
      lake,
      tokens: new LakeTokens(lake.store),
      projectId: 'local',
      dataset: 'production',
      httpPort: 0,
      limits: { ...limits, queryTimeoutMs: 1_000, queryWorkers: 1, queryQueue: 2 },
    })
    const heavy = () => fetch(`${small.httpUrl}/v2025-02-19/data/query/production?query=${encodeURIComponent('count(*[]{"x": *[]{"y": *[]{_id}}})')}`)
    const answers = await Promise.all(Array.from({ length: 6 }, heavy))
    const statuses = answers.map((answer) => answer.status).sort()
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(3)
    expect(statuses.filter((status) => status === 408).length).toBeGreaterThanOrEqual(1)
    expect(answers.find((answer) => answer.status === 429)!.headers.get('retry-after')).toBe('1')
  })
})

describe('memory', () => {
  let tight: LakeServer
  afterEach(async () => tight?.close())

  it('a query that needs more heap than a worker has is refused (422) and the worker replaced', async () => {
    tight = await startLakeServer({
      lake,
      tokens: new LakeTokens(lake.store),
      projectId: 'local',
      dataset: 'production',
      httpPort: 0,
      limits: { ...limits, queryTimeoutMs: 20_000, queryWorkers: 1, queryWorkerHeapMb: 96 },
    })
    const response = await fetch(`${tight.httpUrl}/v2025-02-19/data/query/production?query=${encodeURIComponent('count(*[]{"x": *[]{"y": *[]{"z": *[]}}})')}`)
    expect(response.status).toBe(422)
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('queryMemoryLimit')
    expect((await fetch(`${tight.httpUrl}/v2025-02-19/data/query/production?query=${encodeURIComponent(QUICK)}`)).status).toBe(200)
  }, 60_000)

  it('a worker whose heap grew leaves after answering, and a fresh one takes the next query', async () => {
    // Any growth counts here, so that every job retires its worker: the answers must still all arrive.
    const pool = new QueryPool({ databaseFile: lake.file, limits: { ...limits, queryWorkers: 1 }, retireAboveBytes: Number.NEGATIVE_INFINITY })
    try {
      await expect(pool.run({ kind: 'query', query: '*[]{"x": *[]{"y": *[]}}', params: {}, perspective: 'published' })).rejects.toMatchObject({ status: 422 })
      expect(await pool.query(QUICK, {}, 'published')).toBeGreaterThan(40)
      expect(await Promise.all([pool.query(QUICK, {}, 'published'), pool.query(QUICK, {}, 'published')])).toEqual([56, 56])
      await expect.poll(() => pool.stats().replacements).toBe(4)
    } finally {
      await pool.close()
    }
  })

  it('the parse cache stays within its bytes, and drops the planner’s plans with the trees it evicts', async () => {
    const engine = new LakeQueryEngine(lake.store, { parseCacheBytes: 1024 * 1024 })
    const before = registeredPlans()
    for (let i = 0; i < 40; i++) {
      // 40 distinct queries of ~50 kB each: 2 MB of text, 35 MB of trees if all were kept.
      await engine.query(`*[_type == "article" && slug.current == $slug && title != "${'x'.repeat(50_000)}${i}"][0]._id`, { slug: 'nothing' })
    }
    expect(engine.parseCache().bytes).toBeLessThanOrEqual(1024 * 1024)
    expect(engine.parseCache().entries).toBeLessThan(40)
    expect(registeredPlans() - before).toBeLessThanOrEqual(engine.parseCache().entries)
  })
})

describe('images', () => {
  const renditionOf = async (query: string) => {
    const name = lake.store.db.prepare("SELECT id FROM assets WHERE id LIKE 'image-%' LIMIT 1").pluck().get() as string
    const [, hash, size, extension] = /^image-([a-f0-9]+)-(\d+x\d+)-(\w+)$/.exec(name)!
    return fetch(url(`/images/local/production/${hash}-${size}.${extension}?${query}`), { headers: { accept: 'image/avif,image/webp' } }).then(
      async (response) => ({
        response,
        meta: response.status === 200 ? await sharp(Buffer.from(await response.arrayBuffer())).metadata() : undefined,
      }),
    )
  }

  it('caps the output at 4096 px a side, keeping the aspect ratio, and bounds the encoder effort', async () => {
    const started = performance.now()
    const { response, meta } = await renditionOf('w=5000&h=5000&fit=crop&fm=avif&q=100')
    expect(response.status).toBe(200)
    expect([meta!.width, meta!.height]).toEqual([4096, 4096])
    expect(performance.now() - started).toBeLessThan(30_000)
  }, 60_000)

  it('never enlarges past the source for fits that do not need it', async () => {
    const { meta } = await renditionOf('w=3000&fit=max&fm=jpg')
    expect(meta!.width).toBe(1600)
    const clip = await renditionOf('w=3000&fm=jpg')
    expect(clip.meta!.width).toBe(1600)
  })
})
