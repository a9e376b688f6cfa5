import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { describeCopy, type CopyFacts, type CopyJob } from './backup-copy'
import type { BackupConfig } from './config'
import { syncPathSync, writeFileDurablySync } from './durable-file'
import { LakeStore } from './store'

/**
 * Backups of a lake: one folder each, holding a consistent copy of the database (documents, the
 * transaction log, asset binaries and tokens are all in it), the token file the lake wrote beside it,
 * and `manifest.json`, which says what the copy holds and lets a restore check it. A folder is
 * written as `<name>.partial-<pid>` and renamed when complete, so a backup interrupted by a crash
 * is never taken for one.
 */
const MANIFEST = 'manifest.json'
const BACKUP_DATABASE = 'lake.sqlite'
/** Written by the lake beside its database (./serve.ts): the tokens the site and editors hold. */
const TOKEN_FILE = 'lake-tokens.json'
const FORMAT = 'baspa-lake-backup/1'

export interface BackupManifest extends CopyFacts {
  format: typeof FORMAT
  /** When the copy was taken. */
  createdAt: string
  /** The database it is a copy of. */
  source: string
  /** Files of the backup besides the manifest. */
  files: string[]
  /** How long taking it took. */
  durationMs: number
}

export interface Backup {
  dir: string
  manifest: BackupManifest
}

export class BackupError extends Error {
  name = 'BackupError'
}

const COPY_URL = new URL('./backup-copy.ts', import.meta.url)
const BOOT_URL = new URL('./worker-boot.mjs', import.meta.url)

/** Copies the database in a worker thread: the caller's event loop goes on serving. */
function copyInWorker(databaseFile: string, target: string): Promise<CopyFacts> {
  const job: CopyJob = { entry: COPY_URL.href, databaseFile, target }
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT_URL, { workerData: job })
    worker.once('message', (message: { facts?: CopyFacts; error?: string }) =>
      message.facts ? resolve(message.facts) : reject(new BackupError(`copying ${databaseFile} failed: ${message.error}`)),
    )
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new BackupError(`the copy of ${databaseFile} stopped (exit code ${code})`)))
  })
}

/**
 * Takes a backup of a lake that may be serving and writing meanwhile, then deletes the oldest
 * backups beyond `keep`.
 */
export async function backupLake(databaseFile: string, options: Pick<BackupConfig, 'dir' | 'keep'>): Promise<Backup & { removed: string[] }> {
  if (!existsSync(databaseFile)) throw new BackupError(`there is no lake at ${databaseFile}`)
  const started = Date.now()
  const createdAt = new Date(started).toISOString()
  mkdirSync(options.dir, { recursive: true })
  const name = `lake-${createdAt.replace(/[:.]/g, '-')}`
  const partial = join(options.dir, `${name}.partial-${process.pid}`)
  mkdirSync(partial)
  try {
    const facts = await copyInWorker(databaseFile, join(partial, BACKUP_DATABASE))
    if (facts.check !== 'ok') throw new BackupError(`the copy of ${databaseFile} fails SQLite's check: ${facts.check}`)
    const files = [BACKUP_DATABASE]
    const tokens = join(dirname(databaseFile), TOKEN_FILE)
    if (existsSync(tokens)) {
      writeFileDurablySync(join(partial, TOKEN_FILE), readFileSync(tokens), { mode: 0o600 })
      files.push(TOKEN_FILE)
    }
    const manifest: BackupManifest = { format: FORMAT, createdAt, source: databaseFile, files, ...facts, durationMs: Date.now() - started }
    writeFileDurablySync(join(partial, MANIFEST), JSON.stringify(manifest, null, 2) + '\n')
    const dir = join(options.dir, name)
    renameSync(partial, dir)
    syncPathSync(options.dir)
    return { dir, manifest, removed: prune(options.dir, options.keep) }
  } catch (error) {
    rmSync(partial, { recursive: true, force: true })
    throw error
  }
}

/** Complete backups in a folder, oldest first. */
export function listBackups(dir: string): Backup[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^lake-[\dTZ-]+$/.test(entry.name) && existsSync(join(dir, entry.name, MANIFEST)))
    .map((entry) => ({ dir: join(dir, entry.name), manifest: readManifest(join(dir, entry.name)) }))
    .sort((a, b) => a.manifest.createdAt.localeCompare(b.manifest.createdAt))
}

/** Deletes the oldest complete backups beyond `keep`, and partial ones whose process is gone. */
function prune(dir: string, keep: number): string[] {
  const removed = listBackups(dir)
    .slice(0, -keep)
    .map((backup) => backup.dir)
  for (const entry of readdirSync(dir)) {
    const pid = /\.partial-(\d+)$/.exec(entry)?.[1]
    if (pid && !processAlive(Number(pid))) removed.push(join(dir, entry))
  }
  for (const path of removed) rmSync(path, { recursive: true, force: true })
  return removed
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readManifest(dir: string): BackupManifest {
  let manifest: BackupManifest
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as BackupManifest
  } catch (error) {
    throw new BackupError(`${join(dir, MANIFEST)} cannot be read: ${(error as Error).message}`)
  }
  if (manifest.format !== FORMAT || !Array.isArray(manifest.files) || typeof manifest.sha256 !== 'string') {
    throw new BackupError(`${join(dir, MANIFEST)} is not a lake backup manifest (${FORMAT})`)
  }
  return manifest
}

export interface RestoreResult {
  databaseFile: string
  manifest: BackupManifest
  durationMs: number
}

/**
 * Restores a backup as the database `databaseFile`, which must not exist: a restore never
 * overwrites a lake (move the old one away first). The copy is checked against its manifest and
 * by SQLite's full integrity check before it is put in place, written durably, and put in place
 * by a rename, so a lake never starts on half a restore.
 */
export function restoreLake(backupDir: string, databaseFile: string): RestoreResult {
  const started = Date.now()
  const manifest = readManifest(backupDir)
  const folder = dirname(databaseFile)
  const present = [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`, join(folder, TOKEN_FILE)].filter((path) => existsSync(path))
  if (present.length > 0) {
    throw new BackupError(
      `refusing to restore over an existing lake (${present.join(', ')}): stop it and move it away, or restore into an empty folder (LAKE_DB_PATH)`,
    )
  }
  const copy = join(backupDir, BACKUP_DATABASE)
  if (!existsSync(copy)) throw new BackupError(`${copy} is missing`)
  let facts: ReturnType<typeof describeCopy>
  try {
    facts = describeCopy(copy, 'integrity_check')
  } catch (error) {
    // A damaged page of the schema: SQLite cannot even open it.
    throw new BackupError(`${copy} cannot be read (${(error as Error).message}): the backup is damaged`)
  }
  if (facts.sha256 !== manifest.sha256 || facts.bytes !== manifest.bytes) {
    throw new BackupError(`${copy} is not the file the manifest describes (sha256 ${facts.sha256}, expected ${manifest.sha256}): the backup is damaged`)
  }
  if (facts.check !== 'ok') throw new BackupError(`${copy} fails SQLite's integrity check: ${facts.check}`)

  mkdirSync(folder, { recursive: true })
  const temporary = join(folder, `.${basename(databaseFile)}.restoring-${process.pid}`)
  try {
    copyFileSync(copy, temporary)
    syncPathSync(temporary)
    renameSync(temporary, databaseFile)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
  syncPathSync(folder)
  if (manifest.files.includes(TOKEN_FILE)) writeFileDurablySync(join(folder, TOKEN_FILE), readFileSync(join(backupDir, TOKEN_FILE)), { mode: 0o600 })

  // Opened once as the lake opens it (WAL), and checked to end where the backup ends.
  const store = new LakeStore(databaseFile)
  try {
    if (store.lastSequence() !== (manifest.lastTransaction?.sequence ?? 0))
      throw new BackupError(`the restored ${databaseFile} does not end where the backup does`)
  } finally {
    store.close()
  }
  return { databaseFile, manifest, durationMs: Date.now() - started }
}

export interface BackupSchedule {
  stop(): Promise<void>
}

/** setTimeout's longest delay is about 24.8 days; longer waits are taken in steps. */
const MAX_TIMER_MS = 24 * 3_600_000
const RETRY_AFTER_FAILURE_MS = 5 * 60_000

/**
 * Backups taken by the running lake every `everyMs`, counted from the newest backup in the folder
 * (a restart neither skips one nor takes one early); an overdue one is taken at once.
 */
export function startBackupSchedule(databaseFile: string, config: Pick<BackupConfig, 'dir' | 'keep'> & { everyMs: number }): BackupSchedule {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let stopped = false
  const dueAt = () => {
    const newest = listBackups(config.dir).at(-1)
    return newest ? Date.parse(newest.manifest.createdAt) + config.everyMs : Date.now()
  }
  const take = async (): Promise<boolean> => {
    try {
      const backup = await backupLake(databaseFile, config)
      const { lastTransaction, bytes, durationMs } = backup.manifest
      console.log(
        `[lake] backup ${backup.dir} (${(bytes / 1024 / 1024).toFixed(1)} MB, up to transaction ${lastTransaction?.sequence ?? 0}) in ${durationMs} ms` +
          (backup.removed.length ? `; removed ${backup.removed.length} older` : ''),
      )
      return true
    } catch (error) {
      console.error(`[lake] backup failed: ${(error as Error).message}`)
      return false
    }
  }
  const plan = (afterFailure = false) => {
    if (stopped) return
    let wait = Math.min(config.everyMs, RETRY_AFTER_FAILURE_MS)
    try {
      if (!afterFailure) wait = dueAt() - Date.now()
    } catch (error) {
      console.error(`[lake] backups: ${(error as Error).message}`)
    }
    timer = setTimeout(
      () => {
        if (wait > MAX_TIMER_MS) return plan()
        running = take().then((ok) => {
          running = undefined
          plan(!ok)
        })
      },
      Math.max(0, Math.min(wait, MAX_TIMER_MS)),
    )
    timer.unref()
  }
  plan()
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
