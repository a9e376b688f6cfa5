import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startLakeServer, type LakeServer } from '../src/http/server'
import { ensureTls } from '../src/http/tls'
import { LakeTokens } from '../src/http/tokens'
import { isValidSignature } from '@sanity/webhook'
import { offsetClock } from '../src/clock'
import { DEFAULT_LIMITS } from '../src/config'
import { WebhookOutbox } from '../src/webhook-outbox'
import { startLakeWebhooks, type LakeWebhooks } from '../src/webhooks'
import { tempLake, type TempLake } from './lake-fixture'

/**
 * The lake sends Sanity's GROQ-powered webhook as configured (filter, projection, secret): changes
 * reach a receiver signed, in order, only for published documents that match the filter, and when
 * a scheduled document's time comes.
 */
const FILTER = '_type in ["article", "topic"]'
const PROJECTION = `{
  "operation": delta::operation(),
  "documentId": coalesce(after()._id, before()._id),
  "type": coalesce(after()._type, before()._type),
  "slug": { "before": before().slug.current, "after": after().slug.current },
  "topics": { "before": before().topics[]->slug.current, "after": after().topics[]->slug.current }
}`
interface Payload {
  operation: string
  documentId: string
  type: string
  slug: { before: string | null; after: string | null }
  topics: { before: string[] | null; after: string[] | null }
}
interface Received {
  headers: Record<string, string | string[] | undefined>
  body: string
}

const SECRET = 'contract-test-secret-0123456789'
let lake: TempLake
let server: LakeServer
let webhooks: LakeWebhooks
let receiver: Server
let received: Received[] = []
let failNext = 0
/** Status the receiver answers failures with. */
let failWith = 503
let editor: SanityClient
let outbox: WebhookOutbox
const CLOCK_FILE = join(mkdtempSync(join(tmpdir(), 'lake-clock-')), 'offset')

beforeAll(async () => {
  lake = tempLake({ clock: offsetClock(CLOCK_FILE) })
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      if (failNext > 0) {
        failNext--
        res.writeHead(failWith).end(failWith === 503 ? 'try later' : 'bad signature')
        return
      }
      received.push({ headers: req.headers, body })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const tokens = new LakeTokens(lake.store)
  outbox = new WebhookOutbox(lake.store)
  server = await startLakeServer({
    lake,
    tokens,
    tls: await ensureTls(process.env.BASPA_TEST_TLS_DIR!),
    projectId: 'local',
    dataset: 'production',
    port: 0,
    limits: DEFAULT_LIMITS,
    clockOffsetFile: CLOCK_FILE,
  })
  webhooks = startLakeWebhooks(
    {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      secret: SECRET,
      filter: FILTER,
      projection: PROJECTION,
      scheduleField: 'publishedAt',
      retry: { retryDelayMs: 100, maxAttempts: 3 },
    },
    {
      store: lake.store,
      evaluator: server.queries,
      engine: lake.engine,
      events: server.events,
      clock: offsetClock(CLOCK_FILE),
      projectId: 'local',
      dataset: 'production',
    },
  )
  editor = createClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: server.url,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    token: tokens.mint('editor', 'Редактор'),
  })
})
afterAll(async () => {
  await webhooks.stop()
  await server.close()
  await new Promise((resolve) => receiver.close(resolve))
  lake.dispose()
})
beforeEach(() => {
  received = []
  failNext = 0
  failWith = 503
})

const act = (actions: unknown[]) => editor.request({ method: 'POST', uri: '/data/actions/production', body: { actions } })
const article = (id: string, fields: Record<string, unknown> = {}) => ({
  _id: `drafts.${id}`,
  _type: 'article',
  title: 'Новая статья',
  slug: { _type: 'slug', current: id },
  lead: 'Лид.',
  publishedAt: new Date(Date.now() - 60_000).toISOString(),
  topics: [{ _type: 'reference', _ref: 'topic-torgovlya', _key: 't1' }],
  countries: [{ _type: 'reference', _ref: 'country-kitay', _key: 'c1' }],
  authors: [{ _type: 'reference', _ref: 'author-aygerim-saparova', _key: 'a1' }],
  ...fields,
})
const publish = (id: string) => act([{ actionType: 'sanity.action.document.publish', draftId: `drafts.${id}`, publishedId: id }])
const payloads = () => received.map((r) => JSON.parse(r.body) as Payload)

describe('GROQ-powered webhooks from the lake', () => {
  it('a draft edit sends nothing; publishing sends one signed create with the article’s slugs dereferenced', async () => {
    await act([{ actionType: 'sanity.action.document.create', publishedId: 'hook-1', attributes: article('hook-1'), ifExists: 'fail' }])
    await webhooks.idle()
    expect(received).toHaveLength(0)

    await publish('hook-1')
    await webhooks.idle()
    expect(received).toHaveLength(1)
    const [hook] = received
    expect(await isValidSignature(hook!.body, String(hook!.headers['sanity-webhook-signature']), SECRET)).toBe(true)
    expect(hook!.headers).toMatchObject({ 'sanity-operation': 'create', 'sanity-document-id': 'hook-1', 'sanity-dataset': 'production' })
    const [payload] = payloads()
    expect(payload).toMatchObject({ operation: 'create', type: 'article', slug: { before: null, after: 'hook-1' }, topics: { after: ['torgovlya'] } })
  })

  it('editing the published article sends an update with before and after; unpublishing sends a delete', async () => {
    await editor
      .patch('hook-1')
      .set({ topics: [{ _type: 'reference', _ref: 'topic-ekonomika', _key: 't2' }] })
      .commit()
    await webhooks.idle()
    expect(payloads()).toEqual([expect.objectContaining({ operation: 'update', topics: { before: ['torgovlya'], after: ['ekonomika'] } })])

    received = []
    await act([{ actionType: 'sanity.action.document.unpublish', draftId: 'drafts.hook-1', publishedId: 'hook-1' }])
    await webhooks.idle()
    expect(payloads()).toEqual([expect.objectContaining({ operation: 'delete', slug: { before: 'hook-1', after: null } })])
  })

  it('retries a receiver that is briefly unavailable', async () => {
    failNext = 2
    await editor.create({ _id: 'topic-hook', _type: 'topic', title: { _type: 'localeString', ru: 'Тема' }, slug: { _type: 'slug', current: 'tema-hook' } })
    await webhooks.idle()
    expect(payloads()).toEqual([expect.objectContaining({ operation: 'create', type: 'topic', slug: { before: null, after: 'tema-hook' } })])
  })

  it('keeps commit order while the receiver fails: the second change waits for the first', async () => {
    failNext = 2
    await editor.create({ _id: 'topic-order-1', _type: 'topic', title: { _type: 'localeString', ru: 'Первая' }, slug: { _type: 'slug', current: 'order-1' } })
    await editor.create({ _id: 'topic-order-2', _type: 'topic', title: { _type: 'localeString', ru: 'Вторая' }, slug: { _type: 'slug', current: 'order-2' } })
    await webhooks.idle()
    expect(payloads().map((p) => p.documentId)).toEqual(['topic-order-1', 'topic-order-2'])
    expect(outbox.pendingCount()).toBe(0)
  })

  it('a change the receiver keeps failing becomes a dead letter, which an operator lists and re-delivers with the same idempotency key', async () => {
    failNext = 3
    await editor.create({ _id: 'topic-dead', _type: 'topic', title: { _type: 'localeString', ru: 'Мёртвое' }, slug: { _type: 'slug', current: 'dead' } })
    await webhooks.idle()
    expect(received).toHaveLength(0)
    const [letter] = outbox.dead()
    expect(letter).toMatchObject({ documentId: 'topic-dead', attempts: 3, operation: 'create', lastError: expect.stringMatching(/^503/) })
    // The queue is not stuck behind it.
    await editor.create({
      _id: 'topic-after-dead',
      _type: 'topic',
      title: { _type: 'localeString', ru: 'После' },
      slug: { _type: 'slug', current: 'after-dead' },
    })
    await webhooks.idle()
    expect(payloads().map((p) => p.documentId)).toEqual(['topic-after-dead'])

    received = []
    expect(outbox.redeliver([letter!.id])).toBe(1)
    await expect.poll(() => payloads().map((p) => p.documentId), { timeout: 5000 }).toEqual(['topic-dead'])
    expect(received[0]!.headers['idempotency-key']).toBe(`${letter!.transactionId}-topic-dead`)
    expect(outbox.dead()).toEqual([])
  })

  it('a receiver that refuses (4xx other than 408/429) makes a dead letter at once: waiting would not heal it', async () => {
    failNext = 1
    failWith = 401
    await editor.create({ _id: 'topic-refused', _type: 'topic', title: { _type: 'localeString', ru: 'Отказ' }, slug: { _type: 'slug', current: 'refused' } })
    await webhooks.idle()
    expect(outbox.dead()).toEqual([expect.objectContaining({ documentId: 'topic-refused', attempts: 1, lastError: expect.stringMatching(/^401/) })])
    expect(outbox.discard([])).toBe(1)
  })

  it('sends nothing for documents the filter leaves out', async () => {
    await editor.create({ _id: 'person-hook', _type: 'person', name: { ru: 'Персона' }, slug: { _type: 'slug', current: 'persona-hook' } })
    await webhooks.idle()
    expect(received).toHaveLength(0)
  })

  it('sends an update when a scheduled article’s embargo ends (the clock is moved, not waited for)', async () => {
    const inAMinute = new Date(Date.now() + 60_000).toISOString()
    await act([
      {
        actionType: 'sanity.action.document.create',
        publishedId: 'hook-later',
        attributes: article('hook-later', { publishedAt: inAMinute }),
        ifExists: 'fail',
      },
    ])
    await publish('hook-later')
    await webhooks.idle()
    expect(payloads().map((p) => p.operation)).toEqual(['create'])
    const visible = () => lake.engine.query('count(*[_id == "hook-later" && publishedAt <= now()])')
    expect(await visible()).toBe(0)

    received = []
    writeFileSync(CLOCK_FILE, String(2 * 60_000))
    await expect
      .poll(() => payloads(), { timeout: 5000 })
      .toEqual([expect.objectContaining({ operation: 'update', documentId: 'hook-later', slug: { before: 'hook-later', after: 'hook-later' } })])
    expect(await visible()).toBe(1)
    writeFileSync(CLOCK_FILE, '0')
  })
})
