/**
 * `npm run bench [-- --datasets=1000,100000 --seed=42 --no-build --skip=lighthouse,search,lake,load,lake-process,search-lake,cluster]`
 *
 * The whole benchmark, end to end: one production build, then per dataset the production server
 * (server/main.ts) cached and uncached (BASPA_BENCH_UNCACHED=1: no HTML cache, no Next caches, every
 * request renders and queries), the static node:http baseline with the same bytes, and on the largest
 * dataset the server's memory, the client JavaScript per page type, Lighthouse and 60 s of load. Then
 * the search bench (scripts/bench/search.ts) and the lake bench (scripts/bench/lake.ts) when present,
 * the lake as its own process (./lake-process.ts), search built from it (./search-lake.ts), and a
 * stall probe (a cheap request every 50 ms) while each server runs.
 * Figures, not pass/fail: each target is printed as met or missed. Writes bench-results/ (git-ignored).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { cpus, loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js'
import { SITE_NODE_ARGS } from '../../server/node-args'
import { defaultSyntheticDb, syntheticLake } from '../synthetic/generate'
import { prepareSearchIndex, searchIndexDir } from '../synthetic/search-index'
import { baselineRatio } from './baseline'
import { runClusterBench, type ClusterReport } from './cluster'
import { formatLoad, loadProblems, runLoad, type LoadResult } from './load'

type Env = Record<string, string | undefined>
const ROOT = resolve(import.meta.dirname, '../..')
const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [k, v] = arg.replace(/^--/, '').split('=')
    return [k!, v ?? 'true']
  }),
)
const SEED = Number(args.seed ?? 42)
const SKIP = new Set((args.skip ?? '').split(',').filter(Boolean))
const PORT = Number(args.port ?? 3150)
const BASELINE_PORT = PORT + 1
const CACHED = { connections: 10, seconds: Number(args.seconds ?? 5) }
// One connection: p50 is the time of one render, not a queue of renders on two cores.
const UNCACHED = { connections: 1, seconds: Number(args.seconds ?? 5) }
const OUT = join(ROOT, 'bench-results')
const DATA = join(ROOT, '.data/bench')
const started = Date.now()

const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`)
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const LIGHTHOUSE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules/lighthouse/package.json'), 'utf8')) as { version: string }).version
const packageScripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts

// ---------- datasets ----------

interface Dataset {
  name: string
  articles: number | 'demo'
  db: string
}

function datasets(): Dataset[] {
  const wanted = (args.datasets ?? '1000,100000').split(',')
  if (!packageScripts['lake:synthetic']) {
    log('npm run lake:synthetic is not available (branch lake not merged): the demo dataset only')
    return [{ name: 'demo', articles: 'demo', db: join(DATA, 'demo/lake.sqlite') }]
  }
  return wanted.map((n) =>
    n === 'demo'
      ? { name: 'demo', articles: 'demo' as const, db: join(DATA, 'demo/lake.sqlite') }
      : // The same place as the lake bench's (scripts/synthetic/generate.ts), so each size is generated once.
        { name: `${Number(n).toLocaleString('en')} articles`, articles: Number(n), db: defaultSyntheticDb(Number(n), SEED) },
  )
}

async function prepare(dataset: Dataset) {
  if (dataset.articles === 'demo') {
    // Seeded from data/demo by the server's first start.
    rmSync(resolve(dataset.db, '..'), { recursive: true, force: true })
    mkdirSync(resolve(dataset.db, '..'), { recursive: true })
    return
  }
  log(`${dataset.name}: lake (npm run lake:synthetic's generator, cached in .data/synthetic/)`)
  const lake = syntheticLake({ articles: dataset.articles, seed: SEED })
  log(`  ${lake.cached ? 'reused' : `generated in ${(lake.ms / 1000).toFixed(0)} s`}: ${lake.db}`)
  // What the server would otherwise build on its first search (minutes at 100 000), kept beside the lake.
  const search = await prepareSearchIndex(lake.db, log)
  log(`  search index ${search.cached ? 'reused' : `built in ${(search.ms / 1000).toFixed(0)} s`}: ${search.articles} articles in ${searchIndexDir(lake.db)}`)
}

function run(command: string, commandArgs: string[], env: Env = {}) {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } })
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed (${result.status})`)
}

// ---------- servers ----------

const EVENT_LOOP_FILE = join(DATA, 'event-loop.json')

// The lake the server starts reads on its own port (no HTTPS listener: no Studio here).
const serverEnv = (db: string): Env => ({
  ...(args.dist ? { BASPA_DIST_DIR: args.dist } : {}),
  NEXT_TELEMETRY_DISABLED: '1',
  LAKE_DB_PATH: db,
  LAKE_API_PORT: 'off',
  LAKE_HTTP_PORT: String(PORT + 2),
  SITE_URL: `http://localhost:${PORT}`,
  BASPA_BENCH_EVENT_LOOP: EVENT_LOOP_FILE,
})

interface Server {
  process: ChildProcess
  origin: string
  db: string
}

/** Servers started and not yet stopped: a bench that fails must not leave them holding the port. */
const running = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM')
})

async function startServer(db: string, uncached: boolean): Promise<Server> {
  // Next's data cache outlives builds (.next/cache): answers read from another dataset must not be served.
  rmSync(join(ROOT, args.dist ?? '.next', 'cache/fetch-cache'), { recursive: true, force: true })
  const child = spawn(process.execPath, [...SITE_NODE_ARGS, '-p', String(PORT)], {
    cwd: ROOT,
    env: { ...process.env, ...serverEnv(db), ...(uncached ? { BASPA_BENCH_UNCACHED: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const origin = `http://localhost:${PORT}`
  // Ready when the lake answers: an unknown article is the site's own 404 (the build's prerendered
  // pages answer 200 earlier, and reads time out with 503 while the snapshot of 100 000 articles loads).
  // A new address each time: Next's data cache in .next keeps the answer for one it has seen.
  const probe = `/news/bench-readiness-${Date.now().toString(36)}`
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`)
    try {
      const response = await fetch(`${origin}${probe}`)
      await response.arrayBuffer()
      if (response.status === 404) return { process: child, origin, db }
    } catch {
      // not listening yet
    }
    await sleep(500)
  }
  throw new Error(`the lake did not answer through the server in 5 minutes:\n${output}`)
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return
  const exited = new Promise((done) => child.once('exit', done))
  child.kill('SIGTERM')
  await Promise.race([exited, sleep(5_000)])
  if (child.exitCode === null) child.kill('SIGKILL')
}

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) }
}

/** The site's and its lake's memory, apart: the lake is the server's child (its pid file is beside the database). */
const memoryOf = (server: Server) => ({ site: rssMb(server.process.pid!), lake: rssMb(Number(readFileSync(join(dirname(server.db), 'lake.pid'), 'utf8'))) })

interface EventLoopDelay {
  maxMs: number
  p99Ms: number
  meanMs: number
}

/** The site process's event-loop delay since the last call (server/main.ts writes it on SIGUSR2). */
async function eventLoopDelay(server: Server): Promise<EventLoopDelay> {
  mkdirSync(DATA, { recursive: true })
  rmSync(EVENT_LOOP_FILE, { force: true })
  server.process.kill('SIGUSR2')
  for (let i = 0; i < 250 && !existsSync(EVENT_LOOP_FILE); i++) await sleep(20)
  if (!existsSync(EVENT_LOOP_FILE)) throw new Error(`the server wrote no event-loop figures to ${EVENT_LOOP_FILE} on SIGUSR2`)
  return JSON.parse(readFileSync(EVENT_LOOP_FILE, 'utf8')) as EventLoopDelay
}
const formatDelay = (d: EventLoopDelay) => `max ${d.maxMs} ms, p99 ${d.p99Ms} ms, mean ${d.meanMs} ms`

/**
 * A reader's cheap request every 50 ms for as long as a server runs: the longest it waited is the
 * longest any request was held up (a render, a search build, a sitemap) by the site's process.
 */
function stallProbe(origin: string, server: string) {
  let stopped = false
  let maxMs = 0
  let maxAt = 0
  let probes = 0
  const loop = (async () => {
    while (!stopped) {
      const t = performance.now()
      try {
        await (await fetch(`${origin}/robots.txt`)).arrayBuffer()
      } catch {
        // the server stopping
      }
      if (!stopped) {
        const waited = performance.now() - t
        if (waited > maxMs) [maxMs, maxAt] = [waited, Date.now() - waited]
        probes++
      }
      await sleep(50)
    }
  })()
  return {
    async stop() {
      stopped = true
      await loop
      log(
        `  stall probe (${server}): ${probes} requests of /robots.txt every 50 ms, longest ${maxMs.toFixed(0)} ms (sent at ${((maxAt - started) / 1000).toFixed(1)} s, the bench's clock)`,
      )
      return { server, probes, maxMs: Math.round(maxMs) }
    },
  }
}

// ---------- pages ----------

interface Pages {
  home: string
  article: string
  topic: string
  topic40: string | null
  person: string | null
  country: string | null
  people: string
  countries: string
  search: string
  sitemap: string
  news: string
  rss: string
}

async function text(origin: string, path: string) {
  const response = await fetch(`${origin}${path}`)
  return { status: response.status, body: await response.text(), headers: response.headers }
}

/** Real addresses of this dataset, found by reading the site like a reader would. */
async function discover(origin: string): Promise<Pages> {
  const home = (await text(origin, '/')).body
  const article = /href="(\/news\/[^"#?]+)"/.exec(home)?.[1]
  if (!article) throw new Error('no article link on the home page')
  const articleHtml = (await text(origin, article)).body
  const person = /href="(\/people\/[^"#?/]+)"/.exec(articleHtml)?.[1] ?? /href="(\/people\/[^"#?/]+)"/.exec(home)?.[1] ?? null
  const topicsHtml = (await text(origin, '/topics')).body
  const topics = [...new Set([...topicsHtml.matchAll(/href="(\/topics\/[^"#?/]+)"/g)].map((m) => m[1]!))]
  // Page 40 exists only in a topic of at least 781 articles: take the first one that has it.
  let topic40: string | null = null
  for (const topic of topics) {
    if ((await regenerated(origin, `${topic}/page/40`)).status === 200) {
      topic40 = `${topic}/page/40`
      break
    }
  }
  const topic = topic40 ? topic40.replace(/\/page\/40$/, '') : topics[0]
  if (!topic) throw new Error('no topic on /topics')
  const country = /href="(\/countries\/[^"#?/]+)"/.exec((await text(origin, '/countries')).body)?.[1] ?? null
  return {
    home: '/',
    article,
    topic,
    topic40,
    person,
    country,
    people: '/people',
    countries: '/countries',
    search: `/search?q=${encodeURIComponent('Казахстан')}`,
    // The last full article sitemap is the costliest to cut (its slice is at the archive's end).
    sitemap: lastFullArticleSitemap((await regenerated(origin, '/sitemap.xml')).body),
    news: '/news-sitemap.xml',
    rss: '/rss.xml',
  }
}

/**
 * An ISR route's answer once it is this dataset's: the build prerendered it from the demo dataset,
 * or an earlier dataset's server left it in `.next` (a page 40 that was a 404), and the first request
 * only starts the re-render. Polled until two answers agree and neither Next nor the HTML cache says
 * it is stale (up to 20 s).
 */
async function regenerated(origin: string, path: string) {
  let previous = await text(origin, path)
  for (let attempt = 0; attempt < 40; attempt++) {
    await sleep(500)
    const next = await text(origin, path)
    if (next.status === previous.status && next.body === previous.body && next.headers.get('x-nextjs-cache') !== 'STALE') return next
    previous = next
  }
  return previous
}

/** The path of the index's second-to-last article sitemap (the last may hold a few articles), or of the only one. */
function lastFullArticleSitemap(index: string): string {
  const chunks = [...index.matchAll(/<loc>[^<]*(\/sitemaps\/articles-\d+\.xml)<\/loc>/g)].map((match) => match[1]!)
  return chunks.at(-2) ?? chunks[0] ?? '/sitemaps/articles-1.xml'
}

/** ISR: a page prerendered by the build from another dataset is stale; its first request starts the re-render. */
async function warm(origin: string, paths: string[]) {
  for (const path of paths) await text(origin, path)
  await sleep(1_500)
  for (const path of paths) for (let i = 0; i < 3; i++) await text(origin, path)
}

type PageKey = keyof Pages
const PAGE_KEYS: PageKey[] = ['home', 'article', 'topic', 'topic40', 'person', 'country', 'people', 'countries', 'search', 'sitemap', 'news', 'rss']

async function measurePages(origin: string, pages: Pages, shape: { connections: number; seconds: number }) {
  const results: Partial<Record<PageKey, LoadResult | null>> = {}
  for (const key of PAGE_KEYS) {
    const path = pages[key]
    if (!path) {
      results[key] = null
      continue
    }
    const result = await runLoad({ origin, paths: [path], connections: shape.connections, durationSeconds: shape.seconds })
    log(`  ${key.padEnd(8)} ${path.slice(0, 60).padEnd(60)} ${formatLoad(result)}`)
    results[key] = result
  }
  return results
}

// ---------- client JavaScript ----------

interface ClientWeight {
  scripts: number
  frameworkGzip: number
  ownGzip: number
  own: string[]
  legacyGzip: number
}

/**
 * Who each client chunk belongs to, from the build's client reference manifests: every client module
 * lists the chunks it needs, its own code in the last one (the others are what it shares). A chunk
 * is ours when a module of this project (not node_modules) ends its list with it.
 */
function ownChunks(): Set<string> {
  const own = new Set<string>()
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('_client-reference-manifest.js') ? [join(dir, e.name)] : [],
    )
  for (const file of walk(join(ROOT, args.dist ?? '.next', 'server/app'))) {
    // The manifest assigns globalThis.__RSC_MANIFEST (older builds: self.__RSC_MANIFEST).
    const sandbox: Record<string, unknown> & { self: Record<string, unknown> } = { self: {} }
    runInNewContext(readFileSync(file, 'utf8'), sandbox)
    const manifests = (sandbox.__RSC_MANIFEST ?? sandbox.self.__RSC_MANIFEST ?? {}) as Record<string, { clientModules: Record<string, { chunks: string[] }> }>
    for (const manifest of Object.values(manifests)) {
      for (const [id, { chunks }] of Object.entries(manifest.clientModules)) {
        const last = chunks.at(-1)
        if (last && !id.includes('/node_modules/')) own.add(last.startsWith('/') ? last : `/_next/${last}`)
      }
    }
  }
  return own
}

/**
 * The `<script src>` of the served page, fetched and gzipped, split into our own code (ownChunks)
 * and the framework runtime with libraries (React, the router, next/link, next/image, next-sanity).
 */
async function clientWeight(origin: string, path: string, own: Set<string>): Promise<ClientWeight> {
  const html = (await text(origin, path)).body
  const tags = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)].map((m) => ({
    src: m[2]!.replace(/&amp;/g, '&'),
    legacy: /\snomodule\b/i.test(`${m[1]} ${m[3]}`),
  }))
  const sources = [...new Map(tags.map((tag) => [tag.src, tag])).values()]
  const weight: ClientWeight = { scripts: sources.filter((tag) => !tag.legacy).length, frameworkGzip: 0, ownGzip: 0, own: [], legacyGzip: 0 }
  for (const { src, legacy } of sources) {
    const bytes = gzipSync(Buffer.from(await (await fetch(new URL(src, origin))).arrayBuffer())).length
    const file = src.split('?')[0]!
    // `nomodule`: the polyfills only browsers without ES modules load; no browser the site supports runs them.
    if (legacy) weight.legacyGzip += bytes
    else if (!own.has(file)) weight.frameworkGzip += bytes
    else {
      weight.ownGzip += bytes
      weight.own.push(`${file.split('/').pop()} ${(bytes / 1024).toFixed(1)} kB`)
    }
  }
  return weight
}

// ---------- Lighthouse ----------

interface LighthouseResult {
  performance: number
  accessibility: number
  bestPractices: number
  seo: number
  lcpMs: number
  /** The performance score of every run, in order; the other figures are the median run's. */
  performanceRuns: number[]
}

/**
 * Runs per page. Headless chromium here sometimes holds the first paint for a second or two with
 * the page parsed and idle (docs/performance.md, "Reading the figures"). Lighthouse multiplies the
 * observed speed index by 1.4 in its estimate, so one held paint costs a point or two; its
 * documentation's answer to such variance is several runs and the median one (`computeMedianRun`,
 * the run nearest the median first paint and time to interactive), which is what the bench reports.
 */
const LIGHTHOUSE_RUNS = 3

type LighthouseReport = Parameters<typeof computeMedianRun>[0][number]

function lighthouseRun(url: string, output: string): LighthouseReport {
  run(
    process.execPath,
    [
      join(ROOT, 'node_modules/lighthouse/cli/index.js'),
      url,
      '--quiet',
      '--output=json',
      `--output-path=${output}`,
      '--only-categories=performance,accessibility,best-practices,seo',
      // Headless Debian chromium, and nothing but localhost: every other host fails to resolve.
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost"',
    ],
    { CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  )
  return JSON.parse(readFileSync(output, 'utf8')) as LighthouseReport
}

function lighthouse(url: string, name: string): LighthouseResult {
  const runs = Array.from({ length: LIGHTHOUSE_RUNS }, (_, i) => lighthouseRun(url, join(OUT, `lighthouse-${name}-${i + 1}.json`)))
  const median = computeMedianRun(runs)
  writeFileSync(join(OUT, `lighthouse-${name}.json`), JSON.stringify(median))
  const score = (report: LighthouseReport, id: string) => Math.round((report.categories[id]?.score ?? 0) * 100)
  return {
    performance: score(median, 'performance'),
    accessibility: score(median, 'accessibility'),
    bestPractices: score(median, 'best-practices'),
    seo: score(median, 'seo'),
    lcpMs: Math.round(median.audits['largest-contentful-paint']?.numericValue ?? 0),
    performanceRuns: runs.map((report) => score(report, 'performance')),
  }
}

// ---------- the run ----------

interface DatasetReport {
  dataset: string
  pages: Pages
  cached: Partial<Record<PageKey, LoadResult | null>>
  uncached: Partial<Record<PageKey, LoadResult | null>>
  baseline: LoadResult
  baselineRounds: string[]
  cachedArticleVsBaseline: number
  memory?: { site: { rss: number; peak: number }; lake: { rss: number; peak: number } }
  /** The site process's event-loop delay during the cached pages' load and during the 60-s load. */
  eventLoop?: { cachedPages: EventLoopDelay; load?: EventLoopDelay }
}

const report: {
  startedAt: string
  machine: { cpus: number; loadBefore: number[]; loadAfter?: number[] }
  datasets: DatasetReport[]
  clientJs?: Record<string, ClientWeight>
  lighthouse?: Record<string, LighthouseResult>
  load?: LoadResult & { problems: string[] }
  search?: unknown
  lakeProcess?: import('./lake-process').LakeProcessReport
  searchLake?: import('./search-lake').SearchLakeReport
  /** The worst wait of a cached page requested every 50 ms while each server ran, by dataset and server. */
  stalls: { server: string; probes: number; maxMs: number }[]
  lake?: LakeSummary
  cluster?: ClusterReport
  targets: { target: string; value: string; verdict: string }[]
  minutes?: number
} = {
  startedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, loadBefore: loadavg().map((l) => Number(l.toFixed(2))) },
  datasets: [],
  targets: [],
  stalls: [],
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  const sets = datasets()
  for (const dataset of sets) await prepare(dataset)
  if (args['no-build'] !== 'true') {
    log(`building (npm run build: next build with its lake) on ${sets[0]!.name}`)
    run('npm', ['run', 'build'], serverEnv(sets[0]!.db))
  }
  const largest = sets.at(-1)!
  for (const dataset of sets) {
    log(`${dataset.name}: cached server`)
    let server = await startServer(dataset.db, false)
    let probe = stallProbe(server.origin, `${dataset.name}, cached server`)
    const pages = await discover(server.origin)
    const paths = PAGE_KEYS.map((key) => pages[key]).filter((path): path is string => Boolean(path))
    await warm(server.origin, paths)
    await eventLoopDelay(server)
    const cached = await measurePages(server.origin, pages, CACHED)
    const cachedDelay = await eventLoopDelay(server)
    log(`  site event-loop delay during the cached pages: ${formatDelay(cachedDelay)}`)
    const turns = await baselineRatio(server.origin, pages.article, { port: BASELINE_PORT, connections: CACHED.connections, dataDir: DATA })
    const ratio = turns.ratio
    log(`  static baseline (same bytes as the article): ${formatLoad(turns.baseline)}`)
    log(`  cached article ÷ baseline = ${(ratio * 100).toFixed(1)} % (medians of 3 alternating rounds, site/baseline req/s: ${turns.rounds.join(', ')})`)
    const entry: DatasetReport = {
      dataset: dataset.name,
      pages,
      cached,
      uncached: {},
      baseline: turns.baseline,
      baselineRounds: turns.rounds,
      cachedArticleVsBaseline: ratio,
      eventLoop: { cachedPages: cachedDelay },
    }
    if (dataset === largest) {
      await text(server.origin, `/search?q=${encodeURIComponent('переговоры')}`)
      entry.memory = memoryOf(server)
      log(
        `  memory after a search: site RSS ${entry.memory.site.rss} MB (peak ${entry.memory.site.peak} MB), lake RSS ${entry.memory.lake.rss} MB (peak ${entry.memory.lake.peak} MB)`,
      )
      report.clientJs = {}
      const own = ownChunks()
      for (const key of ['home', 'article', 'topic', 'person', 'search'] as const) {
        const path = pages[key]
        if (!path) continue
        const weight = await clientWeight(server.origin, path, own)
        report.clientJs[key] = weight
        log(
          `  client JS ${key.padEnd(8)} framework ${(weight.frameworkGzip / 1024).toFixed(1)} kB gzip, own ${(weight.ownGzip / 1024).toFixed(1)} kB gzip (${weight.scripts} scripts${weight.own.length ? `; own: ${weight.own.join(', ')}` : ''}); legacy nomodule polyfills ${(weight.legacyGzip / 1024).toFixed(1)} kB, not loaded by modern browsers`,
        )
      }
      if (!SKIP.has('lighthouse')) {
        report.lighthouse = {}
        for (const key of ['home', 'article', 'topic'] as const) {
          const result = lighthouse(`${server.origin}${pages[key]}`, key)
          report.lighthouse[key] = result
          log(
            `  Lighthouse ${key.padEnd(8)} performance ${result.performance} (runs: ${result.performanceRuns.join(', ')}), accessibility ${result.accessibility}, best practices ${result.bestPractices}, SEO ${result.seo}, LCP ${result.lcpMs} ms`,
          )
        }
      }
      if (!SKIP.has('load')) {
        log('  load: 60 s, 100 connections, article and topic page in turn')
        await eventLoopDelay(server)
        const result = await runLoad({ origin: server.origin, paths: [pages.article, pages.topic], connections: 100, durationSeconds: 60 })
        report.load = { ...result, problems: loadProblems(result) }
        entry.eventLoop!.load = await eventLoopDelay(server)
        log(`  load: ${formatLoad(result)}; site event-loop delay ${formatDelay(entry.eventLoop!.load)}`)
      }
    }
    report.stalls.push(await probe.stop())
    await stopServer(server.process)
    log(`${dataset.name}: uncached server (BASPA_BENCH_UNCACHED=1)`)
    server = await startServer(dataset.db, true)
    probe = stallProbe(server.origin, `${dataset.name}, uncached server`)
    for (const path of paths) await text(server.origin, path)
    // Proof that the switch took: Next would say HIT for a page served from its cache.
    const again = (await text(server.origin, pages.article)).headers
    log(`  uncached check: x-nextjs-cache ${again.get('x-nextjs-cache') ?? '(none)'}, x-baspa-cache ${again.get('x-baspa-cache') ?? '(none)'}`)
    if (again.get('x-nextjs-cache') === 'HIT' || again.get('x-baspa-cache') === 'hit') throw new Error('BASPA_BENCH_UNCACHED did not turn the caches off')
    entry.uncached = await measurePages(server.origin, pages, UNCACHED)
    report.stalls.push(await probe.stop())
    await stopServer(server.process)
    report.datasets.push(entry)
  }
  if (!SKIP.has('cluster')) {
    log('cluster: Redis, the lake, two instances and Varnish (scripts/bench/cluster.ts)')
    report.cluster = await runClusterBench(PORT + 10, log).catch((error: unknown) => void log(`cluster bench failed: ${(error as Error).message}`))
  }
  if (!SKIP.has('search')) {
    log('search bench (scripts/bench/search.ts)')
    try {
      run('npx', ['tsx', 'scripts/bench/search.ts', '--runs=10'])
      // search.ts writes .bench/search-<articles>-seed<seed>.json (10 000 articles, seed 42 by default).
      report.search = JSON.parse(readFileSync(join(ROOT, '.bench/search-10000-seed42.json'), 'utf8'))
    } catch (error) {
      // The page figures are worth their report without it.
      log(`search bench failed: ${(error as Error).message}`)
    }
  }
  if (!SKIP.has('lake')) report.lake = await lakeBench(largest).catch((error: unknown) => void log(`lake bench failed: ${(error as Error).message}`))
  if (!SKIP.has('lake-process') && largest.articles !== 'demo') {
    const { runLakeProcessBench } = await import('./lake-process')
    log(`the lake as its own process at ${largest.name} (scripts/bench/lake-process.ts)`)
    report.lakeProcess = await runLakeProcessBench({ articles: largest.articles, seed: SEED, port: PORT + 20, runs: 30, budgetMs: 1_500, log }).catch(
      (error: unknown) => void log(`lake process bench failed: ${(error as Error).message}`),
    )
  }
  if (!SKIP.has('search-lake') && largest.articles !== 'demo') {
    const { runSearchLakeBench } = await import('./search-lake')
    log(`search built from the lake at ${largest.name} (scripts/bench/search-lake.ts)`)
    report.searchLake = await runSearchLakeBench({ articles: largest.articles, port: PORT + 21, log }).catch(
      (error: unknown) => void log(`search-lake bench failed: ${(error as Error).message}`),
    )
  }
  report.machine.loadAfter = loadavg().map((l) => Number(l.toFixed(2)))
  report.minutes = Number(((Date.now() - started) / 60_000).toFixed(1))
  targets(largest)
  write()
}

/**
 * The lake bench (scripts/bench/lake.ts) at 10 000 articles and on the largest dataset. Full scans
 * stop at FULL_SCAN_LIMIT_MS: a slower one gives a lower bound of its speed-up.
 */
const FULL_SCAN_LIMIT_MS = 4_000
async function lakeBench(dataset: Dataset): Promise<LakeSummary | undefined> {
  if (dataset.articles === 'demo') {
    log('lake bench: skipped (the demo dataset only)')
    return undefined
  }
  const { runLakeBench } = await import('./lake')
  const sizes = dataset.articles > 10_000 ? [10_000, dataset.articles] : [dataset.articles]
  log(`lake bench at ${sizes.map((n) => n.toLocaleString('en')).join(' and ')} articles (full scans stopped at ${FULL_SCAN_LIMIT_MS / 1000} s)`)
  const result = await runLakeBench({ sizes, seed: SEED, fullScanLimitMs: FULL_SCAN_LIMIT_MS, indexedBudgetMs: 1_000, log: (line) => console.log(line) })
  const size = result.sizes.at(-1)!
  const speedups = size.queries.map((q) => ({ value: q.speedup ?? 0, lowerBound: Boolean(q.full?.stopped) }))
  const worst = speedups.reduce((a, b) => (b.value < a.value ? b : a))
  return {
    articles: size.articles,
    queries: size.queries.length,
    lowerBounds: speedups.filter((s) => s.lowerBound).length,
    minSpeedup: worst.value,
    minIsLowerBound: worst.lowerBound,
    medianSpeedup: median(speedups.map((s) => s.value)),
    markdown: result.markdown,
  }
}

interface LakeSummary {
  articles: number
  queries: number
  lowerBounds: number
  minSpeedup: number
  minIsLowerBound: boolean
  medianSpeedup: number
  markdown: string
}

const verdict = (ok: boolean, missedBy: string) => (ok ? 'met' : `missed by ${missedBy}`)

function targets(largest: Dataset) {
  const last = report.datasets.at(-1)!
  const at = `at ${largest.name}`
  const add = (target: string, value: string, ok: boolean, missedBy: string) => report.targets.push({ target, value, verdict: verdict(ok, missedBy) })
  for (const entry of report.datasets) {
    add(
      `cached article ≥ 50 % of the static baseline (${entry.dataset})`,
      `${(entry.cachedArticleVsBaseline * 100).toFixed(1)} %`,
      entry.cachedArticleVsBaseline >= 0.5,
      `${((0.5 - entry.cachedArticleVsBaseline) * 100).toFixed(1)} points`,
    )
  }
  // No completed request means every render outlasted the run: missed, not a p50 of 0.
  const uncachedArticle = last.uncached.article
  const p50 = uncachedArticle && uncachedArticle.requests > 0 ? uncachedArticle.latencyP50Ms : Infinity
  add(
    `uncached article render p50 ≤ 20 ms (${at})`,
    Number.isFinite(p50) ? `${p50} ms` : `no render completed in ${UNCACHED.seconds} s`,
    p50 <= 20,
    Number.isFinite(p50) ? `${(p50 - 20).toFixed(1)} ms` : `more than ${UNCACHED.seconds * 1000 - 20} ms`,
  )
  const lake = report.lake
  if (lake) {
    const bound = lake.minIsLowerBound ? '≥ ' : ''
    add(
      `indexed lake ≥ 100× full scan (${lake.articles.toLocaleString('en')} articles, the slowest-gaining of ${lake.queries} queries; ${lake.lowerBounds} full scans stopped at ${FULL_SCAN_LIMIT_MS / 1000} s give lower bounds)`,
      `${bound}${lake.minSpeedup.toFixed(0)}× (median ≥ ${lake.medianSpeedup.toFixed(0)}×)`,
      lake.minSpeedup >= 100,
      `${(100 - lake.minSpeedup).toFixed(0)}× on its worst query${lake.minIsLowerBound ? ' (a lower bound: not shown)' : ''}`,
    )
  } else
    report.targets.push({
      target: 'indexed lake ≥ 100× full scan',
      value: 'not measured',
      verdict: 'not measured (scripts/bench/lake.ts not available or skipped)',
    })
  const proc = report.lakeProcess
  if (proc) {
    add(
      `lake cold start to the first answer ≤ 3 s (${at}, its own process)`,
      `${(proc.coldStartMs / 1000).toFixed(1)} s`,
      proc.coldStartMs <= 3_000,
      `${((proc.coldStartMs - 3_000) / 1000).toFixed(1)} s`,
    )
    add(
      `lake RSS ≤ 400 MB (${at}, after every site query)`,
      `${proc.rssAfterQueriesMB} MB (after start ${proc.rssAfterStartMB} MB, peak ${proc.peakRssMB} MB)`,
      proc.rssAfterQueriesMB <= 400,
      `${proc.rssAfterQueriesMB - 400} MB`,
    )
    for (const q of proc.queries)
      add(
        `${q.query}: p50 ≤ 10 ms, p99 ≤ 50 ms (through the lake's HTTP API)`,
        `p50 ${q.p50.toFixed(1)} ms, p99 ${q.p99.toFixed(1)} ms (${q.runs} runs)`,
        q.p50 <= 10 && q.p99 <= 50,
        [
          q.p50 > 10 ? `p50 ${(q.p50 / 10).toFixed(1)}× (${(q.p50 - 10).toFixed(0)} ms)` : '',
          q.p99 > 50 ? `p99 ${(q.p99 / 50).toFixed(1)}× (${(q.p99 - 50).toFixed(0)} ms)` : '',
        ]
          .filter(Boolean)
          .join(', '),
      )
  }
  for (const key of PAGE_KEYS) {
    const result = last.uncached[key]
    if (!result) continue
    const limit = key === 'article' ? 40 : 60
    const p50 = result.requests > 0 ? result.latencyP50Ms : Infinity
    add(
      `uncached ${key} p50 ≤ ${limit} ms (${at})`,
      Number.isFinite(p50) ? `${p50} ms` : 'no response',
      p50 <= limit,
      Number.isFinite(p50) ? `${(p50 / limit).toFixed(1)}× (${(p50 - limit).toFixed(0)} ms)` : 'all',
    )
  }
  const worstStall = report.stalls.reduce((worst, stall) => Math.max(worst, stall.maxMs), 0)
  if (report.stalls.length)
    add('no stall: a cheap request every 50 ms never waits more than 100 ms', `longest ${worstStall} ms`, worstStall <= 100, `${worstStall - 100} ms`)
  const searchLake = report.searchLake
  if (searchLake) {
    add(
      `search: first index build ≤ 2 min (${at}, from the lake)`,
      `${(searchLake.firstBuildMs / 1000).toFixed(0)} s`,
      searchLake.firstBuildMs <= 120_000,
      `${((searchLake.firstBuildMs - 120_000) / 1000).toFixed(0)} s`,
    )
    add(
      'search: first search after a restart ≤ 5 s',
      `${(searchLake.restartFirstSearchMs / 1000).toFixed(2)} s`,
      searchLake.restartFirstSearchMs <= 5_000,
      `${((searchLake.restartFirstSearchMs - 5_000) / 1000).toFixed(1)} s`,
    )
    add(
      'search: the build delays no request by more than 100 ms',
      `event-loop delay max ${searchLake.maxEventLoopDelayMs.toFixed(0)} ms`,
      searchLake.maxEventLoopDelayMs <= 100,
      `${(searchLake.maxEventLoopDelayMs - 100).toFixed(0)} ms`,
    )
    add(
      'search: following an edit, a publish or an unpublish delays no request by more than 100 ms',
      `event-loop delay max ${searchLake.maxSyncEventLoopDelayMs.toFixed(0)} ms (version ${searchLake.versionQueryMs.toFixed(0)} ms, changes ${searchLake.changesQueryMs.toFixed(0)} ms, manifest ${searchLake.manifestQueryMs.toFixed(0)} ms)`,
      searchLake.maxSyncEventLoopDelayMs <= 100,
      `${(searchLake.maxSyncEventLoopDelayMs - 100).toFixed(0)} ms`,
    )
  }
  const cluster = report.cluster
  if (cluster) {
    add(
      'cluster: 60 s × 200 connections through Varnish while publishing, 0 errors, 0 non-2xx',
      cluster.load.problems.join(', ') || '0 errors',
      cluster.load.problems.length === 0,
      cluster.load.problems.join(', '),
    )
    add(
      'cluster: a publish visible through Varnish within 1 s (p99)',
      `${cluster.publishToVisibleMs.p99} ms`,
      cluster.publishToVisibleMs.p99 <= 1_000,
      `${cluster.publishToVisibleMs.p99 - 1_000} ms`,
    )
  }
  for (const [page, weight] of Object.entries(report.clientJs ?? {})) {
    const kb = weight.ownGzip / 1024
    add(`own client JS ≤ 5 kB gzip (${page})`, `${kb.toFixed(1)} kB`, kb <= 5, `${(kb - 5).toFixed(1)} kB`)
  }
  for (const [page, result] of Object.entries(report.lighthouse ?? {})) {
    const scores = [result.performance, result.accessibility, result.bestPractices, result.seo]
    add(
      `Lighthouse 100 in all four (${page})`,
      scores.join('/'),
      scores.every((s) => s === 100),
      `${scores.reduce((sum, s) => sum + (100 - s), 0)} points in total`,
    )
  }
  if (last.memory)
    add(
      `site RSS ≤ 300 MB (${at}, after a search)`,
      `${last.memory.site.rss} MB (lake ${last.memory.lake.rss} MB)`,
      last.memory.site.rss <= 300,
      `${last.memory.site.rss - 300} MB`,
    )
  if (report.load)
    add(
      'load: 60 s × 100 connections, 0 errors, 0 non-2xx',
      `${report.load.errors} errors, ${report.load.timeouts} timeouts, ${report.load.non2xx} non-2xx`,
      report.load.problems.length === 0,
      report.load.problems.join(', '),
    )
}

function write() {
  const row = (r: LoadResult | null | undefined) => (r ? `${r.reqPerSec} | ${r.latencyP50Ms} | ${r.latencyP99Ms} | ${r.errors} | ${r.non2xx}` : 'n/a | | | |')
  const lines = [
    `# npm run bench — ${report.startedAt}`,
    '',
    `${report.machine.cpus} CPUs, load average before ${report.machine.loadBefore.join(' ')}, after ${report.machine.loadAfter?.join(' ')}; ${report.minutes} minutes.`,
    `Cached: ${CACHED.connections} connections × ${CACHED.seconds} s (HTML cache on). Uncached: ${UNCACHED.connections} connection × ${UNCACHED.seconds} s (BASPA_BENCH_UNCACHED=1). req/s is the median of per-second counts.`,
    '',
  ]
  for (const entry of report.datasets) {
    lines.push(
      `## ${entry.dataset}`,
      '',
      '| page | path | cached req/s | p50 ms | p99 ms | errors | non-2xx | uncached req/s | p50 ms | p99 ms | errors | non-2xx |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    )
    for (const key of PAGE_KEYS) lines.push(`| ${key} | \`${entry.pages[key] ?? '—'}\` | ${row(entry.cached[key])} | ${row(entry.uncached[key])} |`)
    lines.push(
      '',
      `Static baseline (same bytes as the article from node:http): ${formatLoad(entry.baseline)}. **Cached article ÷ baseline: ${(entry.cachedArticleVsBaseline * 100).toFixed(1)} %** (medians of 3 alternating 3-s rounds, site/baseline req/s: ${entry.baselineRounds.join(', ')}).`,
    )
    if (entry.memory)
      lines.push(
        '',
        `Memory after a search: site RSS ${entry.memory.site.rss} MB (peak ${entry.memory.site.peak} MB), lake RSS ${entry.memory.lake.rss} MB (peak ${entry.memory.lake.peak} MB).`,
      )
    if (entry.eventLoop)
      lines.push(
        '',
        `Site event-loop delay: cached pages ${formatDelay(entry.eventLoop.cachedPages)}${entry.eventLoop.load ? `; 60-s load ${formatDelay(entry.eventLoop.load)}` : ''}.`,
      )
    lines.push('')
  }
  if (report.clientJs) {
    lines.push(
      '## Client JavaScript (gzip)',
      '',
      '| page | framework runtime | own code | scripts | nomodule polyfills (legacy browsers only) |',
      '| --- | --- | --- | --- | --- |',
    )
    for (const [page, w] of Object.entries(report.clientJs))
      lines.push(
        `| ${page} | ${(w.frameworkGzip / 1024).toFixed(1)} kB | ${(w.ownGzip / 1024).toFixed(1)} kB | ${w.scripts} | ${(w.legacyGzip / 1024).toFixed(1)} kB |`,
      )
    lines.push('')
  }
  if (report.lighthouse) {
    lines.push(
      `## Lighthouse ${LIGHTHOUSE_VERSION} (mobile, simulated throttling, headless chromium; the median of ${LIGHTHOUSE_RUNS} runs)`,
      '',
      '| page | performance | accessibility | best practices | SEO | LCP | performance of each run |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    )
    for (const [page, r] of Object.entries(report.lighthouse))
      lines.push(`| ${page} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${r.lcpMs} ms | ${r.performanceRuns.join(', ')} |`)
    lines.push('')
  }
  if (report.load) lines.push('## Load (60 s, 100 connections, article and topic in turn)', '', formatLoad(report.load), '')
  if (report.cluster) {
    const c = report.cluster
    lines.push(
      '## Cluster (Redis, two instances, Varnish; scripts/bench/cluster.ts)',
      '',
      '| cached article via | req/s | p50 ms | p99 ms | ÷ static baseline |',
      '| --- | --- | --- | --- | --- |',
      ...c.cached.map(
        (row) =>
          `| ${row.front} | ${row.result.reqPerSec} | ${row.result.latencyP50Ms} | ${row.result.latencyP99Ms} | ${(row.ratio * 100).toFixed(1)} % (${row.rounds.join(', ')}) |`,
      ),
      '',
      `60 s × 200 connections through Varnish while publishing every 5 s: ${formatLoad(c.load)}; ${c.publishes} publishes visible through Varnish after p50 ${c.publishToVisibleMs.p50} ms, p99 ${c.publishToVisibleMs.p99} ms (max ${c.publishToVisibleMs.max} ms).`,
      '',
    )
  }
  if (report.search) {
    // The per-query table is in the JSON; the markdown keeps the build, memory and overall figures.
    const summary = { ...(report.search as Record<string, unknown>), queries: undefined }
    lines.push('## Search (scripts/bench/search.ts, 10 000 synthetic articles)', '', '```json', JSON.stringify(summary, null, 1), '```', '')
  }
  if (report.lake) lines.push('## Lake (scripts/bench/lake.ts)', '', report.lake.markdown, '')
  lines.push(
    '## Targets',
    '',
    '| target | measured | verdict |',
    '| --- | --- | --- |',
    ...report.targets.map((t) => `| ${t.target} | ${t.value} | ${t.verdict} |`),
    '',
  )
  const markdown = lines.join('\n')
  const stamp = report.startedAt.replace(/[:.]/g, '-')
  writeFileSync(join(OUT, `bench-${stamp}.md`), markdown)
  writeFileSync(join(OUT, `bench-${stamp}.json`), JSON.stringify(report, null, 2))
  writeFileSync(join(OUT, 'latest.md'), markdown)
  console.log(`\n${report.targets.map((t) => `${t.verdict.startsWith('met') ? '✔' : '✘'} ${t.target}: ${t.value} — ${t.verdict}`).join('\n')}`)
  console.log(`\nreport: bench-results/bench-${stamp}.md (.json); ${report.minutes} minutes`)
}

await main()
