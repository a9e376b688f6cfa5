import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import {
  analyseIndexes,
  countsUpToDate,
  ensureOddKeyCount,
  ensureSecondaryIndexes,
  ensureElementIndex,
  hasElementIndex,
  indexesUpToDate,
  IndexWriter,
  rebuildCounts,
  rebuildIndexes,
  statisticsStale,
} from './index-tables'
import type { LakeDocument } from './ndjson'

export interface StoredAsset {
  id: string
  mimeType: string
  data: Buffer
}

/** A logged transaction with the documents it changed, as listeners replay it. */
export interface SequencedTransaction {
  sequence: number
  transactionId: string
  timestamp: string
  identity: string
  changes: { id: string; before: LakeDocument | null; after: LakeDocument | null }[]
}

export type WriteMode = 'create' | 'createOrReplace' | 'createIfNotExists'

/** One transaction as the history API shows it: each document it touched, before and after. */
export interface HistoryTransaction {
  id: string
  timestamp: string
  author: string
  documents: { id: string; after: LakeDocument | null; before: LakeDocument | null }[]
}

export class DocumentExistsError extends Error {
  constructor(readonly ids: string[]) {
    super(`documents already exist: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`)
    this.name = 'DocumentExistsError'
  }
}

/** Sanity-style opaque revision / transaction ids (22 base-62 characters). */
export function newTransactionId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(randomBytes(22), (byte) => alphabet[byte % 62]).join('')
}

/**
 * How SQLite flushes commits (https://sqlite.org/pragma.html#pragma_synchronous). In WAL mode,
 * `full` flushes the log at every commit: an acknowledged transaction survives a power loss.
 * `normal` flushes only at checkpoints: never a corrupt database, but a power loss (not a process
 * crash) may take the last transactions back. The benchmark (`npm run bench:backup`) gives the cost.
 */
export type Synchronous = 'full' | 'normal'

export interface LakeStoreOptions {
  synchronous?: Synchronous
  /**
   * Told before work at open that can take minutes on a large lake (indexing, statistics): a
   * supervisor waiting for the lake to answer then knows it is busy, not hung.
   */
  onMaintenance?: (work: string) => void
}

/**
 * The lake's durable store: documents, the transaction log and asset binaries in one SQLite file.
 * WAL lets the site read while the Studio writes.
 */
export class LakeStore {
  readonly db: Database.Database
  private localWrites = 0
  private readonly indexes: IndexWriter

  constructor(
    readonly file: string,
    options: LakeStoreOptions = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`)
    this.db.pragma('busy_timeout = 10000')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        rev TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS documents_type ON documents(type);
      CREATE TABLE IF NOT EXISTS transactions (
        id TEXT PRIMARY KEY,
        timestamp TEXT NOT NULL,
        author TEXT NOT NULL,
        document_ids TEXT NOT NULL,
        mutations TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS revisions (
        document_id TEXT NOT NULL,
        rev TEXT NOT NULL,
        transaction_id TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        json TEXT,
        PRIMARY KEY (document_id, rev)
      );
      CREATE INDEX IF NOT EXISTS revisions_by_time ON revisions(document_id, timestamp);
      CREATE TABLE IF NOT EXISTS assets (
        id TEXT PRIMARY KEY,
        mime_type TEXT NOT NULL,
        data BLOB NOT NULL
      );
    `)
    // An empty lake (a first start) is quick to index: nothing worth announcing.
    const empty = this.db.prepare('SELECT 1 FROM documents LIMIT 1').get() === undefined
    const announce = (!empty && options.onMaintenance) || (() => {})
    /** The work, under the write lock, unless another process did it while this one waited for the lock. */
    const maintain = (needed: () => boolean, work: string, run: () => void) => {
      if (!needed()) return
      this.exclusive(() => {
        if (!needed()) return
        announce(work)
        run()
      })
    }
    // A lake written before the indexes (or by another index version) is indexed once, by whichever process opens it first.
    maintain(
      () => !indexesUpToDate(this.db),
      'indexing every document (a lake without this version’s indexes)',
      () => rebuildIndexes(this.db),
    )
    if (!this.db.prepare("SELECT 1 FROM lake_meta WHERE key = 'odd_values'").get()) this.exclusive(() => ensureOddKeyCount(this.db))
    ensureSecondaryIndexes(this.db, announce)
    maintain(
      () => !hasElementIndex(this.db),
      'indexing the elements of lists (a lake indexed before that index)',
      () => ensureElementIndex(this.db),
    )
    maintain(
      () => !countsUpToDate(this.db),
      'counting the documents by group (a lake without this version’s counts)',
      () => rebuildCounts(this.db),
    )
    maintain(
      () => statisticsStale(this.db),
      'taking the planner’s statistics (the lake has grown or shrunk since they were taken)',
      () => analyseIndexes(this.db),
    )
    this.indexes = new IndexWriter(this.db)
  }

  /** Changes whenever any connection (this one or another process) commits. */
  version(): string {
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number
    return `${dataVersion}:${this.localWrites}`
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n
  }

  /** Every document in the order it was first written (rowid), which keeps export order stable. */
  allDocuments(): LakeDocument[] {
    const rows = this.db.prepare('SELECT json FROM documents ORDER BY rowid').all() as { json: string }[]
    return rows.map((row) => JSON.parse(row.json) as LakeDocument)
  }

  /** A document as stored at revision `rev`: the current row when it is that revision, else the revision log's copy. */
  documentAtRevision(id: string, rev: string): LakeDocument | undefined {
    const json = (this.db.prepare('SELECT json FROM documents WHERE id = ? AND rev = ?').pluck().get(id, rev) ??
      this.db.prepare('SELECT json FROM revisions WHERE document_id = ? AND rev = ?').pluck().get(id, rev)) as string | null | undefined
    return json ? (JSON.parse(json) as LakeDocument) : undefined
  }

  /** The ids written or deleted by transactions after `sequence`, or null when there are more than `limit` transactions. */
  idsChangedAfter(sequence: number, limit: number): string[] | null {
    const rows = this.db.prepare('SELECT document_ids AS ids FROM transactions WHERE rowid > ? ORDER BY rowid LIMIT ?').all(sequence, limit + 1) as {
      ids: string
    }[]
    if (rows.length > limit) return null
    return [...new Set(rows.flatMap((row) => JSON.parse(row.ids) as string[]))]
  }

  /** Runs `fn` in one read transaction: everything it reads is one consistent state of the database. */
  read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred()
  }

  getDocument(id: string): LakeDocument | undefined {
    const row = this.db.prepare('SELECT json FROM documents WHERE id = ?').get(id) as { json: string } | undefined
    return row ? (JSON.parse(row.json) as LakeDocument) : undefined
  }

  existingIds(ids: string[]): string[] {
    const lookup = this.db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck()
    return ids.filter((id) => lookup.get(id) !== undefined)
  }

  /**
   * Writes documents in one transaction. System fields already present are kept as given (so an
   * import round-trips); missing ones are filled in the way Sanity fills them.
   */
  writeDocuments(documents: LakeDocument[], options: { mode?: WriteMode; author?: string; transactionId?: string } = {}): string[] {
    const mode = options.mode ?? 'createOrReplace'
    const transactionId = options.transactionId ?? newTransactionId()
    const now = new Date().toISOString()
    return this.exclusive(() => {
      const existing = new Set(this.existingIds(documents.map((doc) => doc._id)))
      if (mode === 'create' && existing.size > 0) throw new DocumentExistsError([...existing])
      const put = documents
        .filter((doc) => !(mode === 'createIfNotExists' && existing.has(doc._id)))
        .map((doc) => ({ ...doc, _rev: doc._rev ?? transactionId, _createdAt: doc._createdAt ?? now, _updatedAt: doc._updatedAt ?? now }))
      this.commit({ transactionId, author: options.author ?? 'system', timestamp: now, put, mutations: { [mode]: put.length } })
      return put.map((doc) => doc._id)
    })
  }

  /**
   * Stores one transaction: the documents to write (as given, system fields included), the ids to
   * delete, and a log entry with the mutations that produced them. Call inside `exclusive`.
   */
  commit(change: { transactionId: string; author: string; timestamp: string; put?: LakeDocument[]; remove?: string[]; mutations: unknown }): number {
    const upsert = this.db.prepare(
      `INSERT INTO documents (id, type, rev, json) VALUES (@id, @type, @rev, @json)
       ON CONFLICT(id) DO UPDATE SET type = excluded.type, rev = excluded.rev, json = excluded.json`,
    )
    const remove = this.db.prepare('DELETE FROM documents WHERE id = ?')
    const written = (change.put ?? []).map((doc) => ({ doc, json: JSON.stringify(doc) }))
    for (const { doc, json } of written) upsert.run({ id: doc._id, type: doc._type, rev: doc._rev ?? change.transactionId, json })
    for (const id of change.remove ?? []) remove.run(id)
    // Every revision is kept (deletions as NULL) so that history and "edited just now" are true.
    const revision = this.db.prepare('INSERT OR REPLACE INTO revisions (document_id, rev, transaction_id, timestamp, json) VALUES (?, ?, ?, ?, ?)')
    for (const doc of change.put ?? []) revision.run(doc._id, doc._rev ?? change.transactionId, change.transactionId, change.timestamp, JSON.stringify(doc))
    for (const id of change.remove ?? []) revision.run(id, change.transactionId, change.transactionId, change.timestamp, null)
    const ids = [...(change.put ?? []).map((doc) => doc._id), ...(change.remove ?? [])]
    const logged = this.db
      .prepare('INSERT INTO transactions (id, timestamp, author, document_ids, mutations) VALUES (?, ?, ?, ?, ?)')
      .run(change.transactionId, change.timestamp, change.author, JSON.stringify(ids), JSON.stringify(change.mutations))
    const sequence = Number(logged.lastInsertRowid)
    // The indexes change with the documents, in the same transaction: a reader never sees one without the other.
    const touched = new Set<string>()
    for (const { doc, json } of written) {
      const pid = this.indexes.put(doc, json, sequence)
      if (pid) touched.add(pid)
    }
    for (const id of change.remove ?? []) {
      const pid = this.indexes.remove(id)
      if (pid) touched.add(pid)
    }
    for (const pid of touched) this.indexes.reorder(pid)
    return sequence
  }

  /** Whether a transaction with this id is in the log already. */
  hasTransaction(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM transactions WHERE id = ?').pluck().get(id) !== undefined
  }

  /** The sequence number of the newest transaction (the log's rowid, which only grows). */
  lastSequence(): number {
    return (this.db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM transactions').get() as { n: number }).n
  }

  /**
   * Transactions with a sequence number above `after`, oldest first, each document with its state
   * before and after, so a listener that reconnects can be sent what it missed. Stops at `limit`.
   */
  transactionsAfter(after: number, limit: number): SequencedTransaction[] {
    const rows = this.db
      .prepare('SELECT rowid AS sequence, id, timestamp, author, document_ids AS ids FROM transactions WHERE rowid > ? ORDER BY rowid LIMIT ?')
      .all(after, limit) as { sequence: number; id: string; timestamp: string; author: string; ids: string }[]
    return rows.map((row) => ({
      sequence: row.sequence,
      transactionId: row.id,
      timestamp: row.timestamp,
      identity: row.author,
      changes: (JSON.parse(row.ids) as string[]).map((id) => ({ id, ...this.changeIn(row.id, id) })),
    }))
  }

  /** A document before and after the logged transaction `transactionId` (null: absent). */
  changeIn(transactionId: string, id: string): { before: LakeDocument | null; after: LakeDocument | null } {
    const stored = this.db.prepare('SELECT rowid AS seq, json FROM revisions WHERE document_id = ? AND transaction_id = ?').get(id, transactionId) as
      { seq: number; json: string | null } | undefined
    if (!stored) return { before: null, after: null }
    const previous = this.db
      .prepare('SELECT json FROM revisions WHERE document_id = ? AND rowid < ? ORDER BY rowid DESC LIMIT 1')
      .pluck()
      .get(id, stored.seq) as string | null | undefined
    const parse = (json: string | null | undefined) => (json ? (JSON.parse(json) as LakeDocument) : null)
    return { before: parse(previous), after: parse(stored.json) }
  }

  /** A document as it was at a revision, or at a time (the last revision at or before it). */
  getRevision(id: string, at: { rev?: string; time?: string }): LakeDocument | null | undefined {
    const row = at.rev
      ? (this.db.prepare('SELECT json FROM revisions WHERE document_id = ? AND rev = ?').get(id, at.rev) as { json: string | null } | undefined)
      : (this.db
          .prepare('SELECT json FROM revisions WHERE document_id = ? AND timestamp <= ? ORDER BY timestamp DESC, rowid DESC LIMIT 1')
          .get(id, at.time ?? new Date().toISOString()) as { json: string | null } | undefined)
    if (!row) return undefined
    return row.json === null ? null : (JSON.parse(row.json) as LakeDocument)
  }

  /**
   * Transactions that touched any of `ids`, oldest first, with each document's state before and after
   * them. Without a range, the `limit` newest; with `from` (a transaction id, included), up to `limit`
   * from there on, as Sanity's history API pages; `to` (included) ends the range.
   */
  transactionsFor(ids: string[], limit: number, range: { from?: string; to?: string } = {}): HistoryTransaction[] {
    const placeholders = ids.map(() => '?').join(',')
    const rows = this.db
      .prepare(
        `SELECT r.transaction_id AS tx, r.timestamp, t.author, r.document_id AS id, r.json, r.rowid AS seq
         FROM revisions r LEFT JOIN transactions t ON t.id = r.transaction_id
         WHERE r.document_id IN (${placeholders}) ORDER BY r.rowid`,
      )
      .all(...ids) as { tx: string; timestamp: string; author: string | null; id: string; json: string | null }[]
    const previous = new Map<string, LakeDocument | null>()
    const byTx = new Map<string, HistoryTransaction>()
    for (const row of rows) {
      const after = row.json === null ? null : (JSON.parse(row.json) as LakeDocument)
      let tx = byTx.get(row.tx)
      if (!tx) byTx.set(row.tx, (tx = { id: row.tx, timestamp: row.timestamp, author: row.author ?? 'system', documents: [] }))
      tx.documents.push({ id: row.id, after, before: previous.get(row.id) ?? null })
      previous.set(row.id, after)
    }
    const all = [...byTx.values()]
    if (range.from === undefined && range.to === undefined) return all.slice(-limit)
    const start = range.from ? all.findIndex((tx) => tx.id === range.from) : 0
    if (start < 0) return []
    const end = range.to ? all.findIndex((tx) => tx.id === range.to) : all.length - 1
    return all.slice(start, (end < 0 ? all.length - 1 : end) + 1).slice(0, limit)
  }

  putAsset(asset: StoredAsset): void {
    this.db
      .prepare('INSERT INTO assets (id, mime_type, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET mime_type = excluded.mime_type, data = excluded.data')
      .run(asset.id, asset.mimeType, asset.data)
    this.localWrites++
  }

  getAsset(id: string): StoredAsset | undefined {
    const row = this.db.prepare('SELECT id, mime_type, data FROM assets WHERE id = ?').get(id) as { id: string; mime_type: string; data: Buffer } | undefined
    return row ? { id: row.id, mimeType: row.mime_type, data: row.data } : undefined
  }

  /** Runs `fn` inside one write transaction that no other connection can interleave with. */
  exclusive<T>(fn: () => T): T {
    const result = this.db.transaction(fn).immediate()
    this.localWrites++
    return result
  }

  close(): void {
    this.db.close()
  }
}
