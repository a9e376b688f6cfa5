/**
 * The lake's Sanity-compatible HTTP API, for the Studio and for @sanity/client:
 *   npm run lake:serve                 # https://localhost:3443 (LAKE_API_PORT)
 *   npm run lake:token -- editor NAME  # mint another token (editor | viewer)
 * Data: LAKE_DB_PATH (default .data/lake.sqlite); certificates and first tokens beside it.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { LOCAL_DATASET, LOCAL_PROJECT_ID } from '../../studio-project'
import { openLake, seedIfEmpty } from '../index'
import { startLakeServer } from './server'
import { ensureTls } from './tls'
import { LakeTokens, type TokenRole } from './tokens'

async function main(argv: string[]) {
  const database = resolve(process.env.LAKE_DB_PATH || '.data/lake.sqlite')
  const folder = dirname(database)
  const lake = openLake(database)
  const tokens = new LakeTokens(lake.store)

  if (argv[0] === 'token') {
    const role = argv[1] as TokenRole
    if (role !== 'editor' && role !== 'viewer') throw new Error('usage: lake:token -- editor|viewer [label]')
    console.log(tokens.mint(role, argv.slice(2).join(' ') || role))
    lake.store.close()
    return
  }

  seedIfEmpty(lake.store, process.env.LAKE_SEED_FILE ? resolve(process.env.LAKE_SEED_FILE) : undefined)
  const credentials = join(folder, 'lake-tokens.json')
  if (tokens.count() === 0 || !existsSync(credentials)) {
    const minted = { editor: tokens.mint('editor', 'Редактор'), viewer: tokens.mint('viewer', 'Предпросмотр') }
    writeFileSync(credentials, JSON.stringify(minted, null, 2) + '\n', { mode: 0o600 })
    console.log(`[lake] new tokens (also saved in ${credentials}):\n  editor: ${minted.editor}\n  viewer: ${minted.viewer}`)
  }
  const tls = await ensureTls(join(folder, 'tls'))
  const port = Number(process.env.LAKE_API_PORT || 3443)
  const server = await startLakeServer({ lake, tokens, tls, projectId: LOCAL_PROJECT_ID, dataset: LOCAL_DATASET, port })
  console.log(`[lake] Sanity API on ${server.url} (project "${LOCAL_PROJECT_ID}", dataset "${LOCAL_DATASET}"); trust ${tls.caFile} once in your browser`)
  const stop = () => void server.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`[lake] ${(error as Error).message}`)
  process.exit(1)
})
