import Database from 'better-sqlite3'
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isValidSignature } from '@sanity/webhook'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { DATASET, lakeClient } from './lake-fixture'

/**
 * Webhooks survive the lake: a lake killed between a commit and its webhook's delivery sends it
 * after the restart, and a scheduled moment that passes while it is down fires when it is back.
 * The lake runs as the site runs it, `baspa-lake serve` in a process of its own.
 */
const BIN = join(import.meta.dirname, '../bin/baspa-lake.mjs')
const SECRET = 'restart-test-secret-0123456789'

interface Hook {
  headers: IncomingMessage['headers']
  body: string
  res: ServerResponse
}
let dir: string
let receiver: Server
let hooks: Hook[] = []
/** hold: keep the request open without an answer (the lake is mid-delivery); ok: 200. */
let mode: 'hold' | 'ok' = 'ok'
let lake: ChildProcess | undefined

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-restart-'))
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      hooks.push({ headers: req.headers, body, res })
      if (mode === 'ok') res.writeHead(200).end('{}')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
})
afterEach(() => {
  lake?.kill('SIGKILL')
  hooks = []
})
afterAll(async () => {
  receiver.closeAllConnections()
  await new Promise((resolve) => receiver.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

async function startLake(name: string): Promise<string> {
  const env = {
    ...process.env,
    LAKE_DB_PATH: join(dir, name, 'lake.sqlite'),
    LAKE_API_PORT: 'off',
    LAKE_HTTP_PORT: '0',
    LAKE_SEED_FILE: DATASET,
    LAKE_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    LAKE_WEBHOOK_SECRET: SECRET,
    LAKE_WEBHOOK_FILTER: '_type in ["topic", "article"]',
    LAKE_WEBHOOK_PROJECTION: '{"id": coalesce(after()._id, before()._id), "operation": delta::operation()}',
    LAKE_WEBHOOK_SCHEDULE_FIELD: 'publishedAt',
    LAKE_WEBHOOK_RETRY_MS: '100',
    LAKE_TEST_CLOCK_FILE: join(dir, `${name}-clock`),
  }
  const child = fork(BIN, ['serve'], { env, execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  lake = child
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type?: string; httpUrl?: string }) => message.type === 'ready' && resolve(message.httpUrl!))
    child.once('exit', (code) => reject(new Error(`the lake exited (${code}) before it was ready`)))
  })
}

const editorOf = (name: string, httpUrl: string) =>
  lakeClient(httpUrl, (JSON.parse(readFileSync(join(dir, name, 'lake-tokens.json'), 'utf8')) as { editor: string }).editor)

function pending(name: string): number {
  const db = new Database(join(dir, name, 'lake.sqlite'), { readonly: true })
  try {
    return db.prepare(`SELECT count(*) FROM webhook_outbox WHERE state = 'pending'`).pluck().get() as number
  } finally {
    db.close()
  }
}

async function kill(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

it('a lake killed while delivering sends the webhook again after the restart, with the same idempotency key', async () => {
  mode = 'hold'
  const editor = editorOf('killed', await startLake('killed'))
  await editor.create({ _id: 'topic-restart', _type: 'topic', title: { _type: 'localeString', ru: 'Перезапуск' }, slug: { _type: 'slug', current: 'restart' } })
  await expect.poll(() => hooks.length, { timeout: 10_000 }).toBe(1)
  const [first] = hooks
  await kill(lake)
  first!.res.destroy()

  mode = 'ok'
  hooks = []
  await startLake('killed')
  await expect.poll(() => hooks.length, { timeout: 15_000 }).toBe(1)
  const [again] = hooks
  expect(again!.headers['idempotency-key']).toBe(first!.headers['idempotency-key'])
  expect(JSON.parse(again!.body)).toEqual({ id: 'topic-restart', operation: 'create' })
  expect(await isValidSignature(again!.body, String(again!.headers['sanity-webhook-signature']), SECRET)).toBe(true)
})

it('an embargo that ends while the lake is down fires when it is back', async () => {
  mode = 'ok'
  const clock = join(dir, 'embargo-clock')
  const editor = editorOf('embargo', await startLake('embargo'))
  await editor.create({
    _id: 'article-embargo',
    _type: 'article',
    title: 'Под эмбарго',
    slug: { _type: 'slug', current: 'embargo' },
    publishedAt: new Date(Date.now() + 60_000).toISOString(),
  })
  await expect.poll(() => hooks.map((hook) => JSON.parse(hook.body) as unknown), { timeout: 10_000 }).toEqual([{ id: 'article-embargo', operation: 'create' }])
  // Acknowledged and out of the outbox (a kill before that would rightly send it again: at least once).
  await expect.poll(() => pending('embargo'), { timeout: 10_000 }).toBe(0)
  await kill(lake)

  hooks = []
  writeFileSync(clock, String(2 * 60_000))
  await startLake('embargo')
  await expect.poll(() => hooks.map((hook) => JSON.parse(hook.body) as unknown), { timeout: 15_000 }).toEqual([{ id: 'article-embargo', operation: 'update' }])
})
