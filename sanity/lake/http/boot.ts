import { existsSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { localWebhookSecret } from '../../revalidate-secret'
import { LOCAL_DATASET, LOCAL_PROJECT_ID } from '../../studio-project'
import type { Lake } from '../index'
import { startLakeWebhooks } from '../webhooks'
import { startLakeServer, type LakeServer } from './server'
import { ensureTls } from './tls'
import { LakeTokens } from './tokens'

/**
 * Starts the lake's API for a lake: certificates and the first tokens are created in the database's
 * folder on first start (tokens printed once and kept in lake-tokens.json, readable by the owner only).
 */
export async function bootLakeApi(lake: Lake, port: number): Promise<LakeServer> {
  const folder = dirname(lake.store.file)
  const tokens = new LakeTokens(lake.store)
  const credentials = join(folder, 'lake-tokens.json')
  if (tokens.count() === 0 || !existsSync(credentials)) {
    const minted = { editor: tokens.mint('editor', 'Редактор'), viewer: tokens.mint('viewer', 'Предпросмотр') }
    writeFileSync(credentials, JSON.stringify(minted, null, 2) + '\n', { mode: 0o600 })
    const site = (process.env.SITE_URL || 'http://localhost:3000').replace(/\/+$/, '')
    console.log(`[lake] new tokens (kept in ${credentials}):\n  editor: ${minted.editor}\n  viewer: ${minted.viewer}`)
    console.log(`[lake] editors log in by opening ${site}/studio#token=${minted.editor}`)
  }
  const tls = await ensureTls(join(folder, 'tls'))
  const server = await startLakeServer({ lake, tokens, tls, projectId: LOCAL_PROJECT_ID, dataset: LOCAL_DATASET, port })
  console.log(`[lake] Sanity API on ${server.url} (project "${LOCAL_PROJECT_ID}", dataset "${LOCAL_DATASET}"); browsers: trust ${tls.caFile} once`)
  const url = webhookUrl()
  if (!url) return server
  const webhooks = startLakeWebhooks(lake, server.events, {
    url,
    secret: process.env.SANITY_REVALIDATE_SECRET?.trim() || localWebhookSecret(folder),
    projectId: LOCAL_PROJECT_ID,
    dataset: LOCAL_DATASET,
  })
  console.log(`[lake] revalidation webhooks go to ${url}`)
  return { ...server, close: () => (webhooks.stop(), server.close()) }
}

/** LAKE_WEBHOOK_URL, else the site's /api/revalidate (SITE_URL); LAKE_WEBHOOK_URL=off sends none. */
function webhookUrl(): string | undefined {
  const configured = process.env.LAKE_WEBHOOK_URL?.trim()
  if (configured === 'off') return undefined
  return configured || `${(process.env.SITE_URL || 'http://localhost:3000').replace(/\/+$/, '')}/api/revalidate`
}
