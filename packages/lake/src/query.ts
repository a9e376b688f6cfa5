import { evaluate, type ExprNode } from 'groq-js'
import { ByteLru } from './byte-lru'
import { systemClock, type Clock } from './clock'
import { GroqQueryError, needsConstantParams, parseGroq } from './groq-parse'
import type { LakeDocument } from './ndjson'
import { DatasetIndexes, referencesOf } from './indexes'
import { applyPerspective, type Perspective } from './perspective'
import { forgetPlans, PLAN_MARKER, planTree, resolvePlan } from './planner'
import { ResidentDocuments } from './resident'
import type { LakeStore } from './store'

export type QueryParams = Record<string, unknown>
export { GroqQueryError }

interface PerspectiveView {
  documents: LakeDocument[]
  byId: Map<string, LakeDocument>
  /** Built on the first indexed query of this snapshot. */
  indexes?: DatasetIndexes
}

export interface QueryOptions {
  /** Evaluate over the whole dataset, without the planner (for comparisons and benchmarks). */
  fullScan?: boolean
  /** Give up with a QueryTimeout once `performance.now()` passes this. */
  deadline?: number
}

export interface EngineOptions {
  clock?: Clock
  /** Bytes of parsed queries kept for reuse (estimated from the query text). */
  parseCacheBytes?: number
}

/** A query that passed its deadline. */
export class QueryTimeout extends Error {
  constructor() {
    super('the query passed its time limit')
    this.name = 'QueryTimeout'
  }
}

/**
 * The documents as groq-js iterates them (for…of, in every `*` of the query, subqueries included),
 * checking the clock every 1 024 documents read (over all scans): groq-js cannot otherwise be
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
/** More transactions than this since the last snapshot: read everything again. */
const INCREMENTAL_REFRESH_LIMIT = 1000
/** A parsed tree weighs about nine times its query text (measured); planned copies and plans double that. */
const treeBytes = (query: string) => 1024 + 18 * query.length

interface CachedTree {
  parsed: ExprNode
  /** False when the tree was too large for the cache: its plans are forgotten after its evaluation. */
  kept: boolean
  planned?: ExprNode
  /** Plans registered for `planned`, forgotten with it. */
  plans: number[]
}

/**
 * Evaluates GROQ over an in-memory snapshot of the store. A query string is parsed once and its
 * params go to `evaluate` only: groq-js bakes params given to `parse` into the tree, so a tree
 * cached by query text alone must be parsed without them. The one exception is a query that slices
 * with params (`[$start...$end]`): groq-js only slices by constants, so such a query is parsed with
 * its params and cached under the query *and* the params. Parsed trees are kept in one cache
 * bounded in bytes, so that a stream of distinct large queries cannot grow the heap.
 */
export class LakeQueryEngine {
  private readonly trees: ByteLru<string, CachedTree>
  private readonly clock: Clock
  private snapshotVersion: string | undefined
  private views = new Map<Perspective, PerspectiveView>()
  private raw: { rowid: number; doc: LakeDocument }[] = []
  private rawSequence: number | undefined
  /** Large fields stay in SQLite until read (./resident.ts). */
  readonly resident: ResidentDocuments

  constructor(
    private readonly store: LakeStore,
    options: EngineOptions = {},
  ) {
    this.resident = new ResidentDocuments((id, rev) => store.documentAtRevision(id, rev))
    this.clock = options.clock ?? systemClock
    this.trees = new ByteLru(options.parseCacheBytes ?? 16 * 1024 * 1024, (tree) => forgetPlans(tree.plans))
  }

  async query(query: string, params: QueryParams = {}, perspective: Perspective = 'published', options: QueryOptions = {}): Promise<unknown> {
    for (const name of Object.keys(params)) {
      if (!PARAM_NAME.test(name)) throw new GroqQueryError(`invalid parameter name "${name}"`, query)
    }
    const cached = this.treeFor(query, params)
    const view = this.view(perspective)
    const bounded = options.deadline === undefined ? undefined : untilDeadline(view.documents, options.deadline)
    const dataset = bounded?.documents ?? view.documents
    const timestamp = this.clock()
    try {
      const result = await (await this.evaluateIn(view, cached, dataset, params, timestamp, options.fullScan)).get()
      if (bounded?.expired()) throw new QueryTimeout()
      return result
    } finally {
      if (!cached.kept) forgetPlans(cached.plans)
    }
  }

  private evaluateIn(view: PerspectiveView, cached: CachedTree, dataset: LakeDocument[], params: QueryParams, timestamp: Date, fullScan = false) {
    if (fullScan) {
      return evaluate(cached.parsed, { dataset, params, timestamp, dereference: ({ _ref }) => view.byId.get(_ref) ?? null })
    }
    cached.planned ??= planTree(cached.parsed, cached.plans)
    const indexes = (view.indexes ??= new DatasetIndexes(view.documents))
    // now() is the same instant everywhere in one evaluation: the planner's JavaScript sees groq-js's value.
    const context = { params, now: timestamp.toISOString(), refsOf: referencesOf }
    return evaluate(cached.planned, {
      dataset,
      params,
      timestamp,
      // A marker id is the planner asking for candidates (an array, which groq-js takes as any value).
      dereference: ({ _ref }) =>
        _ref.startsWith(PLAN_MARKER) ? (resolvePlan(_ref, indexes, context) as unknown as LakeDocument | null) : (view.byId.get(_ref) ?? null),
    })
  }

  /**
   * Evaluates a projection in delta mode, as Sanity evaluates a GROQ-powered webhook's projection:
   * `before()`, `after()` and `delta::operation()` see the change; references resolve in `published`.
   */
  async delta(projection: string, before: LakeDocument | null, after: LakeDocument | null): Promise<unknown> {
    const key = `delta\u0000${projection}`
    let cached = this.trees.get(key)
    if (!cached) {
      cached = { parsed: parseGroq(projection, { mode: 'delta' }), kept: false, plans: [] }
      cached.kept = this.trees.set(key, cached, treeBytes(key))
    }
    const view = this.view('published')
    const value = await evaluate(cached.parsed, {
      before,
      after,
      root: after ?? before,
      timestamp: this.clock(),
      dataset: view.documents,
      dereference: ({ _ref }) => view.byId.get(_ref) ?? null,
    })
    return value.get()
  }

  /** Evaluates a query over a given document list (a transaction's working set, a listener's document). */
  async queryOver(documents: LakeDocument[], query: string, params: QueryParams = {}): Promise<unknown> {
    const byId = new Map(documents.map((doc) => [doc._id, doc]))
    const value = await evaluate(this.treeFor(query, params).parsed, {
      dataset: documents,
      params,
      timestamp: this.clock(),
      dereference: ({ _ref }) => byId.get(_ref) ?? null,
    })
    return value.get()
  }

  private treeFor(query: string, params: QueryParams): CachedTree {
    const cached = this.trees.get(query)
    if (cached) return cached
    try {
      const tree: CachedTree = { parsed: parseGroq(query), kept: false, plans: [] }
      tree.kept = this.trees.set(query, tree, treeBytes(query))
      return tree
    } catch (error) {
      if (!needsConstantParams(error)) throw error
    }
    const key = `${query}\u0000${JSON.stringify(params)}`
    let tree = this.trees.get(key)
    if (!tree) {
      tree = { parsed: parseGroq(query, { params }), kept: false, plans: [] }
      tree.kept = this.trees.set(key, tree, treeBytes(key))
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
      const fresh = this.store
        .documentJson(changed)
        .map(resident)
        .sort((a, b) => a.rowid - b.rowid)
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

  /** What the parse cache holds: entries and their estimated bytes (bounded by `parseCacheBytes`). */
  parseCache(): { entries: number; bytes: number } {
    return { entries: this.trees.size, bytes: this.trees.bytes }
  }

  /** Brings the snapshot of a perspective up to date now, instead of in the next query. */
  warm(perspective: Perspective): void {
    this.view(perspective)
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
