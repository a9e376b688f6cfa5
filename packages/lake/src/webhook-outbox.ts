import { randomUUID } from 'node:crypto'
import type { LakeStore } from './store'

/** One webhook to send: a published document changed by a transaction, or a scheduled moment that passed. */
export interface OutboxEntry {
  id: number
  kind: 'change' | 'scheduled'
  transactionId: string
  documentId: string
  /** The transaction's time (a scheduled entry: the moment it fired). */
  timestamp: string
  state: 'pending' | 'dead'
  attempts: number
  /** Epoch milliseconds before which it is not tried again. */
  nextAttemptAt: number
  lastError: string | null
  /** The payload as first evaluated (retries send the same one); null until then. */
  body: string | null
  operation: string | null
}

interface OutboxRow {
  id: number
  kind: 'change' | 'scheduled'
  transaction_id: string
  document_id: string
  timestamp: string
  state: 'pending' | 'dead'
  attempts: number
  next_attempt_at: number
  last_error: string | null
  body: string | null
  operation: string | null
}

const toEntry = (row: OutboxRow): OutboxEntry => ({
  id: row.id,
  kind: row.kind,
  transactionId: row.transaction_id,
  documentId: row.document_id,
  timestamp: row.timestamp,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  body: row.body,
  operation: row.operation,
})

const CAPTURE_TRIGGER = 'webhook_outbox_capture'

/**
 * The webhooks' outbox, in the lake's database. While webhooks are on, a trigger on the transaction
 * log adds one entry per published document a transaction touched, inside the transaction that
 * commits the change: no commit without its entry, whichever process commits (the API, `lake
 * import`), and a crash between the commit and the delivery loses nothing. Entries are sent oldest
 * first and deleted once the receiver has acknowledged them; one that keeps failing becomes a dead
 * letter, kept until an operator re-delivers or discards it (`baspa-lake webhooks`).
 */
export class WebhookOutbox {
  constructor(private readonly store: LakeStore) {
    store.db.exec(`
      CREATE TABLE IF NOT EXISTS webhook_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('change', 'scheduled')),
        transaction_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        body TEXT,
        operation TEXT
      );
      CREATE INDEX IF NOT EXISTS webhook_outbox_by_state ON webhook_outbox(state, id);
      CREATE TABLE IF NOT EXISTS webhook_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `)
  }

  /**
   * Starts (or stops) capturing changes. Only published ids: drafts and versions (ids with a dot)
   * never fire a webhook, and the Studio writes a draft at every keystroke.
   */
  capture(on: boolean): void {
    this.store.exclusive(() => {
      this.store.db.exec(`DROP TRIGGER IF EXISTS ${CAPTURE_TRIGGER}`)
      if (!on) return
      this.store.db.exec(`
        CREATE TRIGGER ${CAPTURE_TRIGGER} AFTER INSERT ON transactions BEGIN
          INSERT INTO webhook_outbox (kind, transaction_id, document_id, timestamp)
          SELECT 'change', NEW.id, value, NEW.timestamp FROM json_each(NEW.document_ids) WHERE instr(value, '.') = 0;
        END
      `)
    })
  }

  /** Entries for documents whose scheduled moment passed, and the moment checked up to, in one transaction. */
  addScheduled(documentIds: string[], until: string): void {
    const insert = this.store.db.prepare(`INSERT INTO webhook_outbox (kind, transaction_id, document_id, timestamp) VALUES ('scheduled', ?, ?, ?)`)
    this.store.exclusive(() => {
      for (const id of documentIds) insert.run(`scheduled-${randomUUID()}`, id, until)
      this.setState('scheduledUntil', until)
    })
  }

  /** The oldest pending entry: entries go out in order, so a failing one holds the others back. */
  head(): OutboxEntry | undefined {
    const row = this.store.db.prepare(`SELECT * FROM webhook_outbox WHERE state = 'pending' ORDER BY id LIMIT 1`).get() as OutboxRow | undefined
    return row && toEntry(row)
  }

  pendingCount(): number {
    return this.store.db.prepare(`SELECT count(*) FROM webhook_outbox WHERE state = 'pending'`).pluck().get() as number
  }

  dead(): OutboxEntry[] {
    return (this.store.db.prepare(`SELECT * FROM webhook_outbox WHERE state = 'dead' ORDER BY id`).all() as OutboxRow[]).map(toEntry)
  }

  setPayload(id: number, body: string, operation: string): void {
    this.store.db.prepare('UPDATE webhook_outbox SET body = ?, operation = ? WHERE id = ?').run(body, operation, id)
  }

  /** Delivered, or nothing to send (the filter does not match): gone. */
  remove(id: number): void {
    this.store.db.prepare('DELETE FROM webhook_outbox WHERE id = ?').run(id)
  }

  /** A failed attempt: tried again at `retryAt`, or a dead letter when `retryAt` is null. */
  failed(id: number, error: string, retryAt: number | null): void {
    this.store.db
      .prepare(`UPDATE webhook_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, state = ? WHERE id = ?`)
      .run(error.slice(0, 500), retryAt ?? 0, retryAt === null ? 'dead' : 'pending', id)
  }

  /** Dead letters back in the queue, payload re-evaluated (the configuration may have been fixed); all when `ids` is empty. */
  redeliver(ids: number[]): number {
    return this.store.exclusive(
      () =>
        this.store.db
          .prepare(
            `UPDATE webhook_outbox SET state = 'pending', attempts = 0, next_attempt_at = 0, body = NULL, operation = NULL
             WHERE state = 'dead' ${ids.length ? `AND id IN (${ids.map(() => '?').join(',')})` : ''}`,
          )
          .run(...ids).changes,
    )
  }

  /** Dead letters deleted; all when `ids` is empty. */
  discard(ids: number[]): number {
    return this.store.exclusive(
      () =>
        this.store.db.prepare(`DELETE FROM webhook_outbox WHERE state = 'dead' ${ids.length ? `AND id IN (${ids.map(() => '?').join(',')})` : ''}`).run(...ids)
          .changes,
    )
  }

  getState(key: string): string | undefined {
    return this.store.db.prepare('SELECT value FROM webhook_state WHERE key = ?').pluck().get(key) as string | undefined
  }

  setState(key: string, value: string): void {
    this.store.db.prepare('INSERT INTO webhook_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
  }
}
