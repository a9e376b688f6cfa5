import { dirname, join, resolve } from 'node:path'
import { z } from 'zod'
import { DEFAULT_LAKE_API_PORT, DEFAULT_LAKE_HTTP_PORT, LOCAL_DATASET, LOCAL_PROJECT_ID } from './studio-project'

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional())
const port = (fallback: number) => z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65_535).default(fallback))
const portOrOff = (fallback: number) =>
  z
    .preprocess(blankToUndefined, z.union([z.literal('off'), z.coerce.number().int().min(1).max(65_535)]).default(fallback))
    .transform((value) => (value === 'off' ? null : value))

const EnvSchema = z
  .object({
    SANITY_PROJECT_ID: optional(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')),
    SANITY_DATASET: optional(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and -')),
    SANITY_API_READ_TOKEN: optional(z.string().min(1)),
    SANITY_API_VERSION: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^(\d{4}-\d{2}-\d{2}|1|X)$/)
        .default('2025-02-19'),
    ),
    SANITY_API_HOST: optional(z.url()),
    SANITY_REVALIDATE_SECRET: optional(z.string().min(16, 'at least 16 characters')),
    SITE_URL: z.preprocess(blankToUndefined, z.url().default('http://localhost:3000')),
    LAKE_DB_PATH: z.preprocess(blankToUndefined, z.string().default('.data/lake.sqlite')),
    LAKE_SEED_FILE: optional(z.string()),
    LAKE_URL: optional(z.url()),
    LAKE_API_PORT: portOrOff(DEFAULT_LAKE_API_PORT),
    LAKE_HTTP_PORT: port(DEFAULT_LAKE_HTTP_PORT),
    BASPA_TEST_CLOCK_FILE: optional(z.string()),
  })
  .refine((env) => Boolean(env.SANITY_PROJECT_ID) === Boolean(env.SANITY_DATASET), {
    message: 'set both SANITY_PROJECT_ID and SANITY_DATASET for hosted Sanity, or neither for the local content lake',
    path: ['SANITY_PROJECT_ID'],
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

export interface AppEnv {
  backend: ContentBackend
  siteUrl: string
  /** Signs revalidation webhooks (sanity/revalidate-secret.ts supplies a local one when unset). */
  revalidateSecret?: string
}

export class EnvError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    super(`Invalid environment: ${issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`).join('; ')}`)
    this.name = 'EnvError'
  }
}

/** Reads and validates the environment; hosted Sanity when project and dataset are set, else the local lake. */
export function readEnv(source: Record<string, string | undefined> = process.env): AppEnv {
  const parsed = EnvSchema.safeParse(source)
  if (!parsed.success) throw new EnvError(parsed.error.issues)
  const env = parsed.data
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
  return { backend, siteUrl: env.SITE_URL.replace(/\/+$/, ''), revalidateSecret: env.SANITY_REVALIDATE_SECRET }
}

let cached: AppEnv | undefined
export const env = (): AppEnv => (cached ??= readEnv())

/** The environment a child process inherits (the lake the site starts), with additions. */
export const childEnvironment = (additions: Record<string, string | undefined>): NodeJS.ProcessEnv => ({ ...process.env, ...additions })
