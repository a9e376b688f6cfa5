import type Database from 'better-sqlite3'
import { attribute, referencesOf } from './indexes'
import type { LakeDocument } from './ndjson'

/**
 * The lake's persisted indexes: SQLite is the index, not only the log. Every write maintains them
 * in its own transaction (./store.ts `commit`), so a query worker needs nothing in its heap but the
 * documents a query reads.
 *
 * - `lake_docs`: a row per stored document, keyed by the document's `documents.rowid` (dataset
 *   order). It holds the values of the fields the site's and the Studio's filters test and order
 *   by (FIELD_COLUMNS), each as a typed SQL value (`encode`), the document's order in the drafts
 *   perspective, and the document's **head**: its JSON with every large top-level field left out
 *   (article bodies), so that a query that reads cards, sitemaps or manifests parses hundreds of
 *   bytes per document, not kilobytes. A left-out field is read from `documents` when a query
 *   touches it (./doc-source.ts).
 * - `lake_refs`: the references of each document (exactly the `_ref`s GROQ's `references()` sees),
 *   keyed both ways: by referenced id (who references X) and by document (what X references). A
 *   posting carries a copy of the document's `lake_docs` columns, so that "the visible articles of
 *   this topic" is one range of one table: counted, filtered and ordered by `publishedAt` (its own
 *   index) without a lookup per article.
 * - `lake_elements`: the strings of each ELEMENT_FIELDS list, keyed by value, so that "which
 *   document lists this former address" is one lookup, not a read of every document with a list.
 */

/** Bumped when the shape of the index changes: a lake with another version rebuilds its indexes at open. */
const INDEX_VERSION = 5

/** Indexed fields: GROQ path → column. `_id` is the `id`/`pid` columns. */
export const FIELD_COLUMNS: Record<string, string> = {
  _type: 'f_type',
  'slug.current': 'f_slug',
  publishedAt: 'f_pub',
  language: 'f_lang',
  'seo.noindex': 'f_noindex',
  updatedAt: 'f_upd',
  _updatedAt: 'f_sysupd',
  previousSlugs: 'f_prev',
}

const COLUMNS = Object.values(FIELD_COLUMNS)

/** Top-level lists whose string elements are indexed (`$slug in previousSlugs`); each also in FIELD_COLUMNS. */
export const ELEMENT_FIELDS = ['previousSlugs']

const ELEMENT_TABLE = `
    CREATE TABLE IF NOT EXISTS lake_elements (field TEXT NOT NULL, value TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (field, value, rid)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS lake_elements_rid ON lake_elements(rid);`

/** A document's row: in lake_docs, and copied into lake_refs for each reference it holds, so that a reference's documents are one index range. */
const DOCUMENT_COLUMNS = `id TEXT NOT NULL, pid TEXT, pub INTEGER NOT NULL, draft INTEGER NOT NULL, seq INTEGER NOT NULL, rev TEXT, d_order INTEGER, ${COLUMNS.join(', ')}`

/** A top-level field whose JSON is longer than this is left out of the head. */
const LARGE_FIELD_CHARS = 1024
/** Drafts never published sort after every published document in the drafts perspective (as ./perspective.ts orders them). */
const UNPUBLISHED_DRAFT_ORDER = 2 ** 40

const TRUE = Buffer.from([1])
const FALSE = Buffer.from([0])
const COMPOSITE = Buffer.from([2])

/**
 * A GROQ value as an SQL value that compares as GROQ compares: strings as TEXT, numbers as REAL,
 * null (or absent) as NULL, booleans and arrays/objects as distinct BLOBs (columns have no type
 * affinity, so nothing is converted and values of different types are never equal).
 */
export function encode(value: unknown): string | number | Buffer | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'boolean') return value ? TRUE : FALSE
  return COMPOSITE
}

const isPublishedId = (id: string) => !id.includes('.')
/** The published id a document stands for in the drafts perspective (null: it is in no perspective but raw). */
function publishedIdOf(id: string): string | null {
  if (isPublishedId(id)) return id
  if (id.startsWith('drafts.') && isPublishedId(id.slice(7))) return id.slice(7)
  return null
}

/**
 * Whether SQLite could order these keys differently from JavaScript: SQLite compares UTF-8 bytes
 * (code points), JavaScript UTF-16 code units; they agree below U+D800. The lake counts the
 * documents with such an `_id` or indexed value (lake_meta `odd_values`): while there are none, an
 * ordered slice is cut in SQL (./planner.ts).
 */
const isOddKey = (value: unknown) => typeof value === 'string' && /[\uD800-\uFFFF]/.test(value)
const isOddRow = (row: Record<string, unknown>) => isOddKey(row.id) || COLUMNS.some((column) => isOddKey(row[column]))

const path = (doc: LakeDocument, dotted: string) => dotted.split('.').reduce<unknown>((value, name) => attribute(value, name), doc)

/** The head of a document and the names of the fields it leaves out. */
function headOf(doc: LakeDocument, json: string): { head: string; lazy: string | null } {
  if (json.length < 2 * LARGE_FIELD_CHARS) return { head: json, lazy: null }
  const lazy: string[] = []
  const head: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(doc)) {
    if (!name.startsWith('_') && value !== null && typeof value === 'object' && JSON.stringify(value).length > LARGE_FIELD_CHARS) {
      lazy.push(name)
      // Kept as a placeholder so that the document's key order is the stored one.
      head[name] = 0
    } else head[name] = value
  }
  return lazy.length === 0 ? { head: json, lazy: null } : { head: JSON.stringify(head), lazy: JSON.stringify(lazy) }
}

function createIndexTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS lake_docs (
      rid INTEGER PRIMARY KEY,
      ${DOCUMENT_COLUMNS}
    );
    CREATE TABLE IF NOT EXISTS lake_heads (rid INTEGER PRIMARY KEY, head TEXT NOT NULL, lazy TEXT);
    CREATE UNIQUE INDEX IF NOT EXISTS lake_docs_id ON lake_docs(id);
    CREATE INDEX IF NOT EXISTS lake_docs_pid ON lake_docs(pid, draft);
    CREATE INDEX IF NOT EXISTS lake_docs_type_pub ON lake_docs(f_type, pub, f_pub);
    CREATE INDEX IF NOT EXISTS lake_docs_slug ON lake_docs(f_slug);
    CREATE INDEX IF NOT EXISTS lake_docs_d_order ON lake_docs(d_order);
    CREATE TABLE IF NOT EXISTS lake_refs (
      ref TEXT NOT NULL,
      rid INTEGER NOT NULL,
      ${DOCUMENT_COLUMNS},
      PRIMARY KEY (ref, rid)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS lake_refs_rid ON lake_refs(rid);
    CREATE INDEX IF NOT EXISTS lake_refs_pub ON lake_refs(ref, f_pub);
    CREATE INDEX IF NOT EXISTS lake_refs_upd ON lake_refs(ref, f_upd);
    CREATE INDEX IF NOT EXISTS lake_docs_type_upd ON lake_docs(f_type, pub, f_upd);
    ${ELEMENT_TABLE}
  `)
}

/** Maintains the indexes; every method runs inside the caller's write transaction. */
export class IndexWriter {
  private readonly upsert: Database.Statement
  private readonly removeStale: Database.Statement
  private readonly upsertHead: Database.Statement
  private readonly removeHead: Database.Statement
  private readonly removeDoc: Database.Statement
  private readonly removeRefs: Database.Statement
  private readonly removeElements: Database.Statement
  private readonly addElement: Database.Statement
  private readonly addRef: Database.Statement
  private readonly rowidOf: Database.Statement
  private readonly group: Database.Statement
  private readonly setOrder: Database.Statement
  private readonly setRefOrder: Database.Statement
  private readonly keysOf: Database.Statement
  private readonly countOdd: Database.Statement

  constructor(private readonly db: Database.Database) {
    // An upsert, not INSERT OR REPLACE: a row REPLACE deletes fires no delete trigger, and the counts' triggers must see it go.
    this.upsert = db.prepare(
      `INSERT INTO lake_docs (rid, id, pid, pub, draft, seq, rev, d_order, ${COLUMNS.join(', ')})
       VALUES (@rid, @id, @pid, @pub, @draft, @seq, @rev, NULL, ${COLUMNS.map((column) => `@${column}`).join(', ')})
       ON CONFLICT(rid) DO UPDATE SET id = excluded.id, pid = excluded.pid, pub = excluded.pub, draft = excluded.draft, seq = excluded.seq,
         rev = excluded.rev, d_order = NULL, ${COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}`,
    )
    this.removeStale = db.prepare('DELETE FROM lake_docs WHERE id = ? AND rid != ?')
    this.upsertHead = db.prepare('INSERT OR REPLACE INTO lake_heads (rid, head, lazy) VALUES (?, ?, ?)')
    this.removeHead = db.prepare('DELETE FROM lake_heads WHERE rid = ?')
    this.removeDoc = db.prepare(`DELETE FROM lake_docs WHERE id = ? RETURNING rid, pid, id, ${COLUMNS.join(', ')}`)
    this.removeRefs = db.prepare('DELETE FROM lake_refs WHERE rid = ?')
    this.removeElements = db.prepare('DELETE FROM lake_elements WHERE rid = ?')
    this.addElement = db.prepare('INSERT OR IGNORE INTO lake_elements (field, value, rid) VALUES (?, ?, ?)')
    // A posting carries the document's indexed fields: a reference's documents are filtered, counted and ordered without reading lake_docs.
    this.addRef = db.prepare(
      `INSERT OR IGNORE INTO lake_refs (ref, rid, id, pid, pub, draft, seq, rev, d_order, ${COLUMNS.join(', ')})
       SELECT @ref, rid, id, pid, pub, draft, seq, rev, d_order, ${COLUMNS.join(', ')} FROM lake_docs WHERE rid = @rid`,
    )
    this.setRefOrder = db.prepare('UPDATE lake_refs SET d_order = ? WHERE rid = ?')
    this.rowidOf = db.prepare('SELECT rowid FROM documents WHERE id = ?').pluck()
    this.keysOf = db.prepare(`SELECT id, ${COLUMNS.join(', ')} FROM lake_docs WHERE rid = ?`)
    this.countOdd = db.prepare("INSERT INTO lake_meta (key, value) VALUES ('odd_values', ?) ON CONFLICT(key) DO UPDATE SET value = value + excluded.value")
    this.group = db.prepare('SELECT rid, draft FROM lake_docs WHERE pid = ?')
    this.setOrder = db.prepare('UPDATE lake_docs SET d_order = ? WHERE rid = ?')
  }

  /** Indexes a document just written to `documents` (its JSON as stored). */
  put(doc: LakeDocument, json: string, seq: number): string | null {
    const rid = this.rowidOf.get(doc._id) as number
    const pid = publishedIdOf(doc._id)
    this.removeRefs.run(rid)
    this.removeElements.run(rid)
    const before = this.keysOf.get(rid) as Record<string, unknown> | undefined
    const { head, lazy } = headOf(doc, json)
    const fields: Record<string, unknown> = {}
    for (const [dotted, column] of Object.entries(FIELD_COLUMNS)) fields[column] = encode(path(doc, dotted))
    const delta = (isOddRow({ id: doc._id, ...fields }) ? 1 : 0) - (before && isOddRow(before) ? 1 : 0)
    if (delta !== 0) this.countOdd.run(delta)
    this.removeStale.run(doc._id, rid)
    this.upsert.run({
      rid,
      id: doc._id,
      pid,
      pub: isPublishedId(doc._id) ? 1 : 0,
      draft: pid !== null && pid !== doc._id ? 1 : 0,
      seq,
      rev: typeof doc._rev === 'string' ? doc._rev : null,
      ...fields,
    })
    this.upsertHead.run(rid, head, lazy)
    for (const ref of referencesOf(doc)) this.addRef.run({ ref, rid })
    for (const field of ELEMENT_FIELDS) {
      const list = doc[field]
      if (Array.isArray(list)) for (const value of list) if (typeof value === 'string') this.addElement.run(field, value, rid)
    }
    return pid
  }

  /** Drops a deleted document from the indexes. */
  remove(id: string): string | null {
    const row = this.removeDoc.get(id) as ({ rid: number; pid: string | null } & Record<string, unknown>) | undefined
    if (!row) return null
    if (isOddRow(row)) this.countOdd.run(-1)
    this.removeRefs.run(row.rid)
    this.removeElements.run(row.rid)
    this.removeHead.run(row.rid)
    return row.pid
  }

  /**
   * The drafts perspective's order for one published id: the published document's position, taken by
   * its draft when there is one; a draft never published goes after every published document.
   */
  reorder(pid: string): void {
    const rows = this.group.all(pid) as { rid: number; draft: number }[]
    const published = rows.find((row) => row.draft === 0)
    const draft = rows.find((row) => row.draft === 1)
    const set = (order: number | null, rid: number) => {
      this.setOrder.run(order, rid)
      this.setRefOrder.run(order, rid)
    }
    if (published) set(draft ? null : published.rid, published.rid)
    if (draft) set(published ? published.rid : UNPUBLISHED_DRAFT_ORDER + draft.rid, draft.rid)
  }

  /** Indexes every stored document (a lake written before the indexes, or with another index version). */
  rebuild(): void {
    // A page at a time: better-sqlite3 cannot write while a statement iterates, and every JSON at once is gigabytes.
    const page = this.db.prepare('SELECT rowid, json FROM documents WHERE rowid > ? ORDER BY rowid LIMIT 1000')
    const pids = new Set<string>()
    let after = 0
    for (;;) {
      const rows = page.all(after) as { rowid: number; json: string }[]
      if (rows.length === 0) break
      for (const row of rows) {
        const pid = this.put(JSON.parse(row.json) as LakeDocument, row.json, 0)
        if (pid) pids.add(pid)
      }
      after = rows.at(-1)!.rowid
    }
    for (const pid of pids) this.reorder(pid)
    this.db.prepare('INSERT OR REPLACE INTO lake_meta (key, value) VALUES (?, ?)').run('index_version', String(INDEX_VERSION))
    // Statistics for SQLite's planner: which of the type, slug and reference indexes narrows a query most.
    analyse(this.db, '')
  }
}

/**
 * Indexes that need no rebuild to add: created at every open when missing (a few seconds once at
 * 100 000 articles). A partial index lists only the documents that have the field.
 */
export function ensureSecondaryIndexes(db: Database.Database, announce: (work: string) => void = () => {}): void {
  const indexes: Record<string, string> = {
    lake_docs_prev: 'lake_docs(f_type) WHERE f_prev IS NOT NULL',
    // Covering for "visible articles of an edition, by publishedAt" (counts, sitemap slices deep in the archive).
    lake_docs_visible: 'lake_docs(f_type, pub, f_pub, f_lang, f_noindex, f_upd, f_slug)',
    // A reference's documents of one type: the persons of a country (not its 100 000 articles), a count's articles published after now.
    lake_refs_type: 'lake_refs(ref, f_type, pub, f_pub)',
    // Documents of a type by `_updatedAt`: the article written last and the last few (the search index's version and changes).
    lake_docs_sysupd: 'lake_docs(f_type, pub, f_sysupd)',
  }
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").pluck()
  for (const [name, definition] of Object.entries(indexes)) {
    if (exists.get(name)) continue
    announce(`creating the index ${name}`)
    db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`)
    // Statistics for it, or SQLite's planner takes it for more selective than it is (an id lookup scanning every article).
    analyse(db, name)
  }
}

/**
 * SQLite's planner chooses among the id, slug, type and reference indexes by their statistics
 * (sqlite_stat1). A lake grows from empty, and statistics taken then describe empty tables: SQLite
 * then reads a slug lookup through the type index (100 ms instead of 0.1 ms at 100 000 documents).
 * Taken again when the indexed documents have more than doubled or halved since (about a second at
 * 100 000); true when they were.
 */
export function statisticsStale(db: Database.Database): boolean {
  const hasStats = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get() !== undefined
  const stat = hasStats ? (db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'lake_docs_id'").pluck().get() as string | undefined) : undefined
  const analysed = stat === undefined ? -1 : Number(stat.split(' ')[0])
  const rows = db.prepare('SELECT count(*) FROM lake_docs').pluck().get() as number
  const samples =
    db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'").get() !== undefined && db.prepare('SELECT 1 FROM sqlite_stat4 LIMIT 1').get()
  return Boolean(samples) || (analysed < 0 ? rows > 0 : rows > 2 * analysed + 100 || analysed > 2 * rows + 100)
}

export function analyseIndexes(db: Database.Database): void {
  analyse(db, 'lake_docs')
  analyse(db, 'lake_refs')
}

/**
 * ANALYZE, keeping the averages (sqlite_stat1) and dropping the samples (sqlite_stat4: this SQLite
 * is built with STAT4). With samples, SQLite prepares a statement again whenever a value bound to
 * an indexed column changes (0.15 ms each): the planner's statements are prepared once and run with
 * thousands of distinct keys (a count per person of the people index).
 */
function analyse(db: Database.Database, target: string): void {
  db.exec(`ANALYZE ${target}`)
  // `ANALYZE sqlite_schema` makes this connection read the statistics again (without the samples it loaded).
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'").get()) db.exec('DELETE FROM sqlite_stat4; ANALYZE sqlite_schema')
}

/**
 * Counts kept in the write transaction, so that "how many of X's documents match" is a sum over a
 * few groups, not a scan of X's postings (the people and countries indexes count for each of
 * thousands of documents; a country is referenced by every article). Each group is the documents
 * (`lake_doc_counts`), or a reference's postings (`lake_ref_counts`), that agree on:
 *  - the perspective columns (`pub`, and `d_order` as 1 or NULL),
 *  - the exact value of COUNT_EXACT columns (few distinct values: type, language, noindex),
 *  - the GROQ type only of COUNT_TYPED columns: NULL, '' (a string), 0 (a number), or the blob
 *    itself (a boolean, an array or object). `defined(slug.current)` and "publishedAt is a string"
 *    are answered by a group; a value's range is not (./planner.ts counts it by the index instead).
 * Triggers on lake_docs and lake_refs maintain them, whichever statement changes a row.
 */
export const COUNT_EXACT = ['f_type', 'f_lang', 'f_noindex']
export const COUNT_TYPED = COLUMNS.filter((column) => !COUNT_EXACT.includes(column))
/** Bumped when the shape of the counts changes: they are built again from the indexes at open (seconds, not a re-index). */
const COUNT_VERSION = 1

function groupValues(row: string): { columns: string[]; values: string[]; key: string } {
  const columns = ['pub', 'd_order', ...COUNT_EXACT, ...COUNT_TYPED]
  const values = [
    `${row}.pub`,
    `(CASE WHEN ${row}.d_order IS NULL THEN NULL ELSE 1 END)`,
    ...COUNT_EXACT.map((column) => `${row}.${column}`),
    ...COUNT_TYPED.map((column) => `(CASE typeof(${row}.${column}) WHEN 'text' THEN '' WHEN 'integer' THEN 0 WHEN 'real' THEN 0 ELSE ${row}.${column} END)`),
  ]
  // quote() is distinct for values of distinct types, and self-delimiting.
  return { columns, values, key: values.map((value) => `quote(${value})`).join(" || ',' || ") }
}

function countSchema(): string {
  const { columns } = groupValues('x')
  const statements: string[] = [
    `CREATE TABLE lake_ref_counts (ref TEXT NOT NULL, k TEXT NOT NULL, ${columns.join(', ')}, n INTEGER NOT NULL, PRIMARY KEY (ref, k)) WITHOUT ROWID`,
    `CREATE TABLE lake_doc_counts (k TEXT NOT NULL PRIMARY KEY, ${columns.join(', ')}, n INTEGER NOT NULL) WITHOUT ROWID`,
  ]
  for (const [table, counts, ref] of [
    ['lake_refs', 'lake_ref_counts', true],
    ['lake_docs', 'lake_doc_counts', false],
  ] as const) {
    const add = (row: 'NEW' | 'OLD') => {
      const g = groupValues(row)
      const refColumn = ref ? 'ref, ' : ''
      const refValue = ref ? `${row}.ref, ` : ''
      const match = `${ref ? `ref = ${row}.ref AND ` : ''}k = ${g.key}`
      // Not INSERT OR IGNORE: a trigger's conflict clause gives way to the firing statement's (an upsert's is ABORT).
      return [
        `INSERT INTO ${counts} (${refColumn}k, ${g.columns.join(', ')}, n) SELECT ${refValue}${g.key}, ${g.values.join(', ')}, 0 WHERE NOT EXISTS (SELECT 1 FROM ${counts} WHERE ${match});`,
        `UPDATE ${counts} SET n = n + 1 WHERE ${match};`,
      ].join('\n')
    }
    const remove = (row: 'NEW' | 'OLD') => {
      const match = `${ref ? `ref = ${row}.ref AND ` : ''}k = ${groupValues(row).key}`
      return `UPDATE ${counts} SET n = n - 1 WHERE ${match};\nDELETE FROM ${counts} WHERE ${match} AND n <= 0;`
    }
    statements.push(
      `CREATE TRIGGER ${counts}_insert AFTER INSERT ON ${table} BEGIN\n${add('NEW')}\nEND`,
      `CREATE TRIGGER ${counts}_delete AFTER DELETE ON ${table} BEGIN\n${remove('OLD')}\nEND`,
      `CREATE TRIGGER ${counts}_update AFTER UPDATE ON ${table} BEGIN\n${remove('OLD')}\n${add('NEW')}\nEND`,
    )
  }
  return statements.join(';\n')
}

/** Whether the counts exist and are of this version. */
export function countsUpToDate(db: Database.Database): boolean {
  return db.prepare("SELECT value FROM lake_meta WHERE key = 'count_version'").pluck().get() === String(COUNT_VERSION)
}

/** Builds the counts from the indexes and installs their triggers (call inside a write transaction). */
export function rebuildCounts(db: Database.Database): void {
  db.exec(`
    DROP TRIGGER IF EXISTS lake_ref_counts_insert; DROP TRIGGER IF EXISTS lake_ref_counts_delete; DROP TRIGGER IF EXISTS lake_ref_counts_update;
    DROP TRIGGER IF EXISTS lake_doc_counts_insert; DROP TRIGGER IF EXISTS lake_doc_counts_delete; DROP TRIGGER IF EXISTS lake_doc_counts_update;
    DROP TABLE IF EXISTS lake_ref_counts; DROP TABLE IF EXISTS lake_doc_counts;
  `)
  db.exec(countSchema())
  const g = groupValues('d')
  db.exec(
    `INSERT INTO lake_ref_counts (ref, k, ${g.columns.join(', ')}, n) SELECT d.ref, ${g.key}, ${g.values.join(', ')}, count(*) FROM lake_refs d GROUP BY 1, 2`,
  )
  db.exec(`INSERT INTO lake_doc_counts (k, ${g.columns.join(', ')}, n) SELECT ${g.key}, ${g.values.join(', ')}, count(*) FROM lake_docs d GROUP BY 1`)
  db.prepare("INSERT OR REPLACE INTO lake_meta (key, value) VALUES ('count_version', ?)").run(String(COUNT_VERSION))
}

/** Whether the indexes are those of this version of the lake. */
export function indexesUpToDate(db: Database.Database): boolean {
  db.exec('CREATE TABLE IF NOT EXISTS lake_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
  const version = db.prepare("SELECT value FROM lake_meta WHERE key = 'index_version'").pluck().get() as string | undefined
  return version === String(INDEX_VERSION)
}

/** Drops the indexes and builds them again from `documents` (call inside a write transaction). */
export function rebuildIndexes(db: Database.Database): void {
  db.exec(
    "DROP TABLE IF EXISTS lake_docs; DROP TABLE IF EXISTS lake_refs; DROP TABLE IF EXISTS lake_heads; DROP TABLE IF EXISTS lake_elements; INSERT OR REPLACE INTO lake_meta (key, value) VALUES ('odd_values', 0);",
  )
  createIndexTables(db)
  new IndexWriter(db).rebuild()
  // The tables were dropped with their count triggers: the counts are built again from the new ones.
  rebuildCounts(db)
}

/** Whether the element index exists: a lake indexed before it gets it at open (ensureElementIndex). */
export const hasElementIndex = (db: Database.Database) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lake_elements'").get() !== undefined

/**
 * The element index for a lake indexed before it (call inside a write transaction): filled from the
 * documents that have one of the lists, through their partial index (seconds at 1 000 000 articles).
 */
export function ensureElementIndex(db: Database.Database): void {
  if (hasElementIndex(db)) return
  db.exec(ELEMENT_TABLE)
  for (const field of ELEMENT_FIELDS) {
    const path = `$.${field}`
    db.prepare(
      `INSERT OR IGNORE INTO lake_elements (field, value, rid)
       SELECT ?, e.value, d.rid FROM lake_docs d JOIN documents doc ON doc.rowid = d.rid, json_each(doc.json, ?) e
       WHERE d.${FIELD_COLUMNS[field]} IS NOT NULL AND json_type(doc.json, ?) = 'array' AND e.type = 'text'`,
    ).run(field, path, path)
  }
}

/** How many documents have keys SQLite orders otherwise than JavaScript (isOddKey); counted once if the lake predates the count. */
export function oddKeys(db: Database.Database): number {
  const value = db.prepare("SELECT value FROM lake_meta WHERE key = 'odd_values'").pluck().get() as string | number | undefined
  return value === undefined ? 0 : Number(value)
}

export function ensureOddKeyCount(db: Database.Database): void {
  if (db.prepare("SELECT 1 FROM lake_meta WHERE key = 'odd_values'").get()) return
  let odd = 0
  for (const row of db.prepare(`SELECT id, ${COLUMNS.join(', ')} FROM lake_docs`).iterate() as IterableIterator<Record<string, unknown>>)
    if (isOddRow(row)) odd++
  db.prepare("INSERT OR REPLACE INTO lake_meta (key, value) VALUES ('odd_values', ?)").run(odd)
}
