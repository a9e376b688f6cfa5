/**
 * `npm run bench:search [-- --articles=10000 --seed=42 --runs=200]`
 *
 * Search latency over a synthetic newsroom. The articles are generated in-process, deterministically
 * from the seed, by the generators of `npm run lake:synthetic` (scripts/synthetic/text.ts): Markov chains (word bigrams) trained on the demo dataset's titles, leads and bodies,
 * so the text has the demo's vocabulary, word frequencies and sentence shapes; a Zipf-distributed
 * pool of invented proper names and numbers stands in for the long tail a real archive has. Prints
 * index build time and memory, the per-request cost unstable_cache would add if it held the corpus,
 * incremental update time, and p50/p99/mean per query (the whole `SearchIndex.search` call: match,
 * rank, filter, page, snippets). Figures, not a pass/fail test. Writes only `.bench/` (git-ignored).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { SearchIndex, type SearchRequest } from '@/search/search-index'
import { temporaryStorage } from '@/search/storage'
import { createSearchStore } from '@/search/store'
import type { LakeDocument } from '@baspa/lake'
import { SearchDocumentModel, type SearchDocument } from '@/sanity/models'
import { loadDemoDataset } from '../synthetic/demo'
import { Random } from '../synthetic/random'
import { SyntheticText } from '../synthetic/text'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]))
const ARTICLES = Number(args.articles ?? 10_000)
const SEED = Number(args.seed ?? 42)
const RUNS = Number(args.runs ?? 200)
const ROOT = resolve(import.meta.dirname, '../..')

// ---------- the synthetic text (shared with npm run lake:synthetic) ----------

const random = new Random(SEED)
const int = (min: number, max: number) => random.int(min, max)
const pick = <T>(items: readonly T[]): T => random.pick(items)
const demo = loadDemoDataset()
const text = new SyntheticText(random, demo)
const link = (doc: LakeDocument, name: 'title' | 'name') => ({
  _id: doc._id,
  title: (doc[name] as { ru: string }).ru,
  slug: (doc.slug as { current: string }).current,
})
const topics = demo.ofType('topic').map((doc) => link(doc, 'title'))
const countries = demo.ofType('country').map((doc) => link(doc, 'name'))
const kazakhstan = countries.find((c) => c.slug === 'kazakhstan')!

// ---------- the synthetic corpus ----------

const START = Date.parse('2023-01-01T00:00:00Z')
const SPAN = Date.parse('2026-11-28T00:00:00Z') - START

function article(i: number): SearchDocument {
  const paragraphs = Array.from({ length: int(4, 12) }, () => text.paragraph())
  const articleTopics = [...new Set(Array.from({ length: int(1, 3) }, () => pick(topics)))]
  const articleCountries = [...new Set([kazakhstan, ...Array.from({ length: int(0, 2) }, () => pick(countries))])]
  return {
    _id: `bench-${i}`,
    _rev: `rev-${i}`,
    language: 'ru',
    title: text.title(),
    slug: `bench-${i}`,
    lead: text.lead(),
    text: paragraphs.join('\n\n'),
    publishedAt: new Date(START + Math.floor(random.next() * SPAN)).toISOString(),
    updatedAt: undefined,
    image: undefined,
    topics: articleTopics,
    countries: articleCountries,
  }
}

// ---------- measuring ----------

const ms = (from: number) => performance.now() - from
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const fmt = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1))
function heap(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

const report: Record<string, unknown> = {
  articles: ARTICLES,
  seed: SEED,
  runs: RUNS,
  node: process.version,
  date: new Date().toISOString(),
  loadAverage: loadavg(),
}
console.log(`Search benchmark: ${ARTICLES} synthetic articles (seed ${SEED}), ${RUNS} runs per query, Node ${process.version}`)
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (figures scale with it)\n`,
)

const heapBefore = heap()
let started = performance.now()
const corpus = Array.from({ length: ARTICLES }, (_, i) => article(i))
const generateMs = ms(started)
const heapCorpus = heap() - heapBefore
const chars = corpus.reduce((sum, doc) => sum + doc.title.length + doc.lead.length + doc.text.length, 0)

// What caching the corpus itself in unstable_cache would cost per request: it stores JSON and parses it on every call.
started = performance.now()
let json: string | undefined = JSON.stringify(corpus)
const stringifyMs = ms(started)
const jsonBytes = Buffer.byteLength(json)
if (args.dump) writeFileSync(resolve(ROOT, '.bench/corpus.json'), json)
const parseTimes = Array.from({ length: 5 }, () => {
  const t = performance.now()
  JSON.parse(json!)
  return ms(t)
}).sort((a, b) => a - b)
// The site validates what it reads (sanity/content.ts) before indexing.
let parsed: unknown = JSON.parse(json)
json = undefined
started = performance.now()
SearchDocumentModel.array().parse(parsed)
const zodMs = ms(started)
parsed = undefined

// The build as the site does it (SearchIndex.build into a file: chunks, yielding to the event loop), cold: the stemming memo is empty.
const scratch = mkdtempSync(join(tmpdir(), 'baspa-bench-search-'))
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }))
heap()
const loop = monitorEventLoopDelay({ resolution: 5 })
loop.enable()
const cpu = process.cpuUsage()
started = performance.now()
const index = await SearchIndex.build(corpus, undefined, { path: join(scratch, 'index.sqlite') })
const buildMs = ms(started)
const fileBytes = ['', '-wal'].reduce((sum, suffix) => sum + (statSync(join(scratch, `index.sqlite${suffix}`), { throwIfNoEntry: false })?.size ?? 0), 0)
const buildCpuMs = process.cpuUsage(cpu).user / 1000
loop.disable()
const maxBlockMs = loop.max / 1e6
const heapIndex = heap() - heapBefore - heapCorpus
started = performance.now()
new SearchIndex(corpus, { path: join(scratch, 'again.sqlite') }).close()
const rebuildWarmMs = ms(started)
heap()

const taxonomy = [...topics, ...countries].map((t) => ({ _id: t._id, _rev: 'r' }))

console.log('corpus')
console.log(
  `  generated in ${fmt(generateMs)} ms: ${(chars / 1e6).toFixed(1)} M characters of text (${Math.round(chars / ARTICLES)} per article), ${mb(jsonBytes)} as JSON`,
)
console.log(`  in memory (the documents): ${mb(heapCorpus)}`)
console.log('index')
console.log(`  build (SearchIndex.build, chunks of 50): ${fmt(buildMs)} ms wall, ${fmt(buildCpuMs)} ms CPU; longest event-loop block ${fmt(maxBlockMs)} ms`)
console.log(`  build again (synchronous, stemming memo warm): ${fmt(rebuildWarmMs)} ms; zod validation of the corpus: ${fmt(zodMs)} ms`)
console.log(
  `  the index file (SQLite FTS5, text for snippets included): ${mb(fileBytes)} on disk; JS heap on top of the documents (stemming memo, caches): ${mb(heapIndex)}; process RSS ${mb(process.memoryUsage().rss)}`,
)
console.log(
  `  (unstable_cache holding the corpus instead would JSON.parse ${mb(jsonBytes)} on every request: ${fmt(parseTimes[2]!)} ms; stringify ${fmt(stringifyMs)} ms)`,
)
Object.assign(report, {
  corpus: { generateMs, chars, jsonBytes, heapBytes: heapCorpus },
  index: {
    buildMs,
    buildCpuMs,
    maxBlockMs,
    rebuildWarmMs,
    zodMs,
    heapBytes: heapIndex,
    fileBytes,
    rssBytes: process.memoryUsage().rss,
    corpusJsonParseMs: parseTimes[2],
  },
})

// Incremental freshness through the store: 10 articles revised, 5 unpublished, 5 published.
{
  let docs = corpus
  const source = {
    // No timestamps here: every article is a candidate, so the store reads the manifest (as an unpublish makes it).
    changes: async (limit: number) => ({
      articles: docs.length,
      updated: null,
      published: null,
      taxonomy,
      recentlyUpdated: docs.slice(0, limit).map((d) => ({ _id: d._id, _rev: d._rev, _updatedAt: null })),
      recentlyPublished: [],
    }),
    manifest: async () => ({ articles: docs.length, updated: null, published: null, taxonomy, revisions: docs.map((d) => ({ _id: d._id, _rev: d._rev })) }),
    corpus: async () => docs,
    documents: async (ids: string[]) => {
      const wanted = new Set(ids)
      return docs.filter((d) => wanted.has(d._id))
    },
  }
  const store = createSearchStore(source, { storage: temporaryStorage() })
  await store.get('v1')
  const revised = docs.slice(0, 10).map((d) => ({ ...d, _rev: `${d._rev}-2`, title: `${d.title} обновлено` }))
  const added = Array.from({ length: 5 }, (_, i) => ({ ...article(ARTICLES + i) }))
  docs = [...revised, ...docs.slice(15), ...added]
  started = performance.now()
  await store.get('v2')
  const incrementalMs = ms(started)
  console.log(`  incremental update through the store (10 revised, 5 unpublished, 5 published): ${fmt(incrementalMs)} ms`)
  report.incrementalMs = incrementalMs
}

// ---------- queries ----------

const longQuery = Array.from({ length: 30 }, () => pick(['переговоры', 'экспорт', 'Казахстан', 'зерна', 'Токаев', 'коридор', 'инфляция']))
  .join(' ')
  .slice(0, 200)
const QUERIES: [string, Partial<SearchRequest>][] = [
  ['переговоры', {}],
  ['переговорах Токаева', {}],
  ['Казахстан', {}],
  ['инфляция в Казахстане', {}],
  ['Средний коридор', {}],
  ['Astana Hub', {}],
  ['темір жолы', {}],
  ['перегов', {}],
  ['Казахстан', { topic: 'ekonomika', country: 'kitay' }],
  ['экспорт зерна', { from: '2025-01-01', to: '2025-06-30' }],
  ['переговоры Рыбакина', {}],
  ['Токаеввв', {}],
  ['зюзюкзюзюк', {}],
  [longQuery, {}],
  ['', { topic: 'sport' }],
  ['Казахстан', { page: 50 }],
]

console.log(`\nqueries: ms per SearchIndex.search (match, rank, filter, page of 10, snippets), ${RUNS} runs after 5 warm-up,`)
console.log('without the ranking cache; «cached»: p50 of the same search again (another page, a repeated query)')
console.log(
  `  ${'query'.padEnd(46)} ${'mode'.padEnd(8)} ${'results'.padStart(7)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'mean'.padStart(7)} ${'max'.padStart(7)} ${'cached'.padStart(7)}`,
)
const all: number[] = []
const queryReport: unknown[] = []
for (const [q, extra] of QUERIES) {
  const request: SearchRequest = { q, page: 1, ...extra }
  index.setResultCacheSize(0)
  for (let i = 0; i < 5; i++) index.search(request)
  const times: number[] = []
  let outcome = index.search(request)
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    outcome = index.search(request)
    times.push(ms(t))
  }
  times.sort((a, b) => a - b)
  all.push(...times)
  index.setResultCacheSize(100)
  index.search(request)
  const cachedTimes = Array.from({ length: 50 }, () => {
    const t = performance.now()
    index.search(request)
    return ms(t)
  }).sort((a, b) => a - b)
  const cached = percentile(cachedTimes, 50)
  const mean = times.reduce((a, b) => a + b, 0) / times.length
  const filters = Object.entries(extra)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')
  const label = `${q.length > 30 ? `${q.slice(0, 27)}…(${q.length})` : q || '(empty)'}${filters ? ` [${filters}]` : ''}`
  const row = {
    query: label,
    mode: outcome.mode,
    results: outcome.total,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean,
    max: times.at(-1)!,
    cachedP50: cached,
  }
  queryReport.push(row)
  console.log(
    `  ${label.padEnd(46)} ${row.mode.padEnd(8)} ${String(row.results).padStart(7)} ${fmt(row.p50).padStart(7)} ${fmt(row.p99).padStart(7)} ${fmt(mean).padStart(7)} ${fmt(row.max).padStart(7)} ${fmt(cached).padStart(7)}`,
  )
}
all.sort((a, b) => a - b)
const overall = { p50: percentile(all, 50), p99: percentile(all, 99), mean: all.reduce((a, b) => a + b, 0) / all.length }
console.log(
  `  ${'all queries'.padEnd(46)} ${''.padEnd(8)} ${''.padStart(7)} ${fmt(overall.p50).padStart(7)} ${fmt(overall.p99).padStart(7)} ${fmt(overall.mean).padStart(7)}`,
)
Object.assign(report, { queries: queryReport, overall })

const out = resolve(ROOT, '.bench')
mkdirSync(out, { recursive: true })
const file = resolve(out, `search-${ARTICLES}-seed${SEED}.json`)
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
console.log(`\nwritten: ${file.slice(ROOT.length + 1)}`)
