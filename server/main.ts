/**
 * The production server (`npm start`): Next's request handler, whose reader pages go out without its
 * client runtime (server/reader-html.ts), behind the in-process HTML cache
 * (server/fast-path.ts), and in local mode the lake as a child process it supervises
 * (server/lake-supervisor.ts), ready before the site serves. Same options as `next start` where
 * they overlap: `-p/--port` (or PORT, default 3000) and `-H/--hostname`. Its variables (HTML cache,
 * search index directory, benchmark switches) are in config/env.ts. `npm run build` bundles it into
 * build/server.mjs, which `npm start` runs (scripts/build-server.ts).
 */
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import next from 'next'
import { announceProductionServer, config } from '@/config/env'
import { withFastPath } from './fast-path'
import { HtmlCache } from './html-cache'
import { htmlPurgeBus } from './html-purge-bus'
import { startSupervisedLake } from './lake-supervisor'
import { SEARCH_WORKERS_BUNDLE_DIR } from './node-args'
import { withoutClientRuntime } from './reader-html'
import { asRequest, onStaleWriteRefused } from './render-start.mjs'

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

const { server: settings, bench, scaleOut } = config()
const port = Number(option(['-p', '--port']) ?? settings.port)
const hostname = option(['-H', '--hostname'])
announceProductionServer(port, hostname, resolve(SEARCH_WORKERS_BUNDLE_DIR))

const lake = await startSupervisedLake()

const app = next({ dev: false, dir: process.cwd(), port, hostname: hostname ?? 'localhost' })
await app.prepare()
const nextHandler = app.getRequestHandler()
const handle = withoutClientRuntime((req, res) => asRequest(() => nextHandler(req, res)))
const { enabled: fastPathOn, ttlMs, maxBytes } = settings.htmlCache
const cache = new HtmlCache({ maxBytes, maxEntryBytes: 4 * 1024 * 1024 })
// A render whose write Next's cache refused (it began before a tag expiry) may have answered other
// requests too (Next shares a page's render among them): none of those answers is kept.
onStaleWriteRefused(() => cache.refuseInFlight())
const purges = fastPathOn && scaleOut.redisUrl ? htmlPurgeBus(scaleOut.redisUrl, () => cache.purge()) : undefined
const server = createServer(fastPathOn ? withFastPath(handle, cache, ttlMs, () => purges?.publish()) : handle)
server.keepAliveTimeout = 65_000
server.listen(port, hostname, () => {
  console.log(
    `▲ Baspa on http://${hostname ?? 'localhost'}:${port} — HTML cache ${fastPathOn ? `on (TTL ${ttlMs / 1000} s)` : 'off'}${bench.uncached ? ', Next caches off (benchmark)' : ''}`,
  )
})

const eventLoopFile = bench.eventLoopFile
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
