import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test'
import { CLUSTER } from '../../playwright.cluster.config'

/**
 * Several instances behind Varnish, sharing Next's caches in Redis (docs/deploy.md): a publish
 * reaches Varnish and every instance within a second; purges come from the site only; a stopped
 * instance and a Redis outage cost readers nothing. In order: the last tests stop Redis and an instance.
 */
test.describe.configure({ mode: 'serial' })

interface ClusterState {
  varnish: { url: string; pid: number }
  sites: { url: string; pid: number }[]
  redis: { url: string; pid: number; command: string[] }
  lake: { url: string; folder: string }
  purgeSecret: string
}
const state = () => JSON.parse(readFileSync(join(CLUSTER.data, 'cluster.json'), 'utf8')) as ClusterState

let lake: APIRequestContext
let restartedRedis: number | undefined
test.beforeAll(async () => {
  const { editor } = JSON.parse(readFileSync(join(CLUSTER.data, 'lake-tokens.json'), 'utf8')) as { editor: string }
  lake = await playwrightRequest.newContext({ baseURL: `${state().lake.url}/v2025-02-19/`, extraHTTPHeaders: { authorization: `Bearer ${editor}` } })
})
test.afterAll(async () => {
  await lake.dispose()
  // The Redis this file started again is not the cluster script's child: it stops it itself.
  if (restartedRedis) process.kill(restartedRedis, 'SIGTERM')
})

const mutate = async (mutations: unknown[]) => {
  const response = await lake.post('data/mutate/production', { data: { mutations } })
  expect(response.ok(), await response.text()).toBe(true)
}
const article = (id: string, title: string) => ({
  _id: id,
  _type: 'article',
  title,
  slug: { _type: 'slug', current: id },
  lead: 'Новость кластера.',
  language: 'ru',
  publishedAt: new Date(Date.now() - 60_000).toISOString(),
  topics: [{ _type: 'reference', _ref: 'topic-kultura', _key: 't1' }],
  authors: [{ _type: 'reference', _ref: 'author-aygerim-saparova', _key: 'a1' }],
})

/** Polls `url` until `done(status, body)`; the milliseconds it took. */
async function until(request: APIRequestContext, url: string, done: (status: number, body: string) => boolean, timeoutMs = 10_000): Promise<number> {
  const started = Date.now()
  for (;;) {
    const response = await request.get(url, { maxRedirects: 0 })
    if (done(response.status(), await response.text())) return Date.now() - started
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not change within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** After a change, every front (Varnish, then each instance) shows it: the time each took. */
async function everywhere(request: APIRequestContext, path: string, done: (status: number, body: string) => boolean) {
  const fronts = [state().varnish.url, ...state().sites.map((site) => site.url)]
  return Promise.all(fronts.map(async (front) => ({ front, ms: await until(request, `${front}${path}`, done) })))
}

test('a publish, an edit and an unpublish reach Varnish and every instance within a second', async ({ request }) => {
  const id = `cluster-${Date.now().toString(36)}`
  const path = `/news/${id}`
  // Every front has rendered an article page (a first render also compiles), the unknown address
  // and a page that will list the article: what is measured is the change, not a cold start.
  for (const front of [state().varnish.url, ...state().sites.map((site) => site.url)]) {
    expect((await request.get(`${front}/news/peregovory-tokaeva-i-van-i`)).status()).toBe(200)
    expect((await request.get(`${front}${path}`)).status()).toBe(404)
    expect((await request.get(`${front}/topics/kultura`)).status()).toBe(200)
  }
  for (const [step, change, done] of [
    [
      'publish',
      () => mutate([{ createOrReplace: article(id, 'Кластер: первая версия') }]),
      (status: number, body: string) => status === 200 && body.includes('Кластер: первая версия'),
    ],
    [
      'edit',
      () => mutate([{ patch: { id, set: { title: 'Кластер: правка' } } }]),
      (status: number, body: string) => status === 200 && body.includes('Кластер: правка'),
    ],
    ['unpublish', () => mutate([{ delete: { id } }]), (status: number) => status === 404],
  ] as const) {
    await change()
    const times = await everywhere(request, path, done)
    console.log(`[measure] ${step} → visible: ${times.map((t) => `${t.front} ${t.ms} ms`).join(', ')}`)
    for (const { front, ms } of times) expect(ms, `${step} on ${front}`).toBeLessThanOrEqual(1_000)
  }
})

test('a purge from anyone but the site is refused', async ({ request }) => {
  const { varnish, purgeSecret } = state()
  const purge = (headers: Record<string, string>) => request.fetch(`${varnish.url}/`, { method: 'PURGE', headers: { 'xkey-purge': 'home', ...headers } })
  expect((await purge({})).status()).toBe(403)
  expect((await purge({ 'x-purge-secret': 'not-the-secret-000000' })).status()).toBe(403)
  expect((await purge({ 'x-purge-secret': purgeSecret })).status()).toBe(200)
  // Readers never see the tags.
  const page = await request.get(`${varnish.url}/`)
  expect(page.headers()['xkey']).toBeUndefined()
  expect(page.headers()['cache-tag']).toBeUndefined()
})

test('Redis stopped and started again: no 5xx meanwhile, and what was published meanwhile is served everywhere after', async ({ request }) => {
  const { redis, varnish, sites } = state()
  const id = `cluster-redis-${Date.now().toString(36)}`
  process.kill(redis.pid, 'SIGKILL')
  const fronts = [varnish.url, ...sites.map((site) => site.url)]
  let requests = 0
  const failures: string[] = []
  const started = Date.now()
  while (Date.now() - started < 3_000) {
    for (const front of fronts) {
      for (const path of ['/', '/topics', '/news/peregovory-tokaeva-i-van-i', `/search?q=${requests}`]) {
        const status = (await request.get(`${front}${path}`)).status()
        requests++
        if (status >= 500) failures.push(`${front}${path} ${status}`)
      }
    }
  }
  await mutate([{ createOrReplace: article(id, 'Опубликовано без Redis') }])
  const during = await everywhere(request, `/news/${id}`, (status, body) => status === 200 && body.includes('Опубликовано без Redis'))
  const restarted = spawn(redis.command[0]!, redis.command.slice(1), { detached: true, stdio: 'ignore' })
  restarted.unref()
  restartedRedis = restarted.pid
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  // Back in Redis: what an instance kept from before the outage must not come back.
  const after = await everywhere(request, `/news/${id}`, (status, body) => status === 200 && body.includes('Опубликовано без Redis'))
  console.log(
    `[measure] Redis down: ${requests} requests, ${failures.length} 5xx; published meanwhile → visible ${during.map((t) => t.ms).join('/')} ms; after Redis returned ${after.map((t) => t.ms).join('/')} ms`,
  )
  expect(failures).toEqual([])
})

test('an instance stopped: Varnish keeps answering, with no error', async ({ request }) => {
  const { sites, varnish } = state()
  process.kill(sites[0]!.pid, 'SIGKILL')
  let requests = 0
  const failures: string[] = []
  const started = Date.now()
  while (Date.now() - started < 5_000) {
    for (const path of ['/', '/topics/torgovlya', '/news/peregovory-tokaeva-i-van-i', `/news/not-there-${requests}`, `/search?q=x${requests}`]) {
      const response = await request.get(`${varnish.url}${path}`).catch((error: Error) => error)
      requests++
      if (response instanceof Error) failures.push(`${path} ${response.message}`)
      else if (response.status() >= 500) failures.push(`${path} ${response.status()}`)
    }
  }
  console.log(`[measure] one instance stopped: ${requests} requests through Varnish in 5 s, ${failures.length} errors`)
  expect(failures).toEqual([])
})
