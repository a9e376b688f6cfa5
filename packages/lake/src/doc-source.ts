import type Database from 'better-sqlite3'
import { ByteLru } from './byte-lru'
import { rememberReferences } from './indexes'
import type { LakeDocument } from './ndjson'
import type { Perspective } from './perspective'

/**
 * Documents read from SQLite on demand (./index-tables.ts), as one perspective sees them: no
 * snapshot of the dataset is kept. A document is materialised from its head (its JSON without the
 * large fields); each left-out field is a getter that reads the document's stored revision the first
 * time a query touches it (groq-js reads attributes with plain property access, so it cannot tell).
 * The revision is fixed by `_rev`, so a lazy read sees the state the query saw however the lake
 * changed since. Materialised heads are kept in a cache bounded in bytes, keyed by row and write
 * sequence, so a hot document (the settings, a topic, today's articles) is parsed once.
 */

/** A row of `lake_docs` as the engine selects it: the head is read only when the cache does not hold the document. */
export interface DocRow {
  rid: number
  seq: number
  draft: number
}

export const ROW_COLUMNS = 'd.rid, d.seq, d.draft'

interface HeadRow {
  id: string
  pid: string | null
  head: string
  lazy: string | null
}

/** How a perspective reads `lake_docs`: which rows it sees, in which order, and what `_id` is. */
export interface PerspectiveSql {
  perspective: Perspective
  /** A condition on `d` selecting the perspective's rows. */
  where: string
  /** The dataset order. */
  order: string
  /** The column `_id` compares with. */
  id: string
}

export function perspectiveSql(perspective: Perspective): PerspectiveSql {
  if (perspective === 'published') return { perspective, where: 'd.pub = 1', order: 'd.rid', id: 'd.id' }
  if (perspective === 'drafts') return { perspective, where: 'd.d_order IS NOT NULL', order: 'd.d_order', id: 'd.pid' }
  return { perspective, where: '1', order: 'd.rid', id: 'd.id' }
}

/** Reads a document's full stored state at one revision (the current row or the `revisions` log). */
export type RevisionReader = (id: string, rev: string) => LakeDocument | undefined

/** Documents kept parsed in full (their large fields read): a feed's 50 bodies, a result's repeated ones. */
const FULL_DOCUMENTS = 512
/** Rows per page when a query scans the whole dataset. */
const SCAN_PAGE = 512
/** A perspective of fewer documents than this, scanned whole by a query, is kept for that query's next scans. */
const KEEP_SCANNED = 10_000

const isArrayKey = (key: string | symbol) => typeof key === 'string' && (key === 'length' || /^\d+$/.test(key) || key in Array.prototype)

export class DocumentSource {
  /** Materialised heads by `rid:seq:overlay`. */
  private readonly heads: ByteLru<string, LakeDocument>
  /** The last documents read in full, so a page reading several large fields of one parses it once. */
  private readonly full = new Map<string, LakeDocument>()
  private readonly refsStatement: Database.Statement
  /** The row of each materialised document (for its references). */
  private readonly rows = new WeakMap<object, number>()
  readonly stats = { headsParsed: 0, fullReads: 0 }

  constructor(
    readonly db: Database.Database,
    private readonly readRevision: RevisionReader,
    cacheBytes = 64 * 1024 * 1024,
  ) {
    this.heads = new ByteLru(cacheBytes)
    this.refsStatement = db.prepare('SELECT ref FROM lake_refs WHERE rid = ?').pluck()
    this.headStatement = db.prepare('SELECT d.id, d.pid, h.head, h.lazy FROM lake_docs d JOIN lake_heads h ON h.rid = d.rid WHERE d.rid = ?')
  }

  private readonly headStatement: Database.Statement

  /** The cache's entries and their estimated bytes. */
  cache(): { entries: number; bytes: number } {
    return { entries: this.heads.size, bytes: this.heads.bytes }
  }

  /** A row as the perspective sees it: a draft laid over its published id (`_originalId` names the draft). */
  document(row: DocRow, perspective: Perspective): LakeDocument {
    const overlay = perspective === 'drafts' && row.draft === 1
    const key = `${row.rid}:${row.seq}:${overlay ? 1 : 0}`
    const cached = this.heads.get(key)
    if (cached) return cached
    this.stats.headsParsed++
    const stored = this.headStatement.get(row.rid) as HeadRow
    const doc = JSON.parse(stored.head) as LakeDocument
    if (stored.lazy) {
      const id = doc._id
      const rev = doc._rev as string
      for (const name of JSON.parse(stored.lazy) as string[]) {
        Object.defineProperty(doc, name, { enumerable: true, configurable: true, get: () => this.field(id, rev, name) })
      }
    }
    if (overlay) {
      // As ./perspective.ts lays a draft over its published document: `_id` in place, `_originalId` added.
      doc._id = stored.pid!
      ;(doc as Record<string, unknown>)._originalId = stored.id
    }
    this.rows.set(doc, row.rid)
    this.heads.set(key, doc, 200 + 2 * stored.head.length)
    return doc
  }

  documents(rows: DocRow[], perspective: Perspective): LakeDocument[] {
    return rows.map((row) => this.document(row, perspective))
  }

  /** The ids a materialised document references (from the index: its lazy fields stay unread). */
  referencesOf(doc: LakeDocument): Set<string> | undefined {
    const rid = this.rows.get(doc)
    if (rid === undefined) return undefined
    const refs = new Set(this.refsStatement.all(rid) as string[])
    rememberReferences(doc, refs)
    return refs
  }

  private field(id: string, rev: string, name: string): unknown {
    const key = `${id}\u0000${rev}`
    let full = this.full.get(key)
    if (full) {
      this.full.delete(key)
      this.full.set(key, full)
    } else {
      full = this.readRevision(id, rev)
      if (!full) throw new Error(`lake: revision ${rev} of ${id} is missing: its field "${name}" cannot be read`)
      this.stats.fullReads++
      this.full.set(key, full)
      if (this.full.size > FULL_DOCUMENTS) this.full.delete(this.full.keys().next().value!)
    }
    return full[name]
  }

  /** Statements of `byId` by perspective: a dereference is a lookup, and preparing it would cost more than the lookup. */
  private readonly byIdStatements = new Map<Perspective, Database.Statement>()

  /** The document with this `_id` in the perspective, or null. */
  byId(id: string, p: PerspectiveSql): LakeDocument | null {
    let statement = this.byIdStatements.get(p.perspective)
    if (!statement) {
      statement = this.db.prepare(`SELECT ${ROW_COLUMNS} FROM lake_docs d WHERE ${p.id} = ? AND ${p.where}`)
      this.byIdStatements.set(p.perspective, statement)
    }
    const row = statement.get(id) as DocRow | undefined
    return row ? this.document(row, p.perspective) : null
  }

  /**
   * The whole perspective as groq-js iterates `*`: an array-like that reads a page of rows at a
   * time in dataset order (every `*` of a query, subqueries included, starts its own scan).
   * `onDocument` is told of each document read (the deadline check).
   */
  dataset(p: PerspectiveSql, onDocument: () => boolean = () => true): LakeDocument[] {
    const page = this.db.prepare(
      `SELECT ${ROW_COLUMNS}, ${p.order} AS o FROM lake_docs d WHERE ${p.where} AND ${p.order} > ? ORDER BY ${p.order} LIMIT ${SCAN_PAGE}`,
    )
    const materialise = (row: DocRow) => this.document(row, p.perspective)
    // A small perspective read whole once is kept for the query's other scans (nested `*`s).
    let kept: LakeDocument[] | undefined
    function* scan(): Generator<LakeDocument> {
      if (kept) {
        for (const doc of kept) {
          if (!onDocument()) return
          yield doc
        }
        return
      }
      const read: LakeDocument[] | undefined = []
      let after = -1
      for (;;) {
        const rows = page.all(after) as (DocRow & { o: number })[]
        for (const row of rows) {
          if (!onDocument()) return
          const doc = materialise(row)
          if (read.length < KEEP_SCANNED) read.push(doc)
          yield doc
        }
        if (rows.length < SCAN_PAGE) break
        after = rows.at(-1)!.o
      }
      if (read.length < KEEP_SCANNED) kept = read
    }
    let materialised: LakeDocument[] | undefined
    const all = () => (materialised ??= Array.from(scan()))
    return new Proxy([] as LakeDocument[], {
      get(target, key) {
        if (key === Symbol.iterator) return scan
        // What is no element, length or array method (groq-js looks for `next`, an iterator's) is not read for.
        if (!isArrayKey(key)) return Reflect.get(target, key) as unknown
        // An element, the length, an array method: the whole perspective is read once.
        const array = all()
        const value = Reflect.get(array, key, array) as unknown
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(array) : value
      },
      has: (target, key) => (isArrayKey(key) ? Reflect.has(all(), key) : Reflect.has(target, key)),
      ownKeys: () => Reflect.ownKeys(all()),
      getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(all(), key),
    })
  }
}
