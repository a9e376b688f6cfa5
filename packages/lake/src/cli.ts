/**
 * baspa-lake serve                                 the API (configuration: LAKE_* variables, README)
 * baspa-lake import FILE.ndjson|ARCHIVE.tar.gz|FOLDER [--replace|--missing]
 * baspa-lake export FILE.ndjson|ARCHIVE.tar.gz
 * baspa-lake backup [FOLDER]                       a consistent copy while the lake serves
 * baspa-lake restore BACKUP                        into an empty LAKE_DB_PATH
 * baspa-lake webhooks [list|redeliver|discard] [ID…|--all]
 * baspa-lake token editor|viewer [LABEL]           mints a token and prints it
 * The database is LAKE_DB_PATH (default .data/lake.sqlite).
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { exportArchive, importArchive } from './archive'
import { backupLake, restoreLake } from './backup'
import { configFromEnv, type LakeConfig } from './config'
import { exportDataset, importDataset, type ImportMode } from './dataset'
import { LakeTokens } from './http/tokens'
import { openLake, type Lake } from './lake'
import { startLakeService } from './serve'
import { WebhookOutbox } from './webhook-outbox'

const USAGE = `usage: baspa-lake serve
       baspa-lake import FILE.ndjson|ARCHIVE.tar.gz|FOLDER [--replace|--missing]
       baspa-lake export FILE.ndjson|ARCHIVE.tar.gz
       baspa-lake backup [FOLDER]
       baspa-lake restore BACKUP
       baspa-lake webhooks [list]
       baspa-lake webhooks redeliver|discard ID…|--all
       baspa-lake token editor|viewer [LABEL]`

class UsageError extends Error {}

async function serve(config: LakeConfig): Promise<void> {
  // A supervisor waits for `ready` a limited time: told of long work at open, it waits for that instead.
  const service = await startLakeService(config, { onMaintenance: (work) => process.send?.({ type: 'maintenance', work }) })
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    void service.close().finally(() => process.exit(0))
    setTimeout(() => process.exit(0), 5_000).unref()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  // Started by a supervisor over IPC (the site's server): say when ready, and end with it.
  if (process.send) {
    process.send({ type: 'ready', url: service.server.url, httpUrl: service.server.httpUrl })
    process.on('disconnect', stop)
  }
}

/** `sanity dataset export` archives by Sanity's libraries; NDJSON with binaries beside it by the lake's own reader and writer. */
const isArchive = (path: string) => /\.(tar\.gz|tgz)$/i.test(path) || (existsSync(path) && statSync(path).isDirectory())

function importMode(flags: string[]): ImportMode {
  if (flags.length > 1 || flags.some((flag) => flag !== '--replace' && flag !== '--missing')) throw new UsageError()
  return flags[0] === '--replace' ? 'replace' : flags[0] === '--missing' ? 'missing' : 'fail'
}

async function withLake<T>(config: LakeConfig, work: (lake: Lake) => T | Promise<T>): Promise<T> {
  const lake = openLake(config.databaseFile, { synchronous: config.synchronous })
  try {
    return await work(lake)
  } finally {
    lake.store.close()
  }
}

async function transfer(config: LakeConfig, command: 'import' | 'export', args: string[]): Promise<void> {
  const [path, ...flags] = args
  if (!path) throw new UsageError()
  const file = resolve(path)
  // Imported assets' `url`: where the lake is reached when it serves, not the loopback port the import runs on.
  const assetBaseUrl = config.apiPort ? `https://localhost:${config.apiPort}` : config.httpPort ? `http://${config.host}:${config.httpPort}` : undefined
  const target = (lake: Lake) => ({ lake, projectId: config.projectId, dataset: config.dataset, assetBaseUrl })
  if (command === 'export') {
    if (flags.length > 0) throw new UsageError()
    const result = await withLake(config, (lake) => (isArchive(file) ? exportArchive(target(lake), file) : exportDataset(lake.store, file)))
    console.log(`exported ${result.documents} documents and ${result.assets} asset files from ${config.databaseFile} to ${file}`)
    return
  }
  const mode = importMode(flags)
  if (isArchive(file)) {
    const result = await withLake(config, (lake) => importArchive(target(lake), file, mode))
    console.log(`imported ${result.documents} documents from ${file} into ${config.databaseFile}`)
    for (const warning of result.warnings) console.warn(`warning: ${warning}`)
  } else {
    const result = await withLake(config, (lake) => importDataset(lake.store, file, { mode }))
    console.log(`imported ${result.documents} documents and ${result.assets} asset files into ${config.databaseFile}`)
  }
}

async function backup(config: LakeConfig, args: string[]): Promise<void> {
  if (args.length > 1) throw new UsageError()
  const dir = args[0] ? resolve(args[0]) : (config.backups?.dir ?? resolve('backups'))
  const { dir: written, manifest, removed } = await backupLake(config.databaseFile, { dir, keep: config.backups?.keep ?? 7 })
  console.log(
    `backed up ${config.databaseFile} to ${written} in ${manifest.durationMs} ms: ${manifest.documents} documents, ${manifest.assets} assets, ` +
      `${(manifest.bytes / 1024 / 1024).toFixed(1)} MB, up to transaction ${manifest.lastTransaction?.sequence ?? 0} (${manifest.lastTransaction?.timestamp ?? 'none'})`,
  )
  for (const path of removed) console.log(`removed ${path}`)
}

function restore(config: LakeConfig, args: string[]): void {
  if (args.length !== 1) throw new UsageError()
  const { manifest, durationMs } = restoreLake(resolve(args[0]!), config.databaseFile)
  console.log(
    `restored ${resolve(args[0]!)} (taken ${manifest.createdAt}) to ${config.databaseFile} in ${durationMs} ms: ` +
      `${manifest.documents} documents, up to transaction ${manifest.lastTransaction?.sequence ?? 0}`,
  )
}

async function webhooks(config: LakeConfig, args: string[]): Promise<void> {
  const [action = 'list', ...rest] = args
  const all = rest.length === 1 && rest[0] === '--all'
  const ids = all ? [] : rest.map(Number)
  if (action !== 'list' && ((!all && ids.length === 0) || ids.some((id) => !Number.isSafeInteger(id) || id < 1))) throw new UsageError()
  await withLake(config, ({ store }) => {
    const outbox = new WebhookOutbox(store)
    if (action === 'list') {
      if (rest.length > 0) throw new UsageError()
      const dead = outbox.dead()
      console.log(`${outbox.pendingCount()} webhook(s) waiting to be sent, ${dead.length} dead letter(s)`)
      for (const entry of dead) {
        console.log(
          `${entry.id}\t${entry.timestamp}\t${entry.operation ?? entry.kind} ${entry.documentId}\ttransaction ${entry.transactionId}\t${entry.attempts} attempt(s): ${entry.lastError ?? ''}`,
        )
      }
    } else if (action === 'redeliver') {
      console.log(`${outbox.redeliver(ids)} dead letter(s) queued again: the running lake sends them within a second`)
    } else if (action === 'discard') {
      console.log(`${outbox.discard(ids)} dead letter(s) discarded`)
    } else {
      throw new UsageError()
    }
  })
}

async function token(config: LakeConfig, args: string[]): Promise<void> {
  const [role, ...label] = args
  if (role !== 'editor' && role !== 'viewer') throw new UsageError()
  await withLake(config, ({ store }) => console.log(new LakeTokens(store).mint(role, label.join(' ') || role)))
}

const [command = '', ...args] = process.argv.slice(2)
try {
  const config = configFromEnv()
  if (command === 'serve') await serve(config)
  else if (command === 'import' || command === 'export') await transfer(config, command, args)
  else if (command === 'backup') await backup(config, args)
  else if (command === 'restore') restore(config, args)
  else if (command === 'webhooks') await webhooks(config, args)
  else if (command === 'token') await token(config, args)
  else throw new UsageError()
} catch (error) {
  if (error instanceof UsageError) {
    console.error(USAGE)
    process.exitCode = 2
  } else {
    console.error(command === 'serve' ? `[lake] ${(error as Error).message}` : `baspa-lake ${command} failed: ${(error as Error).message}`)
    process.exitCode = 1
    if (command === 'serve') process.exit(1)
  }
}
