import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@sanity/client'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { revalidationTags, verifyWebhookSignature, WEBHOOK_FILTER, WEBHOOK_PROJECTION, WEBHOOK_SCHEDULE_FIELD, WebhookPayloadModel } from '@/sanity/webhook'
import { startLocalLake, type LocalLakeService } from '@/scripts/lake-service'
import { prepareDemoSeed } from '@/server/demo-seed'

/**
 * The site's webhook configuration (sanity/webhook.ts, passed to the lake by server/lake-supervisor.ts): a publish in the
 * lake reaches the revalidation endpoint signed, with a payload the site's model accepts, and
 * expires the article's, its topic's and its country's pages.
 */
const SECRET = 'site-webhook-test-secret-0123456789'
let dir: string
let lake: LocalLakeService
let receiver: Server
const bodies: { body: string; signature: string }[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baspa-webhook-'))
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      bodies.push({ body, signature: String(req.headers['sanity-webhook-signature']) })
      res.writeHead(200).end('{}')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  lake = await startLocalLake(join(dir, 'lake.sqlite'), {
    seedFile: prepareDemoSeed(join(dir, 'seed')),
    webhook: {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/revalidate`,
      secret: SECRET,
      filter: WEBHOOK_FILTER,
      projection: WEBHOOK_PROJECTION,
      scheduleField: WEBHOOK_SCHEDULE_FIELD,
    },
  })
})
afterAll(async () => {
  await lake?.close()
  await new Promise((resolve) => receiver.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

it('a published article revalidates its own, its topic’s and its country’s pages', async () => {
  const { editor } = JSON.parse(readFileSync(lake.service.credentialsFile, 'utf8')) as { editor: string }
  const client = createClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: lake.service.server.httpUrl,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    token: editor,
  })
  await client.create({
    _id: 'hook-article',
    _type: 'article',
    title: 'Новая статья',
    slug: { _type: 'slug', current: 'hook-article' },
    language: 'ru',
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    topics: [{ _type: 'reference', _ref: 'topic-torgovlya', _key: 't1' }],
    countries: [{ _type: 'reference', _ref: 'country-kitay', _key: 'c1' }],
    authors: [{ _type: 'reference', _ref: 'author-aygerim-saparova', _key: 'a1' }],
  })
  await expect.poll(() => bodies.length, { timeout: 5_000 }).toBe(1)
  const [hook] = bodies
  expect(await verifyWebhookSignature(hook!.body, hook!.signature, SECRET)).toBe('valid')
  const payload = WebhookPayloadModel.parse(JSON.parse(hook!.body))
  expect(payload).toMatchObject({ operation: 'create', type: 'article', slug: { before: null, after: 'hook-article' } })
  expect(revalidationTags(payload)).toEqual(expect.arrayContaining(['article:hook-article', 'topics:torgovlya', 'countries:kitay', 'home']))
})
