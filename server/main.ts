/**
 * The production server (`npm start`): Next's request handler behind the in-process HTML cache
 * (server/fast-path.ts). Same options as `next start` where they overlap: `-p/--port` (or PORT,
 * default 3000) and `-H/--hostname`. `next start` still works (`npm run start:next`), without the
 * fast path.
 *
 *   BASPA_HTML_CACHE=off        no fast path (every request goes to Next)
 *   BASPA_HTML_CACHE_TTL=10     seconds a page is kept, at most MAX_AGE_SECONDS (60)
 *   BASPA_HTML_CACHE_MB=64      memory bound of the kept pages
 *   BASPA_BENCH_UNCACHED=1      benchmarks only: no fast path and no Next caches (next.config.ts)
 *   BASPA_BENCH_EVENT_LOOP=FILE benchmarks only: on SIGUSR2, this process's event-loop delay since the
 *                               last SIGUSR2 (max, p99, mean in ms) is written to FILE as JSON
 *   SEARCH_INDEX_DIR=DIR        where the search index is kept across restarts (lib/search/storage.ts);
 *                               default: `search/` next to the local lake, `.data/search/<project>-<dataset>` hosted
 */
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import next from 'next'
import { withFastPath } from './fast-path'
import { HtmlCache, ttlFromEnv } from './html-cache'
import { startSupervisedLake } from './lake-supervisor'

function option(names: string[]): string | undefined {
  const args = process.argv.slice(2)
  for (const [i, arg] of args.entries()) {
    for (const name of names) {
      if (arg === name) return args[i + 1]
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1)
    }
  }
  return undefined
}

const port = Number(option(['-p', '--port']) ?? process.env.PORT ?? 3000)
const hostname = option(['-H', '--hostname'])
// A custom server is production only; Next reads NODE_ENV (typed read-only by @types/node's augmentation in Next).
Object.assign(process.env, { NODE_ENV: 'production' })
// proxy.ts reaches this server through these, as under `next start`.
process.env.PORT = String(port)
process.env.__NEXT_PRIVATE_ORIGIN = `http://${hostname && hostname !== '0.0.0.0' ? hostname : 'localhost'}:${port}`

process.env.SEARCH_INDEX_DIR ||= process.env.SANITY_PROJECT_ID
  ? join('.data/search', `${process.env.SANITY_PROJECT_ID}-${process.env.SANITY_DATASET || 'production'}`)
  : join(dirname(process.env.LAKE_DB_PATH || '.data/lake.sqlite'), 'search')

const fastPathOn = process.env.BASPA_HTML_CACHE !== 'off' && process.env.BASPA_BENCH_UNCACHED !== '1'

const lake = await startSupervisedLake()

const app = next({ dev: false, dir: process.cwd(), port, hostname: hostname ?? 'localhost' })
await app.prepare()
const handle = app.getRequestHandler()
const ttlMs = ttlFromEnv(process.env.BASPA_HTML_CACHE_TTL)
const cache = new HtmlCache({ maxBytes: Number(process.env.BASPA_HTML_CACHE_MB ?? 64) * 1024 * 1024, maxEntryBytes: 4 * 1024 * 1024 })
const server = createServer(fastPathOn ? withFastPath(handle, cache, ttlMs) : handle)
server.keepAliveTimeout = 65_000
server.listen(port, hostname, () => {
  console.log(
    `▲ Baspa on http://${hostname ?? 'localhost'}:${port} — HTML cache ${fastPathOn ? `on (TTL ${ttlMs / 1000} s)` : 'off'}${process.env.BASPA_BENCH_UNCACHED === '1' ? ', Next caches off (benchmark)' : ''}`,
  )
})

const eventLoopFile = process.env.BASPA_BENCH_EVENT_LOOP
if (eventLoopFile) {
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  process.on('SIGUSR2', () => {
    const ms = (ns: number) => Number((ns / 1e6).toFixed(1))
    writeFileSync(eventLoopFile, JSON.stringify({ maxMs: ms(delay.max), p99Ms: ms(delay.percentile(99)), meanMs: ms(delay.mean) }))
    delay.reset()
  })
}

const stop = () => {
  server.close()
  void Promise.allSettled([app.close(), lake?.stop()]).finally(() => process.exit(0))
  // A kept-alive connection must not hold the exit.
  setTimeout(() => process.exit(0), 2_000).unref()
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
