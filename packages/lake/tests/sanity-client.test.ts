import { connect } from 'node:http2'
import { createImageUrlBuilder } from '@sanity/image-url'
import sharp from 'sharp'
import { readFileSync } from 'node:fs'
import { createClient, type SanityClient } from '@sanity/client'
import { applyPatch } from 'mendoza'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureTls } from '../src/http/tls'
import { startLakeServer, type LakeServer } from '../src/http/server'
import { LakeTokens } from '../src/http/tokens'
import { DEFAULT_LIMITS } from '../src/config'
import { tempLake, type TempLake } from './lake-fixture'

/**
 * The real @sanity/client over the network against the lake's HTTP API. Each expectation is
 * Sanity's documented behaviour (HTTP API reference: query, doc, mutate, listen).
 */
let lake: TempLake
let server: LakeServer
let editor: SanityClient
let editorToken: string
let viewer: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  lake = tempLake({ empty: true })
  const tokens = new LakeTokens(lake.store)
  const tls = await ensureTls(process.env.BASPA_TEST_TLS_DIR!)
  server = await startLakeServer({ lake, tokens, tls, projectId: 'local', dataset: 'production', port: 0, httpPort: 0, limits: DEFAULT_LIMITS })
  const client = (token?: string) =>
    createClient({ projectId: 'local', dataset: 'production', apiHost: server.url, useProjectHostname: false, apiVersion: '2025-02-19', useCdn: false, token })
  editorToken = tokens.mint('editor', 'Редактор')
  editor = client(editorToken)
  viewer = client(tokens.mint('viewer', 'Превью'))
  anonymous = client()
  await editor
    .transaction()
    .create({ _id: 'p1', _type: 'person', name: 'Ван И' })
    .create({ _id: 'drafts.p1', _type: 'person', name: 'Ван И (черновик)' })
    .commit()
})
afterAll(async () => {
  await server.close()
  lake.dispose()
})

describe('query', () => {
  it('takes params and answers in the published perspective by default (API ≥ 2025-02-19)', async () => {
    expect(await anonymous.fetch('*[_type == $type].name', { type: 'person' })).toEqual(['Ван И'])
  })
  it('drafts overlays drafts for a token holder; raw returns both', async () => {
    expect(await viewer.fetch('*[_type == "person"][0]{name, _id, _originalId}', {}, { perspective: 'drafts' })).toEqual({
      name: 'Ван И (черновик)',
      _id: 'p1',
      _originalId: 'drafts.p1',
    })
    expect((await viewer.fetch<string[]>('*[_type == "person"]._id', {}, { perspective: 'raw' })).sort()).toEqual(['drafts.p1', 'p1'])
  })
  it('never shows drafts to anonymous requests', async () => {
    expect(await anonymous.fetch('*[_type == "person"]._id', {}, { perspective: 'raw' })).toEqual(['p1'])
  })
  it('a long query goes by POST and still works', async () => {
    const long = `*[_type == "person" && !(_id in ${JSON.stringify(Array.from({ length: 800 }, (_, i) => `x${i}`))})].name`
    expect(await anonymous.fetch(long)).toEqual(['Ван И'])
  })
  it('answers 400 with a description for a GROQ syntax error', async () => {
    await expect(anonymous.fetch('*[_type == ')).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('GROQ parse error') })
  })
})

describe('documents', () => {
  it('getDocument and getDocuments (missing ids come back as null)', async () => {
    expect(await anonymous.getDocument('p1')).toMatchObject({ _id: 'p1', name: 'Ван И' })
    expect(await anonymous.getDocument('nope')).toBeUndefined()
    const docs = await editor.getDocuments(['p1', 'nope', 'drafts.p1'])
    expect(docs.map((d) => d?._id ?? null)).toEqual(['p1', null, 'drafts.p1'])
  })
})

describe('mutations', () => {
  it('create, patch (set, inc, unset, setIfMissing, insert), delete — with _rev = transaction id', async () => {
    const created = await editor.create({ _id: 'note-1', _type: 'note', n: 1, gone: true, tags: ['b'] })
    expect(created).toMatchObject({ _id: 'note-1', n: 1 })
    const patched = await editor
      .patch('note-1')
      .set({ title: 'Заметка' })
      .inc({ n: 2 })
      .unset(['gone'])
      .setIfMissing({ views: 0 })
      .insert('before', 'tags[0]', ['a'])
      .commit()
    expect(patched).toMatchObject({ title: 'Заметка', n: 3, views: 0, tags: ['a', 'b'] })
    expect(patched).not.toHaveProperty('gone')
    const stored = lake.store.getDocument('note-1')!
    expect(stored._rev).toBe(patched._rev)
    await editor.delete('note-1')
    expect(await editor.getDocument('note-1')).toBeUndefined()
  })

  it('createIfNotExists and createOrReplace', async () => {
    await editor.createIfNotExists({ _id: 'note-2', _type: 'note', v: 1 })
    await editor.createIfNotExists({ _id: 'note-2', _type: 'note', v: 2 })
    expect((await editor.getDocument('note-2'))!.v).toBe(1)
    await editor.createOrReplace({ _id: 'note-2', _type: 'note', w: 3 })
    expect(await editor.getDocument('note-2')).toMatchObject({ w: 3 })
  })

  it('a transaction is atomic and returns ids', async () => {
    const result = await editor.transaction().create({ _id: 't1', _type: 'note' }).create({ _id: 't2', _type: 'note' }).commit({ returnDocuments: false })
    expect(result.results.map((r) => r.id)).toEqual(['t1', 't2'])
    expect(result.transactionId).toBe(lake.store.getDocument('t1')!._rev)
    await expect(editor.transaction().create({ _id: 't3', _type: 'note' }).create({ _id: 't1', _type: 'note' }).commit()).rejects.toMatchObject({
      statusCode: 409,
    })
    expect(await editor.getDocument('t3')).toBeUndefined()
  })

  it('ifRevisionID: a stale revision is a 409 conflict', async () => {
    const doc = await editor.create({ _id: 'rev-1', _type: 'note', v: 1 })
    await editor.patch('rev-1').ifRevisionId(doc._rev).set({ v: 2 }).commit()
    await expect(editor.patch('rev-1').ifRevisionId(doc._rev).set({ v: 3 }).commit()).rejects.toMatchObject({ statusCode: 409 })
    expect((await editor.getDocument('rev-1'))!.v).toBe(2)
  })

  it('by-query patches and dry runs', async () => {
    await editor.transaction().create({ _id: 'q1', _type: 'counter', n: 1 }).create({ _id: 'q2', _type: 'counter', n: 2 }).commit()
    await editor.mutate([{ patch: { query: '*[_type == "counter"]', inc: { n: 10 } } }])
    expect(await anonymous.fetch('*[_type == "counter"] | order(_id).n')).toEqual([11, 12])
    await editor.create({ _id: 'dry', _type: 'note' }, { dryRun: true })
    expect(await editor.getDocument('dry')).toBeUndefined()
  })

  it('a transaction retried with the same transactionId is answered 409 (never a 500) and not applied twice', async () => {
    await editor.create({ _id: 'retry-counter', _type: 'counter', n: 0 })
    const send = () =>
      fetch(`${server.url}/v2025-02-19/data/mutate/production`, {
        method: 'POST',
        headers: { authorization: `Bearer ${editorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ transactionId: 'retried-tx-1', mutations: [{ patch: { id: 'retry-counter', inc: { n: 1 } } }] }),
      })
    expect((await send()).status).toBe(200)
    const again = await send()
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ error: { type: 'conflictError', description: expect.stringContaining('retried-tx-1') }, statusCode: 409 })
    expect((await editor.getDocument('retry-counter'))!.n).toBe(1)
    // The same through the Actions API and a no-op transaction: the id is spent either way.
    await expect(editor.mutate([{ createIfNotExists: { _id: 'retry-counter', _type: 'counter' } }], { transactionId: 'retried-tx-1' })).rejects.toMatchObject({
      statusCode: 409,
    })
  })

  it('writes need an editor token: 401 without a token, 403 with a read token', async () => {
    await expect(anonymous.create({ _id: 'x', _type: 'note' })).rejects.toMatchObject({ statusCode: 401 })
    await expect(viewer.create({ _id: 'x', _type: 'note' })).rejects.toMatchObject({ statusCode: 403 })
  })
})

describe('listen', () => {
  it('streams a mutation event with previousRev, resultRev, transition and result', async () => {
    const before = await editor.create({ _id: 'live-1', _type: 'live', v: 1 })
    const received = new Promise<Record<string, unknown>>((resolve, reject) => {
      const subscription = editor.listen('*[_type == "live"]', {}, { includeResult: true, events: ['welcome', 'mutation'] }).subscribe({
        next: (event) => {
          if (event.type === 'welcome') void editor.patch('live-1').set({ v: 2 }).commit()
          if (event.type === 'mutation') {
            subscription.unsubscribe()
            resolve(event as unknown as Record<string, unknown>)
          }
        },
        error: reject,
      })
    })
    const event = await received
    expect(event).toMatchObject({ documentId: 'live-1', transition: 'update', previousRev: before._rev, result: { v: 2 } })
    expect(event.resultRev).toBe(lake.store.getDocument('live-1')!._rev)
  })
})

/** A raw Server-Sent Events reader, for what @sanity/client hides: event ids and reconnection headers. */
async function openEvents(path: string, headers: Record<string, string> = {}) {
  const abort = new AbortController()
  const response = await fetch(`${server.url}/v2025-02-19/${path}`, { headers: { authorization: `Bearer ${editorToken}`, ...headers }, signal: abort.signal })
  expect(response.status).toBe(200)
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  return {
    async next(): Promise<{ event: string; id?: string; data: Record<string, unknown> }> {
      for (;;) {
        const end = buffer.indexOf('\n\n')
        if (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (block.startsWith(':')) continue
          const field = (name: string) => [...block.matchAll(/^(\w+): (.*)$/gm)].find((m) => m[1] === name)?.[2]
          return { event: field('event') ?? 'message', id: field('id'), data: JSON.parse(field('data') ?? 'null') }
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('the event stream ended')
        buffer += value
      }
    },
    close: () => abort.abort(),
  }
}

describe('listen: resuming, per-listener numbering, mendoza effects', () => {
  const listenPath = (query: string, options = '') => `data/listen/production?query=${encodeURIComponent(query)}&includeResult=false${options}`

  it('resumes from Last-Event-ID: welcomeback, then exactly the missed events in order, then live ones', async () => {
    await editor.create({ _id: 'resume-1', _type: 'resumable', v: 0 })
    const first = await openEvents(listenPath('*[_type == "resumable"]', '&enableResume=true'))
    expect((await first.next()).event).toBe('welcome')
    await editor.patch('resume-1').set({ v: 1 }).commit()
    const seen = await first.next()
    expect(seen).toMatchObject({ event: 'mutation', id: expect.stringMatching(/^\d+:1$/) })
    first.close()

    const missedB = await editor.patch('resume-1').set({ v: 2 }).commit()
    const missedC = await editor.patch('resume-1').set({ v: 3 }).commit()
    const again = await openEvents(listenPath('*[_type == "resumable"]', '&enableResume=true'), { 'last-event-id': seen.id! })
    expect((await again.next()).event).toBe('welcomeback')
    const replayed = [await again.next(), await again.next()]
    expect(replayed.map((e) => [e.data.transactionId, e.data.resultRev])).toEqual([
      [missedB._rev, missedB._rev],
      [missedC._rev, missedC._rev],
    ])
    expect(replayed[1]!.data.previousRev).toBe(missedB._rev)
    const live = await editor.patch('resume-1').set({ v: 4 }).commit()
    expect((await again.next()).data).toMatchObject({ transactionId: live._rev, previousRev: missedC._rev })
    again.close()
  })

  it('tells a listener it cannot resume (unknown or foreign event id) to reset', async () => {
    for (const id of ['not-an-id', '999999999:1']) {
      const stream = await openEvents(listenPath('*[_type == "resumable"]', '&enableResume=true'), { 'last-event-id': id })
      expect((await stream.next()).event).toBe('reset')
      stream.close()
    }
  })

  it('counts transactionTotalEvents among the events this listener sees, so a buffering client never waits forever', async () => {
    const stream = await openEvents(listenPath('*[_id == "count-a"]'))
    expect((await stream.next()).event).toBe('welcome')
    await editor.transaction().create({ _id: 'count-a', _type: 'note' }).create({ _id: 'count-b', _type: 'note' }).commit()
    expect((await stream.next()).data).toMatchObject({ documentId: 'count-a', transactionTotalEvents: 1, transactionCurrentEvent: 1 })
    stream.close()
  })

  it('sends minimal mendoza effects that turn the previous revision into the next and back', async () => {
    const before = await editor.create({
      _id: 'effects-1',
      _type: 'note',
      title: 'Старый',
      body: [
        { _key: 'a', text: 'Первый' },
        { _key: 'b', text: 'Второй' },
      ],
    })
    const stream = await openEvents(listenPath('*[_id == "effects-1"]', '&effectFormat=mendoza'))
    expect((await stream.next()).event).toBe('welcome')
    const after = await editor.patch('effects-1').set({ 'body[_key=="b"].text': 'Второй, исправленный' }).commit()
    const { effects } = (await stream.next()).data as { effects: { apply: unknown[]; revert: unknown[] } }
    stream.close()
    expect(applyPatch(before, effects.apply)).toEqual(after)
    expect(applyPatch(after, effects.revert)).toEqual(before)
    expect(JSON.stringify(effects.apply)).not.toContain('Первый')
  })
})

describe('live content events (the Presentation tool)', () => {
  it('answers the CORS check and welcomes a live-events client', async () => {
    expect(await editor.request({ uri: '/check/cors' })).toEqual({ result: { allowed: true, withCredentials: true } })
    const stream = await openEvents('data/live/events/production?includeDrafts=true')
    expect((await stream.next()).event).toBe('welcome')
    stream.close()
  })
})

describe('users', () => {
  it('answers the Studio’s user look-ups for token holders and the import author, leaving unknown ids out', async () => {
    const me = await editor.request<{ id: string }>({ uri: '/users/me' })
    expect(await editor.request({ uri: `/users/${me.id},system,nobody` })).toEqual([
      { id: me.id, displayName: 'Редактор', imageUrl: null },
      { id: 'system', displayName: 'Система (импорт)', imageUrl: null },
    ])
    await expect(anonymous.request({ uri: `/users/${me.id}` })).rejects.toMatchObject({ statusCode: 401 })
  })
})

describe('transport', () => {
  it('speaks HTTP/2 with TLS that Node trusts through the lake CA', async () => {
    const session = connect(server.url!, { ca: readFileSync(process.env.NODE_EXTRA_CA_CERTS!) })
    const body = await new Promise<string>((resolve, reject) => {
      const stream = session.request({ ':path': '/v2025-02-19/ping' })
      let data = ''
      stream.on('data', (chunk) => (data += chunk))
      stream.on('end', () => resolve(data))
      stream.on('error', reject)
    })
    expect(session.alpnProtocol).toBe('h2')
    session.close()
    expect(JSON.parse(body)).toBe('PONG')
  })

  it('serves the same API over plain HTTP for servers, which need no certificate', async () => {
    const plain = createClient({
      projectId: 'local',
      dataset: 'production',
      apiHost: server.httpUrl,
      useProjectHostname: false,
      apiVersion: '2025-02-19',
      useCdn: true,
    })
    expect(server.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(await plain.fetch('*[_type == $type].name', { type: 'person' })).toEqual(['Ван И'])
  })

  it('answers CORS preflights for localhost origins with credentials and x-sanity-app', async () => {
    const response = await fetch(`${server.url}/v2025-02-19/data/query/production`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-headers': 'authorization,x-sanity-app' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
    expect(response.headers.get('access-control-allow-headers')).toContain('x-sanity-app')
    const foreign = await fetch(`${server.url}/v2025-02-19/ping`, { headers: { origin: 'https://evil.example' } })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('404s unknown endpoints and datasets, 401s /users/me without a token', async () => {
    expect((await fetch(`${server.url}/v1/data/query/other?query=*`)).status).toBe(404)
    expect((await fetch(`${server.url}/v1/nope`)).status).toBe(404)
    expect((await fetch(`${server.url}/v1/users/me`)).status).toBe(401)
    expect((await fetch(`${server.url}/v1/data/doc/production/%E0%A4%A`)).status).toBe(400)
  })
})

describe('actions (what the Studio sends)', () => {
  const act = (actions: unknown[], transactionId?: string) =>
    editor.request<{ transactionId: string }>({
      method: 'POST',
      uri: '/data/actions/production',
      body: { actions, ...(transactionId ? { transactionId } : {}) },
    })

  it('create → edit → publish: the draft becomes the published document, _rev = transactionId', async () => {
    await act(
      [{ actionType: 'sanity.action.document.create', publishedId: 'art-1', attributes: { _id: 'drafts.art-1', _type: 'article' }, ifExists: 'fail' }],
      'tx-create',
    )
    expect(lake.store.getDocument('drafts.art-1')!._rev).toBe('tx-create')
    await act([{ actionType: 'sanity.action.document.edit', draftId: 'drafts.art-1', publishedId: 'art-1', patch: { set: { title: 'Заголовок' } } }], 'tx-edit')
    expect(lake.store.getDocument('drafts.art-1')).toMatchObject({ title: 'Заголовок', _rev: 'tx-edit' })
    await act([{ actionType: 'sanity.action.document.publish', draftId: 'drafts.art-1', publishedId: 'art-1' }], 'tx-publish')
    expect(lake.store.getDocument('art-1')).toMatchObject({ title: 'Заголовок', _rev: 'tx-publish' })
    expect(lake.store.getDocument('drafts.art-1')).toBeUndefined()
  })

  it('the first edit of a published document copies it into a draft', async () => {
    await editor.create({ _id: 'art-2', _type: 'article', title: 'Опубликовано', lead: 'Лид' })
    await act([{ actionType: 'sanity.action.document.edit', draftId: 'drafts.art-2', publishedId: 'art-2', patch: { set: { title: 'Правка' } } }])
    expect(lake.store.getDocument('drafts.art-2')).toMatchObject({ title: 'Правка', lead: 'Лид' })
    expect(lake.store.getDocument('art-2')!.title).toBe('Опубликовано')
  })

  it('unpublish keeps the content as a draft; discard drops a draft; delete removes both', async () => {
    await editor.create({ _id: 'art-3', _type: 'article', title: 'Три' })
    await act([{ actionType: 'sanity.action.document.unpublish', draftId: 'drafts.art-3', publishedId: 'art-3' }])
    expect(lake.store.getDocument('art-3')).toBeUndefined()
    expect(lake.store.getDocument('drafts.art-3')!.title).toBe('Три')
    await act([{ actionType: 'sanity.action.document.discard', draftId: 'drafts.art-3' }])
    expect(lake.store.getDocument('drafts.art-3')).toBeUndefined()
    await editor.transaction().create({ _id: 'art-4', _type: 'article' }).create({ _id: 'drafts.art-4', _type: 'article' }).commit()
    await act([{ actionType: 'sanity.action.document.delete', publishedId: 'art-4', includeDrafts: ['drafts.art-4'] }])
    expect(lake.store.getDocument('art-4') ?? lake.store.getDocument('drafts.art-4')).toBeUndefined()
  })

  it('replaceDraft, and conflicts: publishing without a draft, creating an existing draft', async () => {
    await act([
      { actionType: 'sanity.action.document.replaceDraft', publishedId: 'art-5', attributes: { _id: 'drafts.art-5', _type: 'article', title: 'Пять' } },
    ])
    expect(lake.store.getDocument('drafts.art-5')!.title).toBe('Пять')
    await expect(act([{ actionType: 'sanity.action.document.publish', draftId: 'drafts.none', publishedId: 'none' }])).rejects.toMatchObject({
      statusCode: 409,
    })
    await expect(
      act([{ actionType: 'sanity.action.document.create', publishedId: 'art-5', attributes: { _id: 'drafts.art-5', _type: 'article' }, ifExists: 'fail' }]),
    ).rejects.toMatchObject({ statusCode: 409 })
    await act([
      { actionType: 'sanity.action.document.create', publishedId: 'art-5', attributes: { _id: 'drafts.art-5', _type: 'article' }, ifExists: 'ignore' },
    ])
    await expect(act([{ actionType: 'sanity.action.document.frobnicate' }])).rejects.toMatchObject({ statusCode: 400 })
    await expect(viewer.request({ method: 'POST', uri: '/data/actions/production', body: { actions: [] } })).rejects.toMatchObject({ statusCode: 403 })
  })

  it('version actions: create from a base, replace, discard', async () => {
    await editor.create({ _id: 'art-7', _type: 'article', title: 'Семь' })
    await act([{ actionType: 'sanity.action.document.version.create', publishedId: 'art-7', baseId: 'art-7', versionId: 'drafts.art-7' }])
    expect(lake.store.getDocument('drafts.art-7')!.title).toBe('Семь')
    await act([{ actionType: 'sanity.action.document.version.replace', document: { _id: 'drafts.art-7', _type: 'article', title: 'Семь+' } }])
    expect(lake.store.getDocument('drafts.art-7')!.title).toBe('Семь+')
    await act([{ actionType: 'sanity.action.document.version.discard', versionId: 'drafts.art-7' }])
    expect(lake.store.getDocument('drafts.art-7')).toBeUndefined()
    await expect(act([{ actionType: 'sanity.action.document.version.discard', versionId: 'drafts.art-7' }])).rejects.toMatchObject({ statusCode: 409 })
  })

  it('a publish reaches listeners as two events of one transaction', async () => {
    await act([{ actionType: 'sanity.action.document.create', publishedId: 'art-6', attributes: { _id: 'drafts.art-6', _type: 'article', title: 'Шесть' } }])
    const events = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const seen: Record<string, unknown>[] = []
      const subscription = editor.listen('*[_id in ["art-6", "drafts.art-6"]]', {}, { events: ['welcome', 'mutation'] }).subscribe({
        next: (event) => {
          if (event.type === 'welcome') void act([{ actionType: 'sanity.action.document.publish', draftId: 'drafts.art-6', publishedId: 'art-6' }], 'tx-pub-6')
          if (event.type === 'mutation') seen.push(event as unknown as Record<string, unknown>)
          if (seen.length === 2) {
            subscription.unsubscribe()
            resolve(seen)
          }
        },
        error: reject,
      })
    })
    expect(events.map((e) => [e.documentId, e.transition, e.transactionTotalEvents]).sort()).toEqual([
      ['art-6', 'appear', 2],
      ['drafts.art-6', 'disappear', 2],
    ])
    expect(events.every((e) => e.transactionId === 'tx-pub-6')).toBe(true)
  })
})

describe('history', () => {
  it('lists a document’s transactions as NDJSON and returns it at a revision', async () => {
    const first = await editor.create({ _id: 'hist-1', _type: 'note', v: 1 })
    await editor.patch('hist-1').set({ v: 2 }).commit()
    const ndjson = await editor.request<string>({ uri: '/data/history/production/transactions/hist-1?excludeContent=true', json: false })
    const transactions = String(ndjson)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(transactions).toHaveLength(2)
    expect(transactions[0]).toMatchObject({ id: first._rev, documentIDs: ['hist-1'], effects: { 'hist-1': { apply: [0, { v: 1 }], revert: [0, null] } } })
    const old = await editor.request<{ documents: { v: number }[] }>({ uri: `/data/history/production/documents/hist-1?revision=${first._rev}` })
    expect(old.documents[0]!.v).toBe(1)
    await expect(anonymous.request({ uri: '/data/history/production/documents/hist-1' })).rejects.toMatchObject({ statusCode: 401 })
  })
})

describe('history events and ranges (what the Studio’s History pane reads)', () => {
  const transactions = async (id: string, query = '') =>
    String(await editor.request<string>({ uri: `/data/history/production/transactions/${id}?excludeContent=true${query}`, json: false }))
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string })

  it('derives create, publish, unpublish, discard and delete events from the log, newest first, keyed by the id asked for', async () => {
    await editor.create({ _id: 'drafts.ev-1', _type: 'note', v: 1 })
    await editor.patch('drafts.ev-1').set({ v: 2 }).commit()
    await editor.action({ actionType: 'sanity.action.document.publish', draftId: 'drafts.ev-1', publishedId: 'ev-1' })
    await editor.create({ _id: 'drafts.ev-1', _type: 'note', v: 3 })
    await editor.action({ actionType: 'sanity.action.document.discard', draftId: 'drafts.ev-1' })
    await editor.action({ actionType: 'sanity.action.document.unpublish', draftId: 'drafts.ev-1', publishedId: 'ev-1' })
    await editor.action({ actionType: 'sanity.action.document.delete', includeDrafts: ['drafts.ev-1'], publishedId: 'ev-1' })
    const response = await editor.request<{ events: Record<string, { type: string; versionRevisionId?: string; revisionId?: string }[]>; nextCursor: string }>({
      uri: '/data/history/production/events/documents/drafts.ev-1?limit=100',
    })
    expect(response.events['drafts.ev-1']!.map((e) => e.type)).toEqual([
      'deleteDocumentGroup',
      'unpublishDocument',
      'deleteDocumentVersion',
      'createDocumentVersion',
      'publishDocumentVersion',
      'createDocumentVersion',
    ])
    expect(response.nextCursor).toBe('')
    // The creation's versionRevisionId is the transaction the Studio reads the draft's edits from.
    const created = response.events['drafts.ev-1']!.at(-1)!
    const fromCreation = await transactions('drafts.ev-1', `&fromTransaction=${created.versionRevisionId}`)
    expect(fromCreation[0]!.id).toBe(created.versionRevisionId)
    const paged = await editor.request<{ events: Record<string, unknown[]>; nextCursor: string }>({
      uri: '/data/history/production/events/documents/ev-1?limit=4',
    })
    expect(paged.events['ev-1']).toHaveLength(4)
    expect(paged.nextCursor).toBe('4')
  })

  it('pages transactions by range: fromTransaction and toTransaction are included, limit counts from the start', async () => {
    const revs: string[] = []
    for (let v = 1; v <= 5; v++) revs.push((await editor.createOrReplace({ _id: 'range-1', _type: 'note', v }))._rev)
    expect((await transactions('range-1')).map((tx) => tx.id)).toEqual(revs)
    expect((await transactions('range-1', `&fromTransaction=${revs[1]}&limit=2`)).map((tx) => tx.id)).toEqual(revs.slice(1, 3))
    expect((await transactions('range-1', `&fromTransaction=${revs[1]}&toTransaction=${revs[3]}`)).map((tx) => tx.id)).toEqual(revs.slice(1, 4))
    await expect(editor.request({ uri: '/data/history/production/transactions/range-1?limit=-3' })).rejects.toMatchObject({ statusCode: 400 })
    await expect(editor.request({ uri: '/data/history/production/events/documents/range-1?nextCursor=abc' })).rejects.toMatchObject({ statusCode: 400 })
  })
})

describe('incoming references', () => {
  it('lists the documents referring to one; the Studio’s cross-dataset question is answered with none (one dataset)', async () => {
    await editor.create({ _id: 'ref-target', _type: 'person', name: 'Цель' })
    await editor.create({ _id: 'ref-source', _type: 'note', about: { _type: 'reference', _ref: 'ref-target' } })
    expect(await editor.request({ uri: '/data/references/production/documents/ref-target/to' })).toEqual({
      totalCount: 1,
      references: [{ documentId: 'ref-source', datasetName: 'production', projectId: 'local' }],
    })
    expect(await editor.request({ uri: '/data/references/production/documents/ref-target/to?excludeInternalReferences=true&excludePaths=true' })).toEqual({
      totalCount: 0,
      references: [],
    })
    await expect(anonymous.request({ uri: '/data/references/production/documents/ref-target/to' })).rejects.toMatchObject({ statusCode: 401 })
    await expect(editor.request({ uri: '/data/references/production/documents/bad%20id/to' })).rejects.toMatchObject({ statusCode: 400 })
  })
})

describe('assets', () => {
  const png = () =>
    sharp({ create: { width: 64, height: 32, channels: 3, background: { r: 0, g: 175, b: 202 } } })
      .png()
      .toBuffer()

  it('uploads an image: Sanity id scheme, dimensions, LQIP; the same bytes give the same asset', async () => {
    const data = await png()
    const asset = await editor.assets.upload('image', data, { filename: 'flag.png' })
    expect(asset._id).toMatch(/^image-[a-f0-9]{40}-64x32-png$/)
    expect(asset).toMatchObject({
      _type: 'sanity.imageAsset',
      extension: 'png',
      mimeType: 'image/png',
      originalFilename: 'flag.png',
      metadata: { dimensions: { width: 64, height: 32 } },
    })
    expect(asset.metadata.lqip).toMatch(/^data:image\/jpeg;base64,/)
    expect((await editor.assets.upload('image', data))._id).toBe(asset._id)
  })

  it('serves the uploaded image with the image API parameters, as @sanity/image-url builds its URL', async () => {
    const asset = await editor.assets.upload('image', await png())
    const url = createImageUrlBuilder(editor).image(asset._id).width(32).format('webp').url()
    expect(url.startsWith(`${server.url}/images/local/production/`)).toBe(true)
    const response = await fetch(url)
    expect(response.headers.get('content-type')).toBe('image/webp')
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
    expect([meta.width, meta.height]).toEqual([32, 16])
  })

  it('uploads and serves a file', async () => {
    const asset = await editor.assets.upload('file', Buffer.from('%PDF-1.4 demo'), { filename: 'report.pdf', contentType: 'application/pdf' })
    expect(asset._id).toMatch(/^file-[a-f0-9]{40}-pdf$/)
    const response = await fetch(asset.url)
    expect(await response.text()).toBe('%PDF-1.4 demo')
  })

  it('an uploaded HTML file is never a page of the lake’s origin: a download, not sniffed, sandboxed', async () => {
    const html = '<!doctype html><script>fetch("/v1/users/me", { credentials: "include" })</script>'
    const asset = await editor.assets.upload('file', Buffer.from(html), { filename: 'page.html', contentType: 'text/html' })
    const response = await fetch(asset.url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/octet-stream')
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-f0-9]{40}\.html"$/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toMatch(/\bsandbox\b/)
    expect(await response.text()).toBe(html)
    // An SVG with a script, uploaded as an image: renditions are raster images; the original comes as a download.
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>')
    const image = await editor.assets.upload('image', svg, { filename: 'logo.svg' })
    const original = await fetch(`${server.url}/${image.path}?dlRaw=true`)
    expect(original.headers.get('content-disposition')).toMatch(/^attachment/)
    expect(original.headers.get('content-security-policy')).toMatch(/\bsandbox\b/)
    expect((await fetch(`${server.url}/${image.path}?w=10`)).headers.get('content-type')).toBe('image/jpeg')
  })

  it('dlRaw=true answers an image’s original bytes with their SHA-1, as Sanity’s CDN does for exports', async () => {
    const data = await png()
    const asset = await editor.assets.upload('image', data)
    const response = await fetch(`${server.url}/${asset.path}?dlRaw=true`)
    expect(Buffer.from(await response.arrayBuffer()).equals(data)).toBe(true)
    expect(response.headers.get('x-sanity-sha1')).toBe(asset.sha1hash)
    expect(response.headers.get('content-disposition')).toMatch(/^inline/)
  })

  it('rejects non-images, and uploads without an editor token', async () => {
    await expect(editor.assets.upload('image', Buffer.from('not an image'))).rejects.toMatchObject({ statusCode: 400 })
    await expect(viewer.assets.upload('image', await png())).rejects.toMatchObject({ statusCode: 403 })
    await expect(anonymous.assets.upload('image', await png())).rejects.toMatchObject({ statusCode: 401 })
  })
})

describe('login provider (the Studio’s login screen)', () => {
  const studio = 'http://localhost:3000/studio'
  const post = (body: Record<string, string>) =>
    fetch(`${server.url}/v1/auth/login/lake`, { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' })

  it('lists the lake provider, shows a token form, and hands back a single-use sid that /auth/fetch exchanges for the token', async () => {
    const { providers } = (await (await fetch(`${server.url}/v2026-05-04/auth/providers`)).json()) as { providers: { url: string; title: string }[] }
    expect(providers).toHaveLength(1)
    expect(providers[0]!.url).toBe(`${server.url}/v1/auth/login/lake`)

    const form = await fetch(`${providers[0]!.url}?origin=${encodeURIComponent(studio)}&projectId=local&type=dual`)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('name="token"')

    const token = new LakeTokens(lake.store).mint('editor', 'Вход')
    const redirect = await post({ origin: studio, token })
    expect(redirect.status).toBe(303)
    const location = new URL(redirect.headers.get('location')!)
    expect(`${location.origin}${location.pathname}`).toBe(studio)
    const sid = /sid=(.+)$/.exec(location.hash)![1]!
    const exchange = await fetch(`${server.url}/v2026-05-04/auth/fetch?sid=${sid}`)
    expect(await exchange.json()).toEqual({ token })
    expect((await fetch(`${server.url}/v2026-05-04/auth/fetch?sid=${sid}`)).status).toBe(401)
  })

  it('refuses a wrong token (form again, 401) and a non-localhost origin (400)', async () => {
    const wrong = await post({ origin: studio, token: 'ske_wrong' })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('Токен не подошёл')
    expect((await post({ origin: 'https://evil.example/steal', token: 'x' })).status).toBe(400)
    expect((await fetch(`${server.url}/v1/auth/login/lake?origin=${encodeURIComponent('https://evil.example')}`)).status).toBe(400)
  })
})
