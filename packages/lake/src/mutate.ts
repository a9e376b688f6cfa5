import { Mutation } from '@sanity/mutator'
import { randomUUID } from 'node:crypto'
import { isValidDocumentId, type LakeDocument } from './ndjson'
import type { LakeQueryEngine } from './query'
import { newTransactionId, type LakeStore } from './store'

/** A mutation as `POST /data/mutate` takes it (https://www.sanity.io/docs/http-mutations). */
export type LakeMutation =
  | { create: Partial<LakeDocument> & { _type: string } }
  | { createOrReplace: LakeDocument }
  | { createIfNotExists: LakeDocument }
  | { delete: { id?: string; query?: string; params?: Record<string, unknown> } }
  | { patch: PatchSpec }

interface PatchSpec {
  id?: string
  query?: string
  params?: Record<string, unknown>
  ifRevisionID?: string
  [operation: string]: unknown
}

interface MutationResult {
  id: string
  operation: 'create' | 'update' | 'delete' | 'none'
  document?: LakeDocument
}

export interface TransactionResult {
  transactionId: string
  results: MutationResult[]
  /** Documents before and after, per id, for listeners and webhooks. */
  changes: { id: string; before: LakeDocument | null; after: LakeDocument | null }[]
  /** The transaction's place in the lake's log (absent for dry runs and no-op transactions). */
  sequence?: number
  timestamp: string
}

export class MutationError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly type: string,
    description: string,
  ) {
    super(description)
    this.name = 'MutationError'
  }
}

const PATCH_OPERATIONS = new Set(['set', 'setIfMissing', 'unset', 'inc', 'dec', 'insert', 'diffMatchPatch'])

/**
 * Applies a transaction of mutations atomically: each mutation sees the ones before it, and either
 * all are stored (with `_rev` = the transaction id) or none is. Patches are applied by
 * @sanity/mutator, the implementation the Studio itself uses, so both agree on the result.
 */
export async function applyMutations(
  store: LakeStore,
  engine: LakeQueryEngine,
  /** The mutations, or a function that derives them from the current documents (run under the write lock). */
  input: unknown | ((read: (id: string) => LakeDocument | undefined) => unknown[]),
  options: { transactionId?: string; author?: string; dryRun?: boolean } = {},
): Promise<TransactionResult> {
  const transactionId = options.transactionId ?? newTransactionId()
  const timestamp = new Date().toISOString()

  // groq-js evaluates asynchronously and SQLite transactions are synchronous, so a transaction is
  // computed under an in-process lock and committed in one IMMEDIATE transaction that first checks
  // that no other process changed a touched document meanwhile (optimistic concurrency).
  const reused = () =>
    new MutationError(409, 'conflictError', `The transaction ID "${transactionId}" has been used already: the transaction was not applied again`)
  return withWriteLock(store, async () => {
    // A client that retries a request whose answer it lost sends the same id: answered, never applied twice.
    if (options.transactionId !== undefined && store.hasTransaction(transactionId)) throw reused()
    const mutations = typeof input === 'function' ? input((id: string) => store.getDocument(id)) : input
    if (!Array.isArray(mutations) || (mutations.length === 0 && typeof input !== 'function')) {
      throw new MutationError(400, 'mutationError', 'mutations must be a non-empty array')
    }
    const working = new Map<string, LakeDocument | null>()
    const original = new Map<string, LakeDocument | null>()
    const current = (id: string): LakeDocument | null => {
      if (!working.has(id)) {
        const doc = store.getDocument(id) ?? null
        working.set(id, doc)
        original.set(id, doc)
      }
      return working.get(id) ?? null
    }
    const put = (id: string, doc: LakeDocument | null) => {
      current(id)
      working.set(id, doc)
    }
    const idsFor = async (spec: { id?: string; query?: string; params?: Record<string, unknown> }, kind: string): Promise<string[]> => {
      if (typeof spec.id === 'string') return [spec.id]
      if (typeof spec.query !== 'string') throw new MutationError(400, 'mutationError', `${kind} needs an id or a query`)
      const all = new Map(store.allDocuments().map((doc) => [doc._id, doc]))
      for (const [id, doc] of working)
        if (doc) all.set(id, doc)
        else all.delete(id)
      const matched = await engine.queryOver([...all.values()], spec.query, spec.params ?? {})
      const list = Array.isArray(matched) ? matched : matched ? [matched] : []
      return list
        .map((doc) => (doc && typeof doc === 'object' ? (doc as { _id?: unknown })._id : undefined))
        .filter((id): id is string => typeof id === 'string')
    }
    const stamp = (doc: LakeDocument, createdAt?: string): LakeDocument => ({
      ...doc,
      _createdAt: createdAt ?? doc._createdAt ?? timestamp,
      _updatedAt: timestamp,
      _rev: transactionId,
    })

    const results: MutationResult[] = []
    for (const mutation of mutations as Record<string, unknown>[]) {
      const kinds = mutation && typeof mutation === 'object' ? Object.keys(mutation) : []
      if (kinds.length !== 1)
        throw new MutationError(400, 'mutationError', 'each mutation must have exactly one of create, createOrReplace, createIfNotExists, delete, patch')
      const kind = kinds[0]!
      const body = mutation[kind] as Record<string, unknown>
      if (!body || typeof body !== 'object') throw new MutationError(400, 'mutationError', `${kind} must be an object`)

      if (kind === 'create' || kind === 'createOrReplace' || kind === 'createIfNotExists') {
        const doc = validDocument(body, kind)
        const existing = current(doc._id)
        if (kind === 'create' && existing) throw new MutationError(409, 'documentAlreadyExistsError', `Document by ID "${doc._id}" already exists`)
        if (kind === 'createIfNotExists' && existing) {
          // Sanity's answer for a document that exists already (@sanity/import counts on it for --missing).
          results.push({ id: doc._id, operation: 'none' })
          continue
        }
        const stored = stamp(doc, existing?._createdAt)
        put(doc._id, stored)
        results.push({ id: doc._id, operation: existing ? 'update' : 'create', document: stored })
      } else if (kind === 'delete') {
        for (const id of await idsFor(body, 'delete')) {
          if (current(id)) results.push({ id, operation: 'delete' })
          put(id, null)
        }
      } else if (kind === 'patch') {
        const spec = body as PatchSpec
        const operations = Object.keys(spec).filter((key) => !['id', 'query', 'params', 'ifRevisionID'].includes(key))
        const unknown = operations.filter((op) => !PATCH_OPERATIONS.has(op))
        if (unknown.length > 0) throw new MutationError(400, 'mutationError', `unknown patch operation ${unknown.join(', ')}`)
        const ids = await idsFor(spec, 'patch')
        for (const id of ids) {
          const before = current(id)
          if (!before) throw new MutationError(404, 'documentNotFoundError', `Document by ID "${id}" not found`)
          if (spec.ifRevisionID !== undefined && spec.ifRevisionID !== before._rev) {
            throw new MutationError(
              409,
              'conflictError',
              `Document by ID "${id}" has unexpected revision ID ("${before._rev}"), expected "${spec.ifRevisionID}"`,
            )
          }
          const patch = Object.fromEntries(operations.map((op) => [op, spec[op]]))
          let after: LakeDocument
          try {
            after = new Mutation({ mutations: [{ patch: { id, ...patch } }] }).apply(structuredClone(before)) as LakeDocument
          } catch (error) {
            throw new MutationError(400, 'mutationError', `patch of ${id} failed: ${(error as Error).message}`)
          }
          if (after._id !== id || typeof after._type !== 'string') throw new MutationError(400, 'mutationError', 'a patch may not change _id or remove _type')
          // A patch may set _createdAt (imports restore it on assets); otherwise it stays.
          const stored = stamp(after, after._createdAt ?? before._createdAt)
          put(id, stored)
          results.push({ id, operation: 'update', document: stored })
        }
      } else {
        throw new MutationError(400, 'mutationError', `unknown mutation type "${kind}"`)
      }
    }

    const changes = [...working].map(([id, after]) => ({ id, before: original.get(id) ?? null, after })).filter((c) => c.before !== c.after)
    let sequence: number | undefined
    if (!options.dryRun && changes.length > 0) {
      store.exclusive(() => {
        if (options.transactionId !== undefined && store.hasTransaction(transactionId)) throw reused()
        for (const change of changes) {
          const now = store.getDocument(change.id)?._rev ?? null
          if (now !== (change.before?._rev ?? null)) {
            throw new MutationError(409, 'conflictError', `Document by ID "${change.id}" was changed by another transaction; retry`)
          }
        }
        sequence = store.commit({
          transactionId,
          author: options.author ?? 'system',
          timestamp,
          put: changes.flatMap((c) => (c.after ? [c.after] : [])),
          remove: changes.filter((c) => !c.after).map((c) => c.id),
          mutations,
        })
      })
    }
    return { transactionId, results, changes, sequence, timestamp }
  })
}

const locks = new WeakMap<LakeStore, Promise<unknown>>()

/** Runs `fn` after every earlier write on this store has finished (one writer at a time per process). */
function withWriteLock<T>(store: LakeStore, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(store) ?? Promise.resolve()
  const next = previous.then(fn, fn)
  locks.set(
    store,
    next.catch(() => undefined),
  )
  return next
}

function validDocument(body: Record<string, unknown>, kind: string): LakeDocument {
  const doc = { ...body } as LakeDocument
  if (kind === 'create' && (doc._id === undefined || (typeof doc._id === 'string' && doc._id.endsWith('.')))) {
    doc._id = `${doc._id ?? ''}${randomUUID()}`
  }
  if (!isValidDocumentId(doc._id)) throw new MutationError(400, 'mutationError', `invalid document id ${JSON.stringify(doc._id)}`)
  if (typeof doc._type !== 'string' || !doc._type || doc._type.startsWith('system.'))
    throw new MutationError(400, 'mutationError', `document ${doc._id} needs a valid _type`)
  return doc
}
