/**
 * npm run lake:import -- FILE.ndjson [--replace | --missing]
 * npm run lake:export -- FILE.ndjson
 * The database is LAKE_DB_PATH (default .data/lake.sqlite).
 */
import { resolve } from 'node:path'
import { exportDataset, importDataset, type ImportMode } from './dataset'
import { openLake } from './index'

function main(argv: string[]): number {
  const [command, file, ...flags] = argv
  const database = resolve(process.env.LAKE_DB_PATH || '.data/lake.sqlite')
  if ((command !== 'import' && command !== 'export') || !file) {
    console.error('usage: lake-cli import FILE.ndjson [--replace|--missing]\n       lake-cli export FILE.ndjson')
    return 2
  }
  const unknown = flags.filter((flag) => flag !== '--replace' && flag !== '--missing')
  if (unknown.length > 0 || flags.length > 1) {
    console.error(`unknown or conflicting options: ${flags.join(' ')}`)
    return 2
  }
  const lake = openLake(database)
  try {
    if (command === 'import') {
      const mode: ImportMode = flags[0] === '--replace' ? 'replace' : flags[0] === '--missing' ? 'missing' : 'fail'
      const result = importDataset(lake.store, resolve(file), { mode })
      console.log(`imported ${result.documents} documents and ${result.assets} asset files into ${database}`)
    } else {
      const result = exportDataset(lake.store, resolve(file))
      console.log(`exported ${result.documents} documents and ${result.assets} asset files from ${database} to ${resolve(file)}`)
    }
    return 0
  } catch (error) {
    console.error(`lake ${command} failed: ${(error as Error).message}`)
    return 1
  } finally {
    lake.store.close()
  }
}

process.exitCode = main(process.argv.slice(2))
