import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { syncPathSync } from './durable-file'

/** What a copy of the database holds, read from the copy itself. */
export interface CopyFacts {
  bytes: number
  sha256: string
  /** The newest transaction in the copy: the backup's point. Every transaction before it is in the copy. */
  lastTransaction: { sequence: number; id: string; timestamp: string } | null
  documents: number
  transactions: number
  assets: number
  assetBytes: number
  /** `PRAGMA quick_check` of the copy ("ok"). */
  check: string
}

export interface CopyJob {
  entry: string
  databaseFile: string
  target: string
}

/**
 * A consistent copy of a live database: `VACUUM INTO` reads one snapshot (writers go on, in WAL
 * mode, and none of their later commits is in it) and writes it compacted. SQLite does not flush
 * the copy, so it is flushed here before anything calls it a backup.
 */
export function copyDatabase(databaseFile: string, target: string): CopyFacts {
  const source = new Database(databaseFile, { fileMustExist: true })
  try {
    source.pragma('busy_timeout = 10000')
    source.prepare('VACUUM INTO ?').run(target)
  } finally {
    source.close()
  }
  syncPathSync(target)
  return describeCopy(target, 'quick_check')
}

/** The facts of a database file, with `quick_check` or the full `integrity_check`. */
export function describeCopy(file: string, check: 'quick_check' | 'integrity_check'): CopyFacts {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
    const last = db.prepare('SELECT rowid AS sequence, id, timestamp FROM transactions ORDER BY rowid DESC LIMIT 1').get() as
      { sequence: number; id: string; timestamp: string } | undefined
    const assets = db.prepare('SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS bytes FROM assets').get() as { n: number; bytes: number }
    const checked = db.pragma(check) as Record<string, string>[]
    return {
      bytes: statSync(file).size,
      sha256: sha256Of(file),
      lastTransaction: last ?? null,
      documents: count('documents'),
      transactions: count('transactions'),
      assets: assets.n,
      assetBytes: assets.bytes,
      check: checked.map((row) => Object.values(row)[0]).join('; '),
    }
  } finally {
    db.close()
  }
}

export function sha256Of(file: string): string {
  const hash = createHash('sha256')
  const buffer = Buffer.alloc(4 * 1024 * 1024)
  const fd = openSync(file, 'r')
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read))
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

// Run as a worker thread (./backup.ts): the copy and its checks take seconds at 100 000 articles,
// which the lake's event loop, serving the site and the Studio meanwhile, must not wait for.
if (parentPort && (workerData as Partial<CopyJob> | undefined)?.entry === import.meta.url) {
  const job = workerData as CopyJob
  try {
    parentPort.postMessage({ facts: copyDatabase(job.databaseFile, job.target) })
  } catch (error) {
    parentPort.postMessage({ error: (error as Error).message })
  }
}
