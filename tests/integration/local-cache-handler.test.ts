import { mkdtempSync, rmSync } from 'node:fs'
import * as fs from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import LocalCacheHandler from '@/server/local-cache-handler.mjs'
import { asRequest, onStaleWriteRefused } from '@/server/render-start.mjs'

/**
 * Next's own cache handler as the portal runs it without Redis (server/local-cache-handler.mjs):
 * a render that began before a tag expiry (a publish's webhook) may lack the publish, and what it
 * writes is not kept; Next would stamp it fresh and serve it until the page's ceiling.
 */
const dir = mkdtempSync(join(tmpdir(), 'local-cache-handler-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const handler = new LocalCacheHandler({
  fs: { ...fs, ...fs.promises },
  flushToDisk: false,
  serverDistDir: dir,
  maxMemoryCacheSize: 1024 * 1024,
  revalidatedTags: [],
})
const CTX = { kind: 'FETCH', fetchCache: true, tags: ['topic:trade'], softTags: [] }
const entry = (body: string) => ({ kind: 'FETCH', data: { headers: {}, body, status: 200, url: '' }, revalidate: 60 })
const bodyOf = async (key: string) => ((await handler.get(key, CTX)) as { value?: { data?: { body?: string } } } | null)?.value?.data?.body ?? null

it('keeps what a request writes when no tag expired since it began', async () => {
  await asRequest(() => handler.set('fresh', entry('v1'), CTX))
  expect(await bodyOf('fresh')).toBe('v1')
})

it('keeps nothing a request writes after a tag expiry it began before, says so, and keeps the next request’s', async () => {
  const refused = vi.fn()
  onStaleWriteRefused(refused)
  let resume!: () => void
  const paused = new Promise<void>((resolve) => (resume = resolve))
  const render = asRequest(async () => {
    await paused
    await handler.set('raced', entry('read before the publish'), CTX)
  })
  // The webhook, outside the render: any tag counts.
  await handler.revalidateTag(['person:somebody-else'], { expire: 0 })
  resume()
  await render
  expect(await bodyOf('raced')).toBeNull()
  // Other requests may have been answered with that render (the HTML cache keeps none of them).
  expect(refused).toHaveBeenCalledTimes(1)

  await asRequest(() => handler.set('raced', entry('read after'), CTX))
  expect(await bodyOf('raced')).toBe('read after')
  expect(refused).toHaveBeenCalledTimes(1)
})

it('an entry written in the millisecond of a later expiry counts as written before it', async () => {
  // The write and the expiry see one millisecond; Next compares the expiry with the real clock.
  const now = Date.now()
  const clock = vi.spyOn(Date, 'now').mockImplementation(() => now)
  try {
    await asRequest(() => handler.set('same-ms', entry('read before the publish'), CTX))
    await handler.revalidateTag(['topic:trade'], { expire: 0 })
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await bodyOf('same-ms')).toBeNull()
  } finally {
    clock.mockRestore()
  }
  await asRequest(() => handler.set('same-ms', entry('read after'), CTX))
  expect(await bodyOf('same-ms')).toBe('read after')
})

it('keeps a data entry of up to 2 MB, as Next does with its own handler', async () => {
  await asRequest(() => handler.set('small', entry('x'.repeat(1024)), CTX))
  await asRequest(() => handler.set('huge', entry('x'.repeat(2 * 1024 * 1024 + 1)), CTX))
  expect(await bodyOf('small')).toHaveLength(1024)
  expect(await bodyOf('huge')).toBeNull()
})
