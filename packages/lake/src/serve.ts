import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { startBackupSchedule } from './backup'
import { offsetClock, systemClock } from './clock'
import type { LakeConfig } from './config'
import { writeFileDurablySync } from './durable-file'
import { ensureTls } from './http/tls'
import { startLakeServer, type LakeServer } from './http/server'
import { LakeTokens } from './http/tokens'
import { openLake, seedIfEmpty, type Lake } from './lake'
import { WebhookOutbox } from './webhook-outbox'
import { startLakeWebhooks } from './webhooks'

export interface LakeService {
  lake: Lake
  server: LakeServer
  /** Where the first tokens were written (readable by the owner only). */
  credentialsFile: string
  close(): Promise<void>
}

/**
 * The lake as a service: the database opened (and seeded when empty and a seed is configured),
 * tokens minted on first start, the certificate made, the API listening, webhooks sent. Everything
 * it keeps lives beside the database: `lake-tokens.json`, `tls/`, `image-cache/`.
 */
export async function startLakeService(config: LakeConfig, options: { onMaintenance?: (work: string) => void } = {}): Promise<LakeService> {
  const clock = config.clockOffsetFile ? offsetClock(config.clockOffsetFile) : systemClock
  const onMaintenance = (work: string) => {
    console.log(`[lake] ${work}: on a large lake this takes minutes, once`)
    options.onMaintenance?.(work)
  }
  const lake = openLake(config.databaseFile, { clock, limits: config.limits, synchronous: config.synchronous, onMaintenance })
  const folder = dirname(lake.store.file)
  if (config.seedFile && seedIfEmpty(lake.store, config.seedFile)) console.log(`[lake] seeded ${lake.store.count()} documents from ${config.seedFile}`)

  const tokens = new LakeTokens(lake.store)
  const credentialsFile = join(folder, 'lake-tokens.json')
  if (tokens.count() === 0 || !existsSync(credentialsFile)) {
    const minted = { editor: tokens.mint('editor', 'Редактор'), viewer: tokens.mint('viewer', 'Предпросмотр') }
    writeFileDurablySync(credentialsFile, JSON.stringify(minted, null, 2) + '\n', { mode: 0o600 })
    console.log(`[lake] new tokens (kept in ${credentialsFile}):\n  editor: ${minted.editor}\n  viewer: ${minted.viewer}`)
    if (config.studioUrl) console.log(`[lake] editors log in by opening ${config.studioUrl}#token=${minted.editor}`)
  }

  const tls = config.apiPort === null ? undefined : await ensureTls(join(folder, 'tls'))
  const server = await startLakeServer({
    lake,
    tokens,
    projectId: config.projectId,
    dataset: config.dataset,
    limits: config.limits,
    tls,
    port: config.apiPort ?? undefined,
    httpPort: config.httpPort ?? undefined,
    host: config.host,
    clockOffsetFile: config.clockOffsetFile,
  }).catch((error: unknown) => {
    lake.store.close()
    throw error
  })
  const where = [server.url && `${server.url} (browsers; trust ${tls!.caFile} once)`, server.httpUrl && `${server.httpUrl} (servers)`]
    .filter(Boolean)
    .join(' and ')
  console.log(`[lake] Sanity API for project "${config.projectId}", dataset "${config.dataset}" on ${where}`)

  // Without a webhook, nothing is kept for one: entries already waiting stay for when it is configured again.
  if (!config.webhook) new WebhookOutbox(lake.store).capture(false)
  const webhooks = config.webhook
    ? startLakeWebhooks(config.webhook, {
        store: lake.store,
        evaluator: server.queries,
        engine: lake.engine,
        events: server.events,
        clock,
        projectId: config.projectId,
        dataset: config.dataset,
      })
    : undefined
  if (config.webhook) console.log(`[lake] webhooks go to ${config.webhook.url}`)
  const backups = config.backups?.everyMs ? startBackupSchedule(lake.store.file, { ...config.backups, everyMs: config.backups.everyMs }) : undefined
  if (config.backups?.everyMs)
    console.log(`[lake] a backup every ${config.backups.everyMs / 60_000} min into ${config.backups.dir}, the newest ${config.backups.keep} kept`)

  return {
    lake,
    server,
    credentialsFile,
    async close() {
      await Promise.all([webhooks?.stop(), backups?.stop()])
      await server.close()
      lake.store.close()
    },
  }
}
