import { fork, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { childEnvironment, config, type LocalLake } from '@/config/env'
import { revalidateSecret } from '@/sanity/revalidate-secret'
import { WEBHOOK_FILTER, WEBHOOK_PROJECTION, WEBHOOK_SCHEDULE_FIELD } from '@/sanity/webhook'
import { prepareDemoSeed } from './demo-seed'

/**
 * The site runs the local lake as a child process (`baspa-lake serve`), configured for this site:
 * its database and ports, the demo seed, the revalidation webhook (filter, projection, secret, and
 * `publishedAt` as the schedule that lifts embargoes). The lake is ready before the site serves,
 * restarted when it dies, stopped with the site, and its log lines are prefixed `[lake]`.
 * In hosted mode, or with LAKE_URL (a lake started elsewhere), there is nothing to supervise.
 */
export interface SupervisedLake {
  /** Resolves when the lake answers; rejects when its first start fails. */
  ready: Promise<void>
  /** The running lake's process id (the e2e outage test pauses it). */
  pid(): number | undefined
  stop(): Promise<void>
}

const LAKE_BIN = createRequire(import.meta.url)
  .resolve('@baspa/lake/package.json')
  .replace(/package\.json$/, 'bin/baspa-lake.mjs')
/** Restart delays after a crash; a lake that ran this long counts as healthy again. */
const RESTART_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000]
const HEALTHY_AFTER_MS = 60_000
const READY_TIMEOUT_MS = 120_000
/** How long the lake may take once it says it is indexing or taking statistics at open (a first start on a large archive). */
const MAINTENANCE_TIMEOUT_MS = 60 * 60_000

/** The lake's environment for this site (packages/lake/README.md lists the variables). */
function lakeEnvironment(lake: LocalLake, siteUrl: string): Record<string, string | undefined> {
  const folder = dirname(lake.databaseFile)
  const seed = lake.seedFile ?? (existsSync(lake.databaseFile) ? undefined : prepareDemoSeed(join(folder, 'seed')))
  return {
    LAKE_DB_PATH: lake.databaseFile,
    LAKE_HOST: '127.0.0.1',
    LAKE_API_PORT: lake.apiPort === null ? 'off' : String(lake.apiPort),
    LAKE_HTTP_PORT: String(lake.httpPort),
    LAKE_SEED_FILE: seed,
    LAKE_STUDIO_URL: `${siteUrl}/studio`,
    LAKE_WEBHOOK_URL: `${siteUrl}/api/revalidate`,
    LAKE_WEBHOOK_SECRET: revalidateSecret(),
    LAKE_WEBHOOK_FILTER: WEBHOOK_FILTER,
    LAKE_WEBHOOK_PROJECTION: WEBHOOK_PROJECTION,
    LAKE_WEBHOOK_SCHEDULE_FIELD: WEBHOOK_SCHEDULE_FIELD,
    LAKE_TEST_CLOCK_FILE: lake.clockFile,
  }
}

/** Starts and supervises the lake this site needs, or nothing (hosted mode, LAKE_URL). */
export function superviseLake(): SupervisedLake | undefined {
  const { backend, siteUrl } = config()
  if (backend.mode !== 'local' || backend.lake.external) return undefined
  const lake = backend.lake
  const pidFile = join(dirname(lake.databaseFile), 'lake.pid')
  mkdirSync(dirname(lake.databaseFile), { recursive: true })

  let child: ChildProcess | undefined
  let restartTimer: NodeJS.Timeout | undefined
  let stopping = false
  let crashes = 0
  let markReady: () => void = () => {}
  let failStart: (error: Error) => void = () => {}
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve
    failStart = reject
  })
  let started = false

  const start = () => {
    const startedAt = Date.now()
    const env = childEnvironment(lakeEnvironment(lake, siteUrl))
    const proc = fork(LAKE_BIN, ['serve'], { env, execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
    child = proc
    prefixLines(proc.stdout!, process.stdout)
    prefixLines(proc.stderr!, process.stderr)
    const giveUpAfter = (ms: number) =>
      setTimeout(() => {
        if (!started) failStart(new Error(`the lake did not get ready within ${ms / 1000} s`))
      }, ms)
    let timer = giveUpAfter(READY_TIMEOUT_MS)
    proc.on('message', (message: { type?: string }) => {
      if (message?.type === 'maintenance' && !started) {
        clearTimeout(timer)
        timer = giveUpAfter(MAINTENANCE_TIMEOUT_MS)
      }
      if (message?.type !== 'ready') return
      clearTimeout(timer)
      writeFileSync(pidFile, `${proc.pid}\n`)
      started = true
      markReady()
    })
    proc.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (child === proc) child = undefined
      if (stopping) return
      if (!started) return failStart(new Error(`the lake exited before it was ready (${signal ?? `code ${code}`}); its log is above`))
      crashes = Date.now() - startedAt > HEALTHY_AFTER_MS ? 0 : crashes + 1
      const delay = RESTART_DELAYS_MS[Math.min(crashes, RESTART_DELAYS_MS.length - 1)]!
      console.error(`[lake] stopped (${signal ?? `code ${code}`}); restarting in ${delay} ms`)
      // Not unref'd: in `npm run lake` the lake is all this process waits for.
      restartTimer = setTimeout(start, delay)
    })
  }
  start()

  return {
    ready,
    pid: () => child?.pid,
    async stop() {
      stopping = true
      clearTimeout(restartTimer)
      rmSync(pidFile, { force: true })
      const proc = child
      if (!proc || proc.exitCode !== null) return
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
      proc.kill('SIGCONT')
      proc.kill('SIGTERM')
      const forced = setTimeout(() => proc.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(forced)
    },
  }
}

/**
 * The lake this site needs, started and ready, or undefined when there is none to start. A lake that
 * cannot start ends this process (its log says why): a site without its content must not serve.
 */
export async function startSupervisedLake(): Promise<SupervisedLake | undefined> {
  const lake = superviseLake()
  try {
    await lake?.ready
    return lake
  } catch (error) {
    console.error(`[lake] ${(error as Error).message}`)
    await lake?.stop()
    process.exit(1)
  }
}

/** Copies a child's output line by line, `[lake] ` in front of lines that do not say it already. */
function prefixLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream) {
  createInterface({ input }).on('line', (line) => output.write(line.startsWith('[lake]') ? `${line}\n` : `[lake] ${line}\n`))
}
