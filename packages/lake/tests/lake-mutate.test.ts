import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyMutations, MutationError } from '../src/mutate'
import { tempLake, type TempLake } from './lake-fixture'

let lake: TempLake
beforeEach(() => {
  lake = tempLake({ empty: true })
})
afterEach(() => lake.dispose())

const mutate = (mutations: unknown, options?: Parameters<typeof applyMutations>[3]) => applyMutations(lake.store, lake.engine, mutations, options)
const rejectWith = async (promise: Promise<unknown>, status: number, type: string) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MutationError)
  expect(error).toMatchObject({ status, type })
}

describe('mutations (Sanity semantics)', () => {
  it('create stores the document with _rev = transaction id and system dates; a second create is a 409', async () => {
    const result = await mutate([{ create: { _id: 'a', _type: 'note', title: 'one' } }], { transactionId: 'tx1' })
    expect(result.results).toEqual([expect.objectContaining({ id: 'a', operation: 'create' })])
    expect(lake.store.getDocument('a')).toMatchObject({ _rev: 'tx1', title: 'one', _createdAt: expect.any(String), _updatedAt: expect.any(String) })
    await rejectWith(mutate([{ create: { _id: 'a', _type: 'note' } }]), 409, 'documentAlreadyExistsError')
  })

  it('create without an id generates one, also under a drafts. prefix', async () => {
    const { results } = await mutate([{ create: { _type: 'note' } }, { create: { _id: 'drafts.', _type: 'note' } }])
    expect(results[0]!.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(results[1]!.id).toMatch(/^drafts\.[0-9a-f-]{36}$/)
  })

  it('createIfNotExists keeps an existing document; createOrReplace replaces it but keeps _createdAt', async () => {
    await mutate([{ create: { _id: 'a', _type: 'note', title: 'one' } }])
    const created = lake.store.getDocument('a')!._createdAt
    await mutate([{ createIfNotExists: { _id: 'a', _type: 'note', title: 'two' } }])
    expect(lake.store.getDocument('a')!.title).toBe('one')
    const { results } = await mutate([{ createOrReplace: { _id: 'a', _type: 'note', body: 'x' } }])
    expect(results[0]!.operation).toBe('update')
    expect(lake.store.getDocument('a')).toMatchObject({ body: 'x', _createdAt: created })
    expect(lake.store.getDocument('a')!.title).toBeUndefined()
  })

  it('patches: set, setIfMissing, unset, inc, dec, insert, diffMatchPatch', async () => {
    await mutate([{ create: { _id: 'a', _type: 'note', title: 'Hello world', n: 1, tags: ['b'], gone: true } }])
    await mutate([
      {
        patch: {
          id: 'a',
          set: { 'meta.lang': 'ru' },
          setIfMissing: { title: 'ignored', views: 0 },
          unset: ['gone'],
          inc: { n: 5 },
          insert: { before: 'tags[0]', items: ['a'] },
        },
      },
      { patch: { id: 'a', dec: { n: 2 }, diffMatchPatch: { title: '@@ -1,5 +1,6 @@\n-Hello\n+Привет\n' } } },
    ])
    expect(lake.store.getDocument('a')).toMatchObject({ title: 'Привет world', n: 4, views: 0, tags: ['a', 'b'], meta: { lang: 'ru' } })
    expect(lake.store.getDocument('a')).not.toHaveProperty('gone')
  })

  it('ifRevisionID: the right revision applies, a stale one is a 409 and changes nothing', async () => {
    await mutate([{ create: { _id: 'a', _type: 'note', v: 1 } }], { transactionId: 'r1' })
    await mutate([{ patch: { id: 'a', ifRevisionID: 'r1', set: { v: 2 } } }], { transactionId: 'r2' })
    await rejectWith(mutate([{ patch: { id: 'a', ifRevisionID: 'r1', set: { v: 3 } } }]), 409, 'conflictError')
    expect(lake.store.getDocument('a')).toMatchObject({ v: 2, _rev: 'r2' })
  })

  it('a transaction is all or nothing', async () => {
    await mutate([{ create: { _id: 'a', _type: 'note' } }])
    await rejectWith(mutate([{ create: { _id: 'b', _type: 'note' } }, { patch: { id: 'missing', set: { x: 1 } } }]), 404, 'documentNotFoundError')
    expect(lake.store.getDocument('b')).toBeUndefined()
  })

  it('later mutations see earlier ones in the same transaction, by id and by query', async () => {
    const { results } = await mutate([
      { create: { _id: 'a', _type: 'note', n: 1 } },
      { create: { _id: 'b', _type: 'note', n: 2 } },
      { patch: { query: '*[_type == "note" && n >= $min]', params: { min: 1 }, inc: { n: 10 } } },
      { delete: { query: '*[_type == "note" && n > 11]' } },
    ])
    expect(results.map((r) => `${r.operation}:${r.id}`)).toEqual(['create:a', 'create:b', 'update:a', 'update:b', 'delete:b'])
    expect(lake.store.getDocument('a')!.n).toBe(11)
    expect(lake.store.getDocument('b')).toBeUndefined()
  })

  it('dryRun computes results and stores nothing', async () => {
    const { results } = await mutate([{ create: { _id: 'a', _type: 'note' } }], { dryRun: true })
    expect(results[0]!.operation).toBe('create')
    expect(lake.store.getDocument('a')).toBeUndefined()
  })

  it('concurrent conflicting writes: one wins, the other gets a 409, no update is lost', async () => {
    await mutate([{ create: { _id: 'a', _type: 'note', v: 0 } }], { transactionId: 'base' })
    const outcomes = await Promise.allSettled([
      mutate([{ patch: { id: 'a', ifRevisionID: 'base', set: { v: 1 } } }]),
      mutate([{ patch: { id: 'a', ifRevisionID: 'base', set: { v: 2 } } }]),
    ])
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected'])
    const winner = outcomes.findIndex((o) => o.status === 'fulfilled')
    expect(lake.store.getDocument('a')!.v).toBe(winner + 1)
  })

  it.each([
    [[], 'non-empty'],
    [[{ create: { _id: 'a' } }], '_type'],
    [[{ create: { _id: 'bad id', _type: 'x' } }], 'invalid document id'],
    [[{ upsert: {} }], 'unknown mutation'],
    [[{ create: { _id: 'a', _type: 'x' }, delete: { id: 'a' } }], 'exactly one'],
    [[{ patch: { id: 'a', frobnicate: {} } }], 'unknown patch operation'],
    [[{ delete: {} }], 'needs an id or a query'],
  ])('rejects malformed input %# with a 400', async (mutations, message) => {
    const error = await mutate(mutations).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ status: 400 })
    expect((error as Error).message).toContain(message)
  })

  it('logs every committed transaction once', async () => {
    await mutate([{ create: { _id: 'a', _type: 'note' } }, { patch: { id: 'a', set: { x: 1 } } }], { transactionId: 'tx-log', author: 'editor' })
    const row = lake.store.db.prepare('SELECT author, document_ids FROM transactions WHERE id = ?').get('tx-log')
    expect(row).toEqual({ author: 'editor', document_ids: '["a"]' })
  })
})
