import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { htmlPurgeBus } from '@/server/html-purge-bus'

/** The HTML caches of several instances purge together through a real redis-server. */
const PORT = 16_379 + Math.floor(Math.random() * 1000)
let redis: ChildProcess
const startRedis = () => spawn('redis-server', ['--port', String(PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })

beforeAll(async () => {
  redis = startRedis()
  await new Promise((resolve) => setTimeout(resolve, 300))
})
afterAll(() => {
  redis?.kill('SIGKILL')
})

it('a purge published by one instance purges the others, not itself twice; a Redis outage costs only the sharing', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'log').mockImplementation(() => {})
  const purged = { a: 0, b: 0, c: 0 }
  const url = `redis://127.0.0.1:${PORT}`
  const a = htmlPurgeBus(url, () => purged.a++)
  const b = htmlPurgeBus(url, () => purged.b++)
  const c = htmlPurgeBus(url, () => purged.c++)
  await expect.poll(() => [a, b, c].every((bus) => bus.hearing()), { timeout: 5_000 }).toBe(true)
  // Each purged as it began to listen: a purge published before could not have been heard.
  expect(purged.b).toBeGreaterThan(0)
  Object.assign(purged, { a: 0, b: 0, c: 0 })
  a.publish()
  await expect.poll(() => ({ ...purged }), { timeout: 5_000 }).toEqual({ a: 0, b: 1, c: 1 })

  redis.kill('SIGKILL')
  // The others may have missed a purge while they were not listening: they purge at once.
  await expect.poll(() => purged.b, { timeout: 5_000 }).toBeGreaterThan(1)
  expect(() => a.publish()).not.toThrow()
  const beforeRestart = purged.b
  redis = startRedis()
  // The buses reconnect by themselves and listen again.
  await expect
    .poll(
      () => {
        a.publish()
        return purged.b
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBeGreaterThan(beforeRestart)
})
