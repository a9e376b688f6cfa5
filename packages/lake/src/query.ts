import type Database from 'better-sqlite3'
import { evaluate, evaluateSync, type ExprNode } from 'groq-js'
import { ByteLru } from './byte-lru'
import { systemClock, type Clock } from './clock'
import { GroqQueryError, needsConstantParams, parseGroq } from './groq-parse'
import type { LakeDocument } from './ndjson'
import { FIELD_COLUMNS, oddKeys } from './index-tables'
import { DocumentSource, perspectiveSql, ROW_COLUMNS, type DocRow, type PerspectiveSql } from './doc-source'
import { referencesOf } from './indexes'
import type { Perspective } from './perspective'
import { forgetPlans, PLAN_MARKER, planTree, resolvePlan, type PlanSource } from './planner'
import type { LakeStore } from './store'

export type QueryParams = Record<string, unknown>
export { GroqQueryError }

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
  /** Bytes of materialised document heads kept for reuse (./doc-source.ts). */
  documentCacheBytes?: number
}

/** A query that passed its deadline. */
export class QueryTimeout extends Error {
  constructor() {
    super('the query passed its time limit')
    this.name = 'QueryTimeout'
  }
}

const PARAM_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/
/** A parsed tree weighs about nine times its query text (measured); planned copies and plans double that. */
const treeBytes = (query: string) => 1024 + 18 * query.length

interface CachedTree {
  parsed: ExprNode
  /** False when the tree was too large for the cache: its plans are forgotten after its evaluation. */
  kept: boolean
  planned?: ExprNode
  /** Plans registered for `planned`, forgotten with it. */
  plans: number[]
  /** groq-js's synchronous evaluator refused the planned tree once: it goes to the asynchronous one. */
  asyncOnly?: boolean
}

/**
 * Evaluates GROQ over the store, reading documents on demand (./doc-source.ts): nothing of the
 * dataset is kept but a bounded cache of hot documents. Each evaluation runs inside one read
 * transaction, so everything it reads — the indexes, the rows, a lazy body — is one state of the
 * lake, however the lake changes meanwhile.
 *
 * A query string is parsed once and its params go to `evaluate` only: groq-js bakes params given to
 * `parse` into the tree, so a tree cached by query text alone must be parsed without them. The one
 * exception is a query that slices with params (`[$start...$end]`): groq-js only slices by
 * constants, so such a query is parsed with its params and cached under the query *and* the params.
 * Parsed trees are kept in one cache bounded in bytes, so that a stream of distinct large queries
 * cannot grow the heap.
 */
export class LakeQueryEngine {
  private readonly trees: ByteLru<string, CachedTree>
  private readonly clock: Clock
  readonly source: DocumentSource
  private readonly rowStatements = new Map<string, Database.Statement>()

  constructor(
    private readonly store: LakeStore,
    options: EngineOptions = {},
  ) {
    this.source = new DocumentSource(store.db, (id, rev) => store.documentAtRevision(id, rev), options.documentCacheBytes)
    this.clock = options.clock ?? systemClock
    this.trees = new ByteLru(options.parseCacheBytes ?? 16 * 1024 * 1024, (tree) => forgetPlans(tree.plans))
  }

  async query(query: string, params: QueryParams = {}, perspective: Perspective = 'published', options: QueryOptions = {}): Promise<unknown> {
    for (const name of Object.keys(params)) {
      if (!PARAM_NAME.test(name)) throw new GroqQueryError(`invalid parameter name "${name}"`, query)
    }
    const cached = this.treeFor(query, params)
    const p = perspectiveSql(perspective)
    let seen = 0
    let expired = false
    let evaluated = false
    const { deadline } = options
    // groq-js cannot be stopped: past the deadline every scan ends early, so the evaluation finishes
    // soon with an answer that is discarded (throwing from inside groq-js would leave its streams
    // rejecting in the background). A result may hold the perspective itself (`{"all": *}`), read
    // only when the caller serialises it: that read must not be cut short, since nothing discards
    // its answer any more (the pool's overrun timer still bounds it).
    const onDocument = () => {
      if (evaluated) return true
      if (expired || (deadline !== undefined && (++seen & 1023) === 0 && performance.now() > deadline)) expired = true
      return !expired
    }
    const timestamp = this.clock()
    return this.inReadTransaction(async () => {
      try {
        const value = await this.evaluateIn(p, cached, params, timestamp, onDocument, options.fullScan)
        // A lazy field read later reads the document's revision (fixed by `_rev`): the state the query saw.
        const result = (await value.get()) as unknown
        if (expired) throw new QueryTimeout()
        evaluated = true
        return result
      } finally {
        if (!cached.kept) forgetPlans(cached.plans)
      }
    })
  }

  /** Runs `fn` in a read transaction of its own, unless one is open (a nested call, or the caller's). */
  private async inReadTransaction<T>(fn: () => Promise<T>): Promise<T> {
    const db = this.store.db
    if (db.inTransaction) return fn()
    db.exec('BEGIN')
    try {
      return await fn()
    } finally {
      if (db.inTransaction) db.exec('COMMIT')
    }
  }

  private evaluateIn(p: PerspectiveSql, cached: CachedTree, params: QueryParams, timestamp: Date, onDocument: () => boolean, fullScan = false) {
    const dataset = this.source.dataset(p, onDocument)
    // One state of the lake per evaluation (its read transaction): a document dereferenced again (an
    // image's asset from 5 000 sitemap entries, a topic from every card) is looked up once.
    const dereferenced = new Map<string, LakeDocument | null>()
    const byId = (id: string) => {
      let doc = dereferenced.get(id)
      if (doc === undefined) dereferenced.set(id, (doc = this.source.byId(id, p)))
      return doc
    }
    if (fullScan) return evaluate(cached.parsed, { dataset, params, timestamp, dereference: ({ _ref }) => byId(_ref) })
    cached.planned ??= planTree(cached.parsed, cached.plans)
    // now() is the same instant everywhere in one evaluation: the planner's JavaScript sees groq-js's value.
    const context = { params, now: timestamp.toISOString() }
    const source = this.planSource(p)
    const options = {
      dataset,
      params,
      timestamp,
      // A marker id is the planner asking for candidates (an array, or a count, which groq-js takes as any value).
      dereference: ({ _ref }: { _ref: string }) =>
        _ref.startsWith(PLAN_MARKER) ? (resolvePlan(_ref, source, context) as unknown as LakeDocument | null) : byId(_ref),
    }
    // Everything the planned tree reads answers synchronously (SQLite, the document cache), so groq-js's
    // synchronous evaluator can run it: without a promise per node, a sitemap's 5 000 projected articles
    // take half the time. It covers less of GROQ than the asynchronous one (no streams, no delta
    // functions); a tree it refuses once goes to the asynchronous evaluator from then on. The full scan
    // stays asynchronous: the reference the property tests hold the planner to.
    if (!cached.asyncOnly) {
      try {
        return evaluateSync(cached.planned, options)
      } catch {
        cached.asyncOnly = true
      }
    }
    return evaluate(cached.planned, options)
  }

  private planSource(p: PerspectiveSql): PlanSource {
    const statement = (sql: string) => {
      let prepared = this.rowStatements.get(sql)
      if (!prepared) {
        prepared = this.store.db.prepare(sql)
        // Plans make a few shapes of SQL each; the map is bounded like the parse cache's plans.
        if (this.rowStatements.size > 2000) this.rowStatements.clear()
        this.rowStatements.set(sql, prepared)
      }
      return prepared
    }
    // From the postings of one reference (a range of lake_refs), or of several (each document once), or from lake_docs.
    const from = (refs: string[] | undefined, scan = false) =>
      refs === undefined
        ? { table: scan ? 'lake_docs d NOT INDEXED' : 'lake_docs d', where: p.where, args: [] as unknown[], group: '' }
        : refs.length === 1
          ? { table: 'lake_refs d', where: `d.ref = ? AND ${p.where}`, args: refs, group: '' }
          : { table: 'lake_refs d', where: `d.ref IN (SELECT value FROM json_each(?)) AND ${p.where}`, args: [JSON.stringify(refs)], group: ' GROUP BY d.rid' }
    return {
      p,
      rows: (where, args, orderBy, limit, refs, offset, columns, scan) => {
        const f = from(refs, scan)
        // Every row of a reference's postings, in dataset order: `+` keeps SQLite from scanning all of them in
        // their key's order (a country's 100 000 articles) when a narrower index (its persons) then a sort is cheaper.
        const order = orderBy ?? (refs !== undefined && limit === undefined ? `+${p.order}` : p.order)
        return statement(
          `SELECT ${ROW_COLUMNS}, ${p.order} AS o, d.f_pub AS k${columns?.length ? `, ${columns.join(', ')}` : ''} FROM ${f.table} WHERE ${f.where} AND ${where}${f.group} ORDER BY ${order}${limit === undefined ? '' : ` LIMIT ${limit}`}${offset ? ` OFFSET ${offset}` : ''}`,
        ).all(...f.args, ...args) as (DocRow & { o: number; k?: unknown })[]
      },
      oddKeys: () => oddKeys(this.store.db),
      stubs: (rows, paths) => rows.map((row) => stubOf(row as StubRow, paths, p) ?? this.source.document(row, p.perspective)),
      project: (where, args, refs, attributes, scan) => {
        const f = from(refs, scan)
        const columns = attributes.map(({ path }) => (path === '_id' ? p.id : path === '_rev' ? 'd.rev' : `d.${FIELD_COLUMNS[path]!}`))
        const order = refs !== undefined ? `+${p.order}` : p.order
        const rows = statement(`SELECT ${columns.join(', ')} FROM ${f.table} WHERE ${f.where} AND ${where}${f.group} ORDER BY ${order}`)
          .raw()
          .all(...f.args, ...args) as unknown[][]
        const projected: Record<string, unknown>[] = new Array(rows.length)
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]!
          const object: Record<string, unknown> = {}
          for (let j = 0; j < attributes.length; j++) {
            const value = row[j]
            if (Buffer.isBuffer(value)) {
              // An array or object: not in the index (the caller lets groq-js project instead).
              if (value[0] === 2) return null
              object[attributes[j]!.name] = value[0] === 1
            } else object[attributes[j]!.name] = value ?? null
          }
          projected[i] = object
        }
        return projected
      },
      count: (where, args, refs) => {
        const f = from(refs)
        const counted = f.group ? 'count(DISTINCT d.rid)' : 'count(*)'
        return statement(`SELECT ${counted} FROM ${f.table} WHERE ${f.where} AND ${where}`)
          .pluck()
          .get(...f.args, ...args) as number
      },
      keyAt: (where, args, orderBy, rank, refs) => {
        const f = from(refs)
        const key = orderBy.split(' ')[0]!
        const row = statement(`SELECT ${key} AS key FROM ${f.table} WHERE ${f.where} AND ${where}${f.group} ORDER BY ${orderBy} LIMIT 1 OFFSET ${rank}`).get(
          ...f.args,
          ...args,
        ) as { key: unknown } | undefined
        return row?.key
      },
      memo: new Map(),
      groupCountsByRef: (where, args) =>
        new Map(
          statement(`SELECT d.ref, sum(d.n) AS n FROM lake_ref_counts d WHERE ${p.where} AND ${where} GROUP BY d.ref`)
            .raw()
            .all(...args) as [string, number][],
        ),
      countsByRef: (where, args) =>
        new Map(
          statement(`SELECT r.ref, count(*) AS n FROM lake_docs d JOIN lake_refs r ON r.rid = d.rid WHERE ${p.where} AND ${where} GROUP BY r.ref`)
            .raw()
            .all(...args) as [string, number][],
        ),
      groupCount: (where, args, ref) =>
        statement(
          ref === undefined
            ? `SELECT coalesce(sum(d.n), 0) FROM lake_doc_counts d WHERE ${p.where} AND ${where}`
            : `SELECT coalesce(sum(d.n), 0) FROM lake_ref_counts d WHERE d.ref = ? AND ${p.where} AND ${where}`,
        )
          .pluck()
          .get(...(ref === undefined ? [] : [ref]), ...args) as number,
      documents: (rows) => this.source.documents(rows, p.perspective),
      refsOf: (doc) => this.source.referencesOf(doc) ?? referencesOf(doc),
    }
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
    const tree = cached
    const p = perspectiveSql('published')
    return this.inReadTransaction(async () => {
      const value = await evaluate(tree.parsed, {
        before,
        after,
        root: after ?? before,
        timestamp: this.clock(),
        dataset: this.source.dataset(p),
        dereference: ({ _ref }) => this.source.byId(_ref, p),
      })
      return (await value.get()) as unknown
    })
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

  /** What the parse cache holds: entries and their estimated bytes (bounded by `parseCacheBytes`). */
  parseCache(): { entries: number; bytes: number } {
    return { entries: this.trees.size, bytes: this.trees.bytes }
  }
}

type StubRow = DocRow & { id: string; pid: string | null; rev: string | null } & Record<string, unknown>

/**
 * A document reduced to `paths`, from its index columns: what a projection reading only those
 * paths sees of the document. Undefined when a column holds an array or object (its value is not
 * in the index): the document itself is read then.
 */
const COMPOSITE = Symbol('composite')

/** A path's value from the index columns (undefined: absent or null; COMPOSITE: an array or object). */
function columnValue(row: StubRow, path: string, p: PerspectiveSql): unknown {
  if (path === '_id') return p.perspective === 'drafts' ? row.pid : row.id
  if (path === '_rev') return row.rev ?? undefined
  const value = row[FIELD_COLUMNS[path]!]
  if (Buffer.isBuffer(value)) return value[0] === 2 ? COMPOSITE : value[0] === 1
  return value ?? undefined
}

function stubOf(row: StubRow, paths: string[], p: PerspectiveSql): LakeDocument | undefined {
  const stub: Record<string, unknown> = {}
  for (const path of paths) {
    const value = columnValue(row, path, p)
    if (value === COMPOSITE) return undefined
    if (value === null || value === undefined) continue
    const names = path.split('.')
    let target = stub
    for (const name of names.slice(0, -1)) target = (target[name] ??= {}) as Record<string, unknown>
    target[names.at(-1)!] = value
  }
  return stub as LakeDocument
}
