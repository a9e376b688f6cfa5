import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { asRequest } from '@/server/render-start.mjs'

/**
 * Next's cache handler with REDIS_URL (server/shared-cache-handler.mjs) as two instances use it,
 * through a real redis-server: each serves copies from memory, and what one writes or expires
 * reaches the other; a Redis outage costs no error, and no copy from before it is trusted after.
 */
const PORT = 17_379 + Math.floor(Math.random() * 1000)
let redis: ChildProcess
const tmp = mkdtempSync(join(tmpdir(), 'shared-cache-handler-'))
const startRedis = () =>
  spawn('redis-server', ['--port', String(PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--notify-keyspace-events', 'Exe'], {
    stdio: 'ignore',
  })

beforeAll(async () => {
  redis = startRedis()
  await new Promise((resolve) => setTimeout(resolve, 300))
})
afterAll(() => {
  redis?.kill('SIGKILL')
  rmSync(tmp, { recursive: true, force: true })
})

/**
 * A handler as an instance of build `build` has it: the module's state is per process, so each
 * gets its own copy of the module; Next names the build's `server` directory.
 */
async function instance(build = 'build-1') {
  const distDir = join(tmp, build)
  mkdirSync(join(distDir, 'server'), { recursive: true })
  writeFileSync(join(distDir, 'BUILD_ID'), `${build}\n`)
  vi.resetModules()
  const { default: Handler } = await import('@/server/shared-cache-handler.mjs')
  return new Handler({ serverDistDir: join(distDir, 'server') })
}

const KEY = 'data-entry'
const CTX = { kind: 'FETCH', tags: ['article:a'], softTags: [], revalidate: 60 }
const entry = (body: string) => ({ kind: 'FETCH', data: { headers: {}, body, status: 200, url: '' }, revalidate: 60 })
const bodyOf = (cached: { value: unknown } | null) => (cached?.value as { data?: { body?: string } } | undefined)?.data?.body ?? null

it('copies served from memory follow every write and expiry of another instance; a Redis outage costs no error and no stale copy after', async () => {
  vi.stubEnv('REDIS_URL', `redis://127.0.0.1:${PORT}`)
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'log').mockImplementation(() => {})
  const a = await instance()
  const b = await instance()

  // Both connected: what A writes, B reads from Redis, then serves the same object from memory.
  await expect
    .poll(
      async () => {
        await a.set(KEY, entry('v1'), CTX)
        return bodyOf(await b.get(KEY, CTX))
      },
      { timeout: 15_000, interval: 300 },
    )
    .toBe('v1')
  const first = await b.get(KEY, CTX)
  expect(await b.get(KEY, CTX)).toBe(first)

  // A tag expired on A: B's copy is gone within a second.
  await a.revalidateTag(['article:a'])
  await expect.poll(async () => bodyOf(await b.get(KEY, CTX)), { timeout: 1_000, interval: 20 }).toBeNull()

  // A writes again, twice: B, which has a copy of the first, serves the second.
  await a.set(KEY, entry('v2'), CTX)
  await expect.poll(async () => bodyOf(await b.get(KEY, CTX)), { timeout: 1_000, interval: 20 }).toBe('v2')
  await a.set(KEY, entry('v3'), CTX)
  await expect.poll(async () => bodyOf(await b.get(KEY, CTX)), { timeout: 1_000, interval: 20 }).toBe('v3')
  // (A read that raced A's message is served but not kept: B keeps the next.)
  await expect.poll(async () => (await b.get(KEY, CTX)) === (await b.get(KEY, CTX)), { timeout: 1_000, interval: 20 }).toBe(true)

  // Redis gone: B answers from its copy at once, and A, which expires the tag meanwhile, no longer has one.
  redis.kill('SIGKILL')
  await expect.poll(async () => bodyOf(await b.get(KEY, CTX)), { timeout: 5_000, interval: 100 }).toBe('v3')
  const started = Date.now()
  expect(bodyOf(await b.get(KEY, CTX))).toBe('v3')
  expect(Date.now() - started).toBeLessThan(100)
  await a.revalidateTag(['article:a'])
  expect(await a.get(KEY, CTX)).toBeNull()

  // Redis back (empty): B, which cannot know what it missed, trusts its copy no more.
  redis = startRedis()
  await expect.poll(async () => bodyOf(await b.get(KEY, CTX)), { timeout: 20_000, interval: 300 }).toBeNull()
  // And it shares again.
  await expect
    .poll(
      async () => {
        await a.set(KEY, entry('v4'), CTX)
        return bodyOf(await b.get(KEY, CTX))
      },
      { timeout: 20_000, interval: 300 },
    )
    .toBe('v4')
}, 90_000)

it("instances of one build share entries; another build's never sees them (its pages name other scripts)", async () => {
  vi.stubEnv('REDIS_URL', `redis://127.0.0.1:${PORT}`)
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'log').mockImplementation(() => {})
  const [a1, a2, b1, b2] = [await instance('build-a'), await instance('build-a'), await instance('build-b'), await instance('build-b')]
  /** `writer`'s entry read by `reader` from Redis: both are connected. */
  const shared = (writer: typeof a1, reader: typeof a1, key: string, body: string) =>
    expect
      .poll(
        async () => {
          await writer.set(key, entry(body), CTX)
          return bodyOf(await reader.get(key, CTX))
        },
        { timeout: 20_000, interval: 300 },
      )
      .toBe(body)
  await shared(a1, a2, 'page', 'from build a')
  await shared(b1, b2, 'probe', 'build b is connected')
  expect(await b2.get('page', CTX)).toBeNull()
}, 60_000)

/** Runs `write` as a request that began now, once `expire` has run from outside it (a webhook). */
async function writeAfterExpiry(expire: () => Promise<void>, write: () => Promise<void>) {
  let resume!: () => void
  const paused = new Promise<void>((resolve) => (resume = resolve))
  const request = asRequest(async () => {
    await paused
    await write()
  })
  await expire()
  resume()
  await request
}

it('what a render begun before a tag expiry writes is not kept, whichever instance expired the tag', async () => {
  vi.stubEnv('REDIS_URL', `redis://127.0.0.1:${PORT}`)
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'log').mockImplementation(() => {})
  const [a, b] = [await instance('build-race'), await instance('build-race')]
  await expect
    .poll(
      async () => {
        await a.set('probe', entry('connected'), CTX)
        return bodyOf(await b.get('probe', CTX))
      },
      { timeout: 20_000, interval: 300 },
    )
    .toBe('connected')

  // Expired on the writing instance.
  await writeAfterExpiry(
    () => a.revalidateTag(['article:a']),
    () => a.set('race', entry('rendered before the publish'), CTX),
  )
  expect(await a.get('race', CTX)).toBeNull()
  expect(await b.get('race', CTX)).toBeNull()

  // Expired on the other instance, heard through Redis before the write.
  await writeAfterExpiry(
    async () => {
      await b.revalidateTag(['article:b'])
      await new Promise((resolve) => setTimeout(resolve, 300))
    },
    () => a.set('race', entry('rendered before the publish'), CTX),
  )
  expect(await b.get('race', CTX)).toBeNull()

  // A request that begins after the expiry is kept.
  await asRequest(() => a.set('race', entry('rendered after'), CTX))
  expect(bodyOf(await b.get('race', CTX))).toBe('rendered after')
}, 60_000)
