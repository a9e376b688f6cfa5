import { dirname, join, resolve } from 'node:path'
import { z } from 'zod'
import { DEFAULT_LAKE_API_PORT, DEFAULT_LAKE_HTTP_PORT, LOCAL_DATASET, LOCAL_PROJECT_ID } from './project'

/**
 * Every environment variable of the site: its type, default, validation and one line of
 * documentation. Nothing else reads `process.env` (ESLint refuses it outside config/); the
 * reference in docs/configuration.md is generated from this table (`npm run docs:config`, checked
 * by a test). The browser's variables are in ./public.ts; the lake's own `LAKE_*` limits are the
 * lake's (packages/lake/README.md) and pass through to the lake the site starts.
 */
export type VariableGroup = 'content' | 'lake' | 'server' | 'scale-out' | 'tests and benchmarks'

interface Variable {
  schema: z.ZodType
  group: VariableGroup
  doc: string
}

const variable = <S extends z.ZodType>(group: VariableGroup, schema: S, doc: string) => ({ schema, group, doc })
const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback)
const portOrOff = (fallback: number) =>
  z
    .union([z.literal('off'), z.coerce.number().int().min(1).max(65_535)])
    .default(fallback)
    .transform((value) => (value === 'off' ? null : value))
const flag = (on: string) => z.enum([on]).optional()

export const VARIABLES = {
  SANITY_PROJECT_ID: variable(
    'content',
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')
      .optional(),
    'hosted Sanity project id; with SANITY_DATASET it selects hosted Sanity instead of the local lake',
  ),
  SANITY_DATASET: variable(
    'content',
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and -')
      .optional(),
    'hosted Sanity dataset',
  ),
  SANITY_API_READ_TOKEN: variable('content', z.string().min(1).optional(), 'hosted Sanity viewer token, for the drafts perspective (preview)'),
  SANITY_API_VERSION: variable(
    'content',
    z
      .string()
      .regex(/^(\d{4}-\d{2}-\d{2}|1|X)$/)
      .default('2025-02-19'),
    'Sanity API version date',
  ),
  SANITY_API_HOST: variable('content', z.url().optional(), 'API host for @sanity/client in hosted mode (another Sanity-compatible API)'),
  SANITY_REVALIDATE_SECRET: variable(
    'content',
    z.string().min(16, 'at least 16 characters').optional(),
    'signs and checks revalidation webhooks; local lake: generated in `webhook-secret` beside the database when unset',
  ),
  SITE_URL: variable('content', z.url().default('http://localhost:3000'), 'absolute site URL: canonical links, sitemaps, the webhook target of the local lake'),
  LAKE_DB_PATH: variable(
    'lake',
    z.string().default('.data/lake.sqlite'),
    "the local lake's database; its tokens, certificates, renditions and search index live beside it",
  ),
  LAKE_SEED_FILE: variable('lake', z.string().optional(), 'NDJSON an empty lake is seeded with; unset: the demo dataset, its dates moved to today'),
  LAKE_URL: variable('lake', z.url().optional(), 'a lake started elsewhere (`npm run lake`) that this site reads instead of starting its own'),
  LAKE_API_PORT: variable('lake', portOrOff(DEFAULT_LAKE_API_PORT), "HTTPS port of the lake the site starts (the Studio's API); `off`: not opened"),
  LAKE_HTTP_PORT: variable('lake', port(DEFAULT_LAKE_HTTP_PORT), 'plain-HTTP port of the lake the site starts; the site reads it there'),
  PORT: variable('server', port(3000), "the server's port (`npm start -p` wins)"),
  SEARCH_INDEX_DIR: variable(
    'server',
    z.string().optional(),
    'where the search index is kept across restarts; `npm start` sets `search/` beside the lake (hosted: `.data/search/<project>-<dataset>`), other processes use temporary files',
  ),
  SEARCH_WORKERS_DIR: variable(
    'server',
    z.string().optional(),
    "the search threads' compiled modules; `npm start` sets `build/search` (made by `npm run build`), other processes run their TypeScript through tsx",
  ),
  BASPA_HTML_CACHE: variable('server', z.enum(['on', 'off']).default('on'), '`off`: `npm start` without the in-process HTML cache'),
  BASPA_HTML_CACHE_TTL: variable(
    'server',
    z.coerce
      .number()
      .positive()
      .default(10)
      .transform((seconds) => Math.min(seconds, 60)),
    'seconds a page stays in the HTML cache, at most 60 (the data cache’s lifetime)',
  ),
  BASPA_HTML_CACHE_MB: variable('server', z.coerce.number().positive().default(64), 'memory bound of the HTML cache'),
  REDIS_URL: variable(
    'scale-out',
    z.url().optional(),
    "Redis shared by every instance: Next's page and data caches and their tags (@trieb.work/nextjs-turbo-redis-cache), and the HTML cache's purges; unset: one process, nothing to install",
  ),
  VARNISH_PURGE_URLS: variable(
    'scale-out',
    z
      .string()
      .optional()
      .transform(
        (value) =>
          value
            ?.split(',')
            .map((url) => url.trim())
            .filter(Boolean) ?? [],
      )
      .pipe(z.array(z.url())),
    'comma-separated addresses of the Varnish servers in front of the site: a revalidation purges their pages by `xkey`, and the in-process HTML cache steps aside',
  ),
  VARNISH_PURGE_SECRET: variable(
    'scale-out',
    z.string().min(16, 'at least 16 characters').optional(),
    'sent with every purge (`x-purge-secret`); Varnish accepts purges with it only (deploy/varnish/baspa.vcl)',
  ),
  BASPA_TEST_CLOCK_FILE: variable(
    'tests and benchmarks',
    z.string().optional(),
    "tests only: a file holding milliseconds added to the lake's clock (embargo tests)",
  ),
  BASPA_BENCH_UNCACHED: variable('tests and benchmarks', flag('1'), 'benchmarks only: `1` turns off the HTML cache and Next’s incremental cache'),
  BASPA_BENCH_EVENT_LOOP: variable(
    'tests and benchmarks',
    z.string().optional(),
    'benchmarks only: on SIGUSR2 the server writes its event-loop delay to this file',
  ),
  BASPA_DIST_DIR: variable('tests and benchmarks', z.string().optional(), 'benchmarks only: serve a copy of a build from this directory instead of `.next`'),
} satisfies Record<string, Variable>

type Values = { [K in keyof typeof VARIABLES]: z.output<(typeof VARIABLES)[K]['schema']> }

const Schema = z
  .object(
    Object.fromEntries(Object.entries(VARIABLES).map(([name, v]) => [name, v.schema])) as { [K in keyof typeof VARIABLES]: (typeof VARIABLES)[K]['schema'] },
  )
  .refine((env) => Boolean(env.SANITY_PROJECT_ID) === Boolean(env.SANITY_DATASET), {
    message: 'set both SANITY_PROJECT_ID and SANITY_DATASET for hosted Sanity, or neither for the local content lake',
    path: ['SANITY_PROJECT_ID'],
  })
  .refine((env) => env.VARNISH_PURGE_URLS.length === 0 || Boolean(env.VARNISH_PURGE_SECRET), {
    message: 'VARNISH_PURGE_URLS needs VARNISH_PURGE_SECRET (Varnish refuses purges without it)',
    path: ['VARNISH_PURGE_SECRET'],
  })

/** The local lake as the site starts and reads it (server/lake-supervisor.ts). */
export interface LocalLake {
  databaseFile: string
  /** A dataset to seed an empty lake with; the demo dataset (its dates moved to today) when unset. */
  seedFile?: string
  /** HTTPS port of the lake's API for browsers (the Studio); null: not started (benchmarks, no Studio). */
  apiPort: number | null
  /** Plain HTTP port the site reads the lake on. */
  httpPort: number
  /** LAKE_URL: a lake started elsewhere (`npm run lake`), which this site reads but does not start. */
  external: boolean
  /** Tests only: the lake's clock moves by the milliseconds in this file (embargo tests). */
  clockFile?: string
}

/** Where content comes from: both modes are read through @sanity/client (sanity/client.ts). */
export type ContentBackend =
  | { mode: 'local'; projectId: string; dataset: string; apiVersion: string; apiHost: string; tokenFile: string; lake: LocalLake }
  | { mode: 'hosted'; projectId: string; dataset: string; apiVersion: string; token?: string; apiHost?: string }

export interface AppConfig {
  backend: ContentBackend
  siteUrl: string
  /** Signs revalidation webhooks (sanity/revalidate-secret.ts supplies a local one when unset). */
  revalidateSecret?: string
  server: {
    port: number
    searchIndexDir?: string
    searchWorkersDir?: string
    htmlCache: { enabled: boolean; ttlMs: number; maxBytes: number }
  }
  /** Several instances: a shared cache in Redis, and Varnish (or a CDN) in front. */
  scaleOut: { redisUrl?: string; varnish: { purgeUrls: string[]; secret?: string } }
  bench: { uncached: boolean; eventLoopFile?: string; distDir?: string }
}

export class EnvError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    super(`Invalid environment: ${issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`).join('; ')}`)
    this.name = 'EnvError'
  }
}

/** Blank values count as unset, as a shell's `VAR=` means. */
const withoutBlanks = (source: Record<string, string | undefined>) =>
  Object.fromEntries(Object.keys(VARIABLES).map((name) => [name, source[name]?.trim() ? source[name] : undefined]))

/** Reads and validates the environment; hosted Sanity when project and dataset are set, else the local lake. */
export function readConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = Schema.safeParse(withoutBlanks(source))
  if (!parsed.success) throw new EnvError(parsed.error.issues)
  const env = parsed.data as Values
  const databaseFile = resolve(env.LAKE_DB_PATH)
  const backend: ContentBackend =
    env.SANITY_PROJECT_ID && env.SANITY_DATASET
      ? {
          mode: 'hosted',
          projectId: env.SANITY_PROJECT_ID,
          dataset: env.SANITY_DATASET,
          apiVersion: env.SANITY_API_VERSION,
          token: env.SANITY_API_READ_TOKEN,
          apiHost: env.SANITY_API_HOST,
        }
      : {
          mode: 'local',
          projectId: LOCAL_PROJECT_ID,
          dataset: LOCAL_DATASET,
          apiVersion: env.SANITY_API_VERSION,
          apiHost: (env.LAKE_URL ?? `http://127.0.0.1:${env.LAKE_HTTP_PORT}`).replace(/\/+$/, ''),
          // The lake writes its first tokens beside its database; the site previews drafts with the viewer's.
          tokenFile: join(dirname(databaseFile), 'lake-tokens.json'),
          lake: {
            databaseFile,
            seedFile: env.LAKE_SEED_FILE ? resolve(env.LAKE_SEED_FILE) : undefined,
            apiPort: env.LAKE_API_PORT,
            httpPort: env.LAKE_HTTP_PORT,
            external: Boolean(env.LAKE_URL),
            clockFile: env.BASPA_TEST_CLOCK_FILE ? resolve(env.BASPA_TEST_CLOCK_FILE) : undefined,
          },
        }
  const uncached = env.BASPA_BENCH_UNCACHED === '1'
  return {
    backend,
    siteUrl: env.SITE_URL.replace(/\/+$/, ''),
    revalidateSecret: env.SANITY_REVALIDATE_SECRET,
    server: {
      port: env.PORT,
      searchIndexDir: env.SEARCH_INDEX_DIR,
      searchWorkersDir: env.SEARCH_WORKERS_DIR,
      // Varnish in front is the HTML cache; a second one behind it would only delay purges.
      htmlCache: {
        enabled: env.BASPA_HTML_CACHE === 'on' && !uncached && env.VARNISH_PURGE_URLS.length === 0,
        ttlMs: env.BASPA_HTML_CACHE_TTL * 1000,
        maxBytes: env.BASPA_HTML_CACHE_MB * 1024 * 1024,
      },
    },
    scaleOut: { redisUrl: env.REDIS_URL, varnish: { purgeUrls: env.VARNISH_PURGE_URLS, secret: env.VARNISH_PURGE_SECRET } },
    bench: { uncached, eventLoopFile: env.BASPA_BENCH_EVENT_LOOP, distDir: env.BASPA_DIST_DIR },
  }
}

let cached: AppConfig | undefined
/** This process's configuration, read once. */
export const config = (): AppConfig => (cached ??= readConfig())

/** The environment a child process inherits (the lake the site starts), with additions. */
export const childEnvironment = (additions: Record<string, string | undefined>): NodeJS.ProcessEnv => ({ ...process.env, ...additions })

/**
 * What the production server (server/main.ts) tells Next.js and the site's code in this process,
 * whose bundles read configuration separately: the port and origin (as `next start` sets them,
 * for proxy.ts), production mode, the search index's directory beside the content, and where the
 * search threads' compiled modules are.
 */
export function announceProductionServer(port: number, hostname: string | undefined, searchWorkersDir: string): void {
  const { backend } = config()
  Object.assign(process.env, {
    NODE_ENV: 'production',
    PORT: String(port),
    __NEXT_PRIVATE_ORIGIN: `http://${hostname && hostname !== '0.0.0.0' ? hostname : 'localhost'}:${port}`,
    SEARCH_INDEX_DIR:
      process.env.SEARCH_INDEX_DIR ||
      (backend.mode === 'hosted' ? join('.data/search', `${backend.projectId}-${backend.dataset}`) : join(dirname(backend.lake.databaseFile), 'search')),
    SEARCH_WORKERS_DIR: process.env.SEARCH_WORKERS_DIR || searchWorkersDir,
  })
}

/**
 * This server's own origin, for requests it makes to itself (proxy.ts), as `next start` and
 * server/main.ts set it: never the request's Host header, which a client controls.
 */
export const ownOrigin = () => process.env.__NEXT_PRIVATE_ORIGIN || `http://127.0.0.1:${config().server.port}`
