import { dirname, join, resolve } from 'node:path'
import { z } from 'zod'
import type { Synchronous } from './store'

/**
 * Everything the lake can be told, and the only module that reads the environment. The CLI reads
 * `LAKE_*` variables through `configFromEnv`; a program that embeds the lake passes a `LakeConfig`
 * to `startLakeService` directly. Every limit has a default that keeps one abusive request from
 * taking the machine; the README lists them.
 */
export interface LakeLimits {
  /** A query running longer is cancelled and answered 408 (Sanity's queryTimeout shape). */
  queryTimeoutMs: number
  /** Longest query text accepted (GET or POST), in bytes. */
  maxQueryBytes: number
  /** Largest JSON-encoded result a query may return, in bytes. */
  maxResultBytes: number
  /** Bytes of parsed queries a worker keeps for reuse (estimated from the query text). */
  parseCacheBytes: number
  /** Worker threads evaluating queries: queries past this many wait in the queue. */
  queryWorkers: number
  /** Queries waiting for a worker; more are refused with 429. */
  queryQueue: number
  /** Heap of one query worker: a query that needs more is cancelled (the worker is replaced). */
  queryWorkerHeapMb: number
  /** Longest side of an image rendition. */
  imageMaxPixels: number
  /** Image renditions computed at once; the rest wait. */
  imageConcurrency: number
  /** Image renditions waiting; more are refused with 503. */
  imageQueue: number
  /** Encoder effort for AVIF (0–9) and WebP (0–6): the default keeps one rendition under a second. */
  imageEffort: number
  /** Disk kept for image renditions. */
  imageCacheBytes: number
  /** Open presence sockets (one per Studio tab); more are closed with 1013. */
  presenceConnections: number
}

/** How an undelivered webhook is retried: after `retryDelayMs`, four times longer each time up to `maxRetryDelayMs`, `maxAttempts` times in all. */
export interface WebhookRetry {
  maxAttempts: number
  retryDelayMs: number
  maxRetryDelayMs: number
}

/** Ten attempts over about an hour (1 s, 4 s, 16 s, 1 min, 4 min, then every 15 min). */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetry = { maxAttempts: 10, retryDelayMs: 1000, maxRetryDelayMs: 15 * 60_000 }

/** Backups (./backup.ts): `baspa-lake backup`, and the lake process itself when `everyMs` is set. */
export interface BackupConfig {
  /** Where backups go, one folder each. */
  dir: string
  /** Backups kept: the oldest beyond this many are deleted after each new one. */
  keep: number
  /** Milliseconds between backups taken by the running lake; null: none. */
  everyMs: number | null
}

export interface WebhookConfig {
  url: string
  secret: string
  /** GROQ filter over the changed document, as in a GROQ-powered webhook's settings. Drafts never fire. */
  filter: string
  /** GROQ projection in delta mode (`before()`, `after()`, `delta::operation()`). */
  projection: string
  /**
   * A datetime field (e.g. `publishedAt`): when it passes for a document that matches the filter,
   * the webhook fires for that document as an update, so that a page scheduled for later appears
   * on time. Hosted Sanity has no such feature; without it, nothing is sent at that moment.
   */
  scheduleField?: string
  retry?: Partial<WebhookRetry>
}

export interface LakeConfig {
  databaseFile: string
  projectId: string
  dataset: string
  /** Bind address of both listeners. */
  host: string
  /** HTTPS + HTTP/2 for browsers (the Studio); `null`: not started. */
  apiPort: number | null
  /** Plain HTTP/1.1 for servers on this machine or network (the site's @sanity/client); `null`: not started. */
  httpPort: number | null
  /** NDJSON imported when the lake is empty (asset binaries in `images/` and `files/` beside it). */
  seedFile?: string
  webhook?: WebhookConfig
  /** Printed with the first tokens: where editors log in (e.g. the site's /studio). */
  studioUrl?: string
  /** Tests only: a file holding milliseconds to add to the clock (GROQ `now()`, scheduled webhooks). */
  clockOffsetFile?: string
  /** How commits reach the disk (./store.ts): `full` when left out. */
  synchronous?: Synchronous
  /** Left out: no scheduled backups. */
  backups?: BackupConfig
  limits: LakeLimits
}

export const DEFAULT_LIMITS: LakeLimits = {
  queryTimeoutMs: 10_000,
  maxQueryBytes: 64 * 1024,
  maxResultBytes: 64 * 1024 * 1024,
  parseCacheBytes: 16 * 1024 * 1024,
  queryWorkers: 2,
  queryQueue: 256,
  queryWorkerHeapMb: 1536,
  imageMaxPixels: 4096,
  imageConcurrency: 1,
  imageQueue: 64,
  imageEffort: 2,
  imageCacheBytes: 512 * 1024 * 1024,
  presenceConnections: 256,
}

export const DEFAULT_API_PORT = 3443
export const DEFAULT_HTTP_PORT = 3444
const DEFAULT_DATABASE_FILE = '.data/lake.sqlite'

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const text = z.preprocess(blank, z.string().optional())
const port = (fallback: number) =>
  z
    .preprocess(blank, z.union([z.literal('off'), z.coerce.number().int().min(0).max(65_535)]).default(fallback))
    .transform((value) => (value === 'off' ? null : value))
const count = (fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) => z.preprocess(blank, z.coerce.number().int().min(min).max(max).default(fallback))
const MB = 1024 * 1024

const EnvSchema = z.object({
  LAKE_DB_PATH: z.preprocess(blank, z.string().default(DEFAULT_DATABASE_FILE)),
  LAKE_PROJECT_ID: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .default('local'),
  ),
  LAKE_DATASET: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
      .default('production'),
  ),
  LAKE_HOST: z.preprocess(blank, z.string().default('127.0.0.1')),
  LAKE_API_PORT: port(DEFAULT_API_PORT),
  LAKE_HTTP_PORT: port(DEFAULT_HTTP_PORT),
  LAKE_SEED_FILE: text,
  LAKE_STUDIO_URL: text,
  LAKE_TEST_CLOCK_FILE: text,
  LAKE_WEBHOOK_URL: z.preprocess(blank, z.url().optional()),
  LAKE_WEBHOOK_SECRET: text,
  LAKE_WEBHOOK_FILTER: text,
  LAKE_WEBHOOK_PROJECTION: text,
  LAKE_WEBHOOK_SCHEDULE_FIELD: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
  ),
  LAKE_WEBHOOK_MAX_ATTEMPTS: count(DEFAULT_WEBHOOK_RETRY.maxAttempts, 1, 1000),
  LAKE_WEBHOOK_RETRY_MS: count(DEFAULT_WEBHOOK_RETRY.retryDelayMs, 10),
  LAKE_SYNCHRONOUS: z.preprocess(blank, z.enum(['full', 'normal']).default('full')),
  LAKE_BACKUP_EVERY: z.preprocess(
    blank,
    z
      .string()
      .regex(/^(off|\d+(ms|s|m|h|d))$/, 'a duration such as 30m, 6h or 1d, or off')
      .default('off'),
  ),
  LAKE_BACKUP_DIR: text,
  LAKE_BACKUP_KEEP: count(7, 1, 10_000),
  LAKE_QUERY_TIMEOUT_MS: count(DEFAULT_LIMITS.queryTimeoutMs, 100),
  LAKE_QUERY_MAX_KB: count(DEFAULT_LIMITS.maxQueryBytes / 1024),
  LAKE_RESULT_MAX_MB: count(DEFAULT_LIMITS.maxResultBytes / MB),
  LAKE_PARSE_CACHE_MB: count(DEFAULT_LIMITS.parseCacheBytes / MB, 0),
  LAKE_QUERY_WORKERS: count(DEFAULT_LIMITS.queryWorkers, 1, 64),
  LAKE_QUERY_QUEUE: count(DEFAULT_LIMITS.queryQueue, 0),
  LAKE_QUERY_WORKER_HEAP_MB: count(DEFAULT_LIMITS.queryWorkerHeapMb, 64),
  LAKE_IMAGE_MAX_PX: count(DEFAULT_LIMITS.imageMaxPixels, 16, 16_384),
  LAKE_IMAGE_CONCURRENCY: count(DEFAULT_LIMITS.imageConcurrency, 1, 64),
  LAKE_IMAGE_QUEUE: count(DEFAULT_LIMITS.imageQueue, 0),
  LAKE_IMAGE_EFFORT: count(DEFAULT_LIMITS.imageEffort, 0, 6),
  LAKE_IMAGE_CACHE_MB: count(DEFAULT_LIMITS.imageCacheBytes / MB),
  LAKE_PRESENCE_MAX_CONNECTIONS: count(DEFAULT_LIMITS.presenceConnections, 1, 100_000),
})

export class LakeConfigError extends Error {
  name = 'LakeConfigError'
}

/** The lake's configuration from `LAKE_*` variables (the README's table), validated. */
export function configFromEnv(env: Record<string, string | undefined> = process.env): LakeConfig {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success)
    throw new LakeConfigError(`invalid lake configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`)
  const e = parsed.data
  let webhook: WebhookConfig | undefined
  if (e.LAKE_WEBHOOK_URL) {
    if (!e.LAKE_WEBHOOK_SECRET || !e.LAKE_WEBHOOK_FILTER || !e.LAKE_WEBHOOK_PROJECTION) {
      throw new LakeConfigError('LAKE_WEBHOOK_URL needs LAKE_WEBHOOK_SECRET, LAKE_WEBHOOK_FILTER and LAKE_WEBHOOK_PROJECTION')
    }
    webhook = {
      url: e.LAKE_WEBHOOK_URL,
      secret: e.LAKE_WEBHOOK_SECRET,
      filter: e.LAKE_WEBHOOK_FILTER,
      projection: e.LAKE_WEBHOOK_PROJECTION,
      scheduleField: e.LAKE_WEBHOOK_SCHEDULE_FIELD,
      retry: { maxAttempts: e.LAKE_WEBHOOK_MAX_ATTEMPTS, retryDelayMs: e.LAKE_WEBHOOK_RETRY_MS },
    }
  }
  const databaseFile = resolve(e.LAKE_DB_PATH)
  const backupEveryMs = durationMs(e.LAKE_BACKUP_EVERY)
  if (backupEveryMs !== null && backupEveryMs < 60_000) throw new LakeConfigError('LAKE_BACKUP_EVERY: at least a minute (1m)')
  return {
    databaseFile,
    synchronous: e.LAKE_SYNCHRONOUS,
    backups: {
      dir: e.LAKE_BACKUP_DIR ? resolve(e.LAKE_BACKUP_DIR) : join(dirname(databaseFile), 'backups'),
      keep: e.LAKE_BACKUP_KEEP,
      everyMs: backupEveryMs,
    },
    projectId: e.LAKE_PROJECT_ID,
    dataset: e.LAKE_DATASET,
    host: e.LAKE_HOST,
    apiPort: e.LAKE_API_PORT,
    httpPort: e.LAKE_HTTP_PORT,
    seedFile: e.LAKE_SEED_FILE ? resolve(e.LAKE_SEED_FILE) : undefined,
    webhook,
    studioUrl: e.LAKE_STUDIO_URL,
    clockOffsetFile: e.LAKE_TEST_CLOCK_FILE ? resolve(e.LAKE_TEST_CLOCK_FILE) : undefined,
    limits: {
      queryTimeoutMs: e.LAKE_QUERY_TIMEOUT_MS,
      maxQueryBytes: e.LAKE_QUERY_MAX_KB * 1024,
      maxResultBytes: e.LAKE_RESULT_MAX_MB * MB,
      parseCacheBytes: e.LAKE_PARSE_CACHE_MB * MB,
      queryWorkers: e.LAKE_QUERY_WORKERS,
      queryQueue: e.LAKE_QUERY_QUEUE,
      queryWorkerHeapMb: e.LAKE_QUERY_WORKER_HEAP_MB,
      imageMaxPixels: e.LAKE_IMAGE_MAX_PX,
      imageConcurrency: e.LAKE_IMAGE_CONCURRENCY,
      imageQueue: e.LAKE_IMAGE_QUEUE,
      imageEffort: e.LAKE_IMAGE_EFFORT,
      imageCacheBytes: e.LAKE_IMAGE_CACHE_MB * MB,
      presenceConnections: e.LAKE_PRESENCE_MAX_CONNECTIONS,
    },
  }
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** `30m`, `6h`, `1d` in milliseconds; `off` is null. */
function durationMs(value: string): number | null {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(value)
  return match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : null
}
