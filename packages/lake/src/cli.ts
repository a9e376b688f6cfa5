/**
 * baspa-lake serve                                 the API (configuration: LAKE_* variables, README)
 * baspa-lake import FILE.ndjson [--replace|--missing]
 * baspa-lake export FILE.ndjson
 * baspa-lake token editor|viewer [LABEL]           mints a token and prints it
 * The database is LAKE_DB_PATH (default .data/lake.sqlite).
 */
import { resolve } from 'node:path'
import { configFromEnv } from './config'
import { exportDataset, importDataset, type ImportMode } from './dataset'
import { LakeTokens } from './http/tokens'
import { openLake } from './lake'
import { startLakeService } from './serve'

const USAGE = `usage: baspa-lake serve
       baspa-lake import FILE.ndjson [--replace|--missing]
       baspa-lake export FILE.ndjson
       baspa-lake token editor|viewer [LABEL]`

async function serve(): Promise<void> {
  const service = await startLakeService(configFromEnv())
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

function offline(command: string, args: string[]): number {
  const { databaseFile } = configFromEnv()
  const [file, ...flags] = args
  if (command === 'token') {
    if (file !== 'editor' && file !== 'viewer') return usage()
    const lake = openLake(databaseFile)
    try {
      console.log(new LakeTokens(lake.store).mint(file, flags.join(' ') || file))
    } finally {
      lake.store.close()
    }
    return 0
  }
  if (!file || flags.length > (command === 'import' ? 1 : 0) || flags.some((flag) => flag !== '--replace' && flag !== '--missing')) return usage()
  const lake = openLake(databaseFile)
  try {
    if (command === 'import') {
      const mode: ImportMode = flags[0] === '--replace' ? 'replace' : flags[0] === '--missing' ? 'missing' : 'fail'
      const result = importDataset(lake.store, resolve(file), { mode })
      console.log(`imported ${result.documents} documents and ${result.assets} asset files into ${databaseFile}`)
    } else {
      const result = exportDataset(lake.store, resolve(file))
      console.log(`exported ${result.documents} documents and ${result.assets} asset files from ${databaseFile} to ${resolve(file)}`)
    }
    return 0
  } catch (error) {
    console.error(`baspa-lake ${command} failed: ${(error as Error).message}`)
    return 1
  } finally {
    lake.store.close()
  }
}

function usage(): number {
  console.error(USAGE)
  return 2
}

const [command = '', ...args] = process.argv.slice(2)
try {
  if (command === 'serve') await serve()
  else if (command === 'import' || command === 'export' || command === 'token') process.exitCode = offline(command, args)
  else process.exitCode = usage()
} catch (error) {
  console.error(`[lake] ${(error as Error).message}`)
  process.exit(1)
}
