/**
 * The lake's Sanity-compatible HTTP API on its own (the portal's server also starts it, see
 * instrumentation.ts):
 *   npm run lake:serve                 # https://localhost:3443 (LAKE_API_PORT)
 *   npm run lake:token -- editor NAME  # mint another token (editor | viewer)
 * Data: LAKE_DB_PATH (default .data/lake.sqlite); certificates and first tokens beside it.
 */
import { resolve } from 'node:path'
import { DEFAULT_LAKE_API_PORT } from '../../studio-project'
import { openLake, seedIfEmpty } from '../index'
import { bootLakeApi } from './boot'
import { LakeTokens } from './tokens'

async function main(argv: string[]) {
  const lake = openLake(resolve(process.env.LAKE_DB_PATH || '.data/lake.sqlite'))
  if (argv[0] === 'token') {
    const role = argv[1]
    if (role !== 'editor' && role !== 'viewer') throw new Error('usage: npm run lake:token -- editor|viewer [label]')
    console.log(new LakeTokens(lake.store).mint(role, argv.slice(2).join(' ') || role))
    lake.store.close()
    return
  }
  seedIfEmpty(lake.store, process.env.LAKE_SEED_FILE ? resolve(process.env.LAKE_SEED_FILE) : undefined)
  const server = await bootLakeApi(lake, Number(process.env.LAKE_API_PORT || DEFAULT_LAKE_API_PORT))
  const stop = () => void server.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`[lake] ${(error as Error).message}`)
  process.exit(1)
})
