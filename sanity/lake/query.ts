import { evaluate, parse, type ExprNode } from 'groq-js'
import { now } from '../clock'
import type { LakeDocument } from './ndjson'
import { DatasetIndexes, referencesOf } from './indexes'
import { applyPerspective, type Perspective } from './perspective'
import { PLAN_MARKER, planTree, resolvePlan } from './planner'
import { ResidentDocuments } from './resident'
import type { LakeStore } from './store'

export type QueryParams = Record<string, unknown>

export class GroqQueryError extends Error {
  constructor(message: string, readonly query: string) {
    super(message)
    this.name = 'GroqQueryError'
  }
}

interface PerspectiveView {
  documents: LakeDocument[]
  byId: Map<string, LakeDocument>
  /** Built on the first indexed query of this snapshot. */
  indexes?: DatasetIndexes
}

export interface QueryOptions {
  /** Evaluate over the whole dataset, without the planner (for comparisons and benchmarks). */
  fullScan?: boolean
  /** With `fullScan`: give up with a FullScanTimeout once `performance.now()` passes this. */
  deadline?: number
}

/** A full scan that passed its deadline (benchmarks: some take minutes at 100 000 documents). */
export class FullScanTimeout extends Error {
  constructor() {
    super('the full scan passed its deadline')
    this.name = 'FullScanTimeout'
  }
}

/**
 * The documents as groq-js iterates them (for…of, in every `*` of the query, subqueries included),
 * checking the clock every 1 024 documents read (over all scans): a full scan cannot otherwise be
 * stopped. Past the deadline every scan ends early, so the evaluation finishes soon with an answer
 * that `expired()` says to discard (throwing from inside groq-js would leave its streams rejecting
 * in the background).
 */
function untilDeadline(documents: LakeDocument[], deadline: number): { documents: LakeDocument[]; expired: () => boolean } {
  let seen = 0
  let expired = false
  const bounded = new Proxy(documents, {
    get(target, key, receiver) {
      if (key !== Symbol.iterator) return Reflect.get(target, key, receiver) as unknown
      return function* () {
        for (const doc of target) {
          if (expired || ((++seen & 1023) === 0 && performance.now() > deadline)) {
            expired = true
            return
          }
          yield doc
        }
      }
    },
  })
  return { documents: bounded, expired: () => expired }
}

const PARAM_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const PARSED_WITH_PARAMS_LIMIT = 500
/** More transactions than this since the last snapshot: read everything again. */
const INCREMENTAL_REFRESH_LIMIT = 1000

/**
 * Evaluates GROQ over an in-memory snapshot of the store. A query string is parsed once and its
 * params go to `evaluate` only: groq-js bakes params given to `parse` into the tree, so a tree
 * cached by query text alone must be parsed without them. The one exception is a query that slices
 * with params (`[$start...$end]`): groq-js only slices by constants, so such a query is parsed with
 * its params and cached under the query *and* the params.
 */
export class LakeQueryEngine {
  private readonly parsed = new Map<string, ExprNode>()
  private readonly parsedWithParams = new Map<string, ExprNode>()
  private readonly parsedDelta = new Map<string, ExprNode>()
  private readonly planned = new WeakMap<ExprNode, ExprNode>()
  private snapshotVersion: string | undefined
  private views = new Map<Perspective, PerspectiveView>()
  private raw: { rowid: number; doc: LakeDocument }[] = []
  private rawSequence: number | undefined
  /** Large fields stay in SQLite until read (./resident.ts). */
  readonly resident: ResidentDocuments

  constructor(private readonly store: LakeStore) {
    this.resident = new ResidentDocuments((id, rev) => store.documentAtRevision(id, rev))
  }

  async query(query: string, params: QueryParams = {}, perspective: Perspective = 'published', options: QueryOptions = {}): Promise<unknown> {
    for (const name of Object.keys(params)) {
      if (!PARAM_NAME.test(name)) throw new GroqQueryError(`invalid parameter name "${name}"`, query)
    }
    const parsed = this.treeFor(query, params)
    const view = this.view(perspective)
    const timestamp = now()
    if (options.fullScan) {
      const bounded = options.deadline === undefined ? undefined : untilDeadline(view.documents, options.deadline)
      const value = await evaluate(parsed, { dataset: bounded?.documents ?? view.documents, params, timestamp, dereference: ({ _ref }) => view.byId.get(_ref) ?? null })
      const result = await value.get()
      if (bounded?.expired()) throw new FullScanTimeout()
      return result
    }
    let tree = this.planned.get(parsed)
    if (!tree) this.planned.set(parsed, (tree = planTree(parsed)))
    const indexes = (view.indexes ??= new DatasetIndexes(view.documents))
    // now() is the same instant everywhere in one evaluation: the planner's JavaScript sees groq-js's value.
    const context = { params, now: timestamp.toISOString(), refsOf: referencesOf }
    const value = await evaluate(tree, {
      dataset: view.documents,
      params,
      timestamp,
      // A marker id is the planner asking for candidates (an array, which groq-js takes as any value).
      dereference: ({ _ref }) => (_ref.startsWith(PLAN_MARKER) ? (resolvePlan(_ref, indexes, context) as unknown as LakeDocument | null) : (view.byId.get(_ref) ?? null)),
    })
    return value.get()
  }

  /**
   * Evaluates a projection in delta mode, as Sanity evaluates a GROQ-powered webhook's projection:
   * `before()`, `after()` and `delta::operation()` see the change; references resolve in `published`.
   */
  async delta(projection: string, before: LakeDocument | null, after: LakeDocument | null): Promise<unknown> {
    let tree = this.parsedDelta.get(projection)
    if (!tree) {
      try {
        tree = parse(projection, { mode: 'delta' })
      } catch (error) {
        throw new GroqQueryError(`GROQ parse error: ${(error as Error).message}`, projection)
      }
      this.parsedDelta.set(projection, tree)
    }
    const view = this.view('published')
    const value = await evaluate(tree, { before, after, root: after ?? before, timestamp: now(), dataset: view.documents, dereference: ({ _ref }) => view.byId.get(_ref) ?? null })
    return value.get()
  }

  /** Evaluates a query over a given document list (a transaction's working set, for by-query mutations). */
  async queryOver(documents: LakeDocument[], query: string, params: QueryParams = {}): Promise<unknown> {
    const byId = new Map(documents.map((doc) => [doc._id, doc]))
    const value = await evaluate(this.treeFor(query, params), { dataset: documents, params, dereference: ({ _ref }) => byId.get(_ref) ?? null })
    return value.get()
  }

  private treeFor(query: string, params: QueryParams): ExprNode {
    const cached = this.parsed.get(query)
    if (cached) return cached
    try {
      const tree = parse(query)
      this.parsed.set(query, tree)
      return tree
    } catch (error) {
      if (!/constant/.test((error as Error).message)) throw new GroqQueryError(`GROQ parse error: ${(error as Error).message}`, query)
    }
    const key = `${query}\u0000${JSON.stringify(params)}`
    let tree = this.parsedWithParams.get(key)
    if (!tree) {
      try {
        tree = parse(query, { params })
      } catch (error) {
        throw new GroqQueryError(`GROQ parse error: ${(error as Error).message}`, query)
      }
      if (this.parsedWithParams.size >= PARSED_WITH_PARAMS_LIMIT) {
        const oldest = this.parsedWithParams.keys().next().value
        if (oldest !== undefined) this.parsedWithParams.delete(oldest)
      }
      this.parsedWithParams.set(key, tree)
    }
    return tree
  }

  /**
   * Brings the snapshot up to date. After a few transactions only the documents they touched are
   * read again (parsing every document is seconds at 100 000); the snapshot stays in rowid order,
   * the dataset order a full read gives. Unchanged documents keep their objects, so what is derived
   * from them (their references) is computed once. Documents are kept in their resident form.
   */
  private refresh(): void {
    const sequence = this.store.lastSequence()
    const changed = this.rawSequence === undefined ? null : this.store.idsChangedAfter(this.rawSequence, INCREMENTAL_REFRESH_LIMIT)
    const resident = ({ rowid, json }: { rowid: number; json: string }) => ({ rowid, doc: this.resident.fromJson(json) })
    if (changed === null) this.raw = Array.from(this.store.allDocumentJson(), resident)
    else if (changed.length > 0) {
      const touched = new Set(changed)
      const kept = this.raw.filter((entry) => !touched.has(entry.doc._id))
      const fresh = this.store.documentJson(changed).map(resident).sort((a, b) => a.rowid - b.rowid)
      const merged: typeof kept = []
      let i = 0
      for (const entry of fresh) {
        while (i < kept.length && kept[i]!.rowid < entry.rowid) merged.push(kept[i++]!)
        merged.push(entry)
      }
      while (i < kept.length) merged.push(kept[i++]!)
      this.raw = merged
    }
    this.rawSequence = sequence
  }

  private view(perspective: Perspective): PerspectiveView {
    const version = this.store.version()
    if (version !== this.snapshotVersion) {
      this.store.read(() => this.refresh())
      this.views = new Map()
      this.snapshotVersion = version
    }
    let view = this.views.get(perspective)
    if (!view) {
      const documents = applyPerspective(
        this.raw.map((entry) => entry.doc),
        perspective,
      )
      view = { documents, byId: new Map(documents.map((doc) => [doc._id, doc])) }
      this.views.set(perspective, view)
    }
    return view
  }
}
