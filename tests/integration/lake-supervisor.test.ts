import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'

/**
 * The site supervises its lake (server/lake-supervisor.ts), here through `npm run lake`
 * (server/lake.ts): the lake is seeded and ready, its log lines are prefixed, it is started again
 * when it dies, and it stops with its supervisor.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const HTTP_PORT = 3744
let dir: string
let supervisor: ChildProcess
let output = ''

const pidFile = () => join(dir, 'lake.pid')
const lakePid = () => (existsSync(pidFile()) ? Number(readFileSync(pidFile(), 'utf8')) : undefined)
const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
const count = async () => {
  const response = await fetch(`http://127.0.0.1:${HTTP_PORT}/v2025-02-19/data/query/production?query=${encodeURIComponent('count(*[_type == "article"])')}`)
  return ((await response.json()) as { result: number }).result
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baspa-supervisor-'))
  supervisor = spawn(process.execPath, ['--import', 'tsx', 'server/lake.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LAKE_DB_PATH: join(dir, 'lake.sqlite'),
      LAKE_API_PORT: 'off',
      LAKE_HTTP_PORT: String(HTTP_PORT),
      SITE_URL: 'http://localhost:3799',
      LAKE_QUERY_WORKERS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  supervisor.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  supervisor.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  for (let waited = 0; !lakePid(); waited += 100) {
    if (waited > 30_000 || supervisor.exitCode !== null) throw new Error(`the lake did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}, 40_000)

afterAll(async () => {
  if (supervisor.exitCode === null) supervisor.kill('SIGKILL')
  const pid = lakePid()
  if (pid && alive(pid)) process.kill(pid, 'SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

it('starts the lake seeded with the demo, ready to answer, its log lines prefixed', async () => {
  expect(await count()).toBeGreaterThan(40)
  const lines = output.split('\n').filter(Boolean)
  expect(lines.length).toBeGreaterThan(2)
  for (const line of lines) expect(line).toMatch(/^\[lake\] /)
  expect(output).toContain('seeded')
})

it('starts the lake again when it dies, on the same database', async () => {
  const first = lakePid()!
  process.kill(first, 'SIGKILL')
  await expect.poll(() => lakePid() !== first && alive(lakePid()!), { timeout: 20_000 }).toBe(true)
  await expect.poll(() => count().catch(() => -1), { timeout: 20_000 }).toBeGreaterThan(40)
  expect(output).toMatch(/\[lake\] stopped \(SIGKILL\); restarting in \d+ ms/)
}, 45_000)

it('stops the lake when the supervisor stops', async () => {
  const pid = lakePid()!
  const exited = new Promise((done) => supervisor.once('exit', done))
  supervisor.kill('SIGTERM')
  await exited
  await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false)
  expect(existsSync(pidFile())).toBe(false)
}, 20_000)
