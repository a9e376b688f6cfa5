/**
 * `npm run bench:lake [-- --sizes 10000,100000 --seed 42 --queries ARTICLE_QUERY,… --full-runs N]`
 *
 * Every query of sanity/queries.ts on the local lake, indexed (the planner) and as a full scan
 * (groq-js over every document), on synthetic lakes of each size (`npm run lake:synthetic`, cached
 * in .data/synthetic/ by size and seed). Prints p50/p99 per query and the speed-up against the
 * issue's target (≥ 100× at 100 000 documents), the snapshot load and index build, and the process
 * RSS; writes bench-results/lake.{md,json}. Full scans are slow at scale: they run few times
 * (`fullRuns`), and a query whose full scan is quadratic is not scanned (said in the table).
 * `runLakeBench(options)` is what the overall `npm run bench` calls.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openLake } from '@/sanity/lake'
import { SITE_QUERIES } from '@/sanity/query-catalog'
import { syntheticLake } from '../synthetic/generate'

export interface LakeBenchOptions {
  sizes?: number[]
  seed?: number
  /** Full-scan runs per query (default 3, 1 from 50 000 articles on); repeated only within 10 s. */
  fullRuns?: (articles: number) => number
  /** Skip the full scans that take minutes (SLOW_FULL_SCAN), as `npm run bench` does. */
  quick?: boolean
  /** Indexed runs stop after this many or after `indexedBudgetMs`. */
  indexedRuns?: number
  indexedBudgetMs?: number
  /** Only these queries (export names of sanity/queries.ts); default all. */
  queries?: string[]
  outDir?: string
  log?: (line: string) => void
}

export interface Timing {
  runs: number
  p50: number
  p99: number
}

export interface QueryFigures {
  query: string
  indexed: Timing
  full: Timing | null
  /** full p50 / indexed p50 */
  speedup: number | null
  note?: string
}

export interface SizeReport {
  articles: number
  documents: number
  db: string
  generatedMs: number | null
  snapshotMs: number
  rssMB: number
  heapMB: number
  queries: QueryFigures[]
}

export interface LakeBenchReport {
  date: string
  node: string
  machine: string
  seed: number
  target: number
  sizes: SizeReport[]
  markdown: string
}

const TARGET = 100
const FULL_SCAN_BUDGET_MS = 10_000
/** Full scans that evaluate a subquery per document: O(n²) (the home page's lead story: 12 minutes at 10 000 articles). */
const QUADRATIC_FULL_SCAN: Record<string, string> = {
  HOME_QUERY: 'full scan O(n²): `*[_id == *[…][0].leadStory._ref]` re-runs the subquery per document (≈12 min at 10 000)',
}
/**
 * Full scans that run a subquery over every article per taxonomy document (O(k·n)): minutes at
 * 10 000 articles (29 Nov 2026, idle VM: people 387 s, sitemap taxonomy 46 s, countries 44 s, topics
 * 44 s). `npm run bench` skips them (`quick`) to stay within its time; `npm run bench:lake` runs them.
 */
const SLOW_FULL_SCAN: Record<string, string> = {
  PEOPLE_INDEX_QUERY: 'full scan not run (quick): an article count per person, O(k·n), 387 s at 10 000',
  SITEMAP_TAXONOMY_QUERY: 'full scan not run (quick): the newest article per taxonomy document, O(k·n), 46 s at 10 000',
  COUNTRIES_INDEX_QUERY: 'full scan not run (quick): article and people counts per country, O(k·n), 44 s at 10 000',
  TOPICS_INDEX_QUERY: 'full scan not run (quick): an article count per topic, O(k·n), 44 s at 10 000',
}


function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

async function time(runs: number, budgetMs: number, fn: () => Promise<unknown>): Promise<Timing> {
  const times: number[] = []
  const started = performance.now()
  while (times.length < runs && (times.length === 0 || performance.now() - started < budgetMs)) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { runs: times.length, p50: percentile(times, 50), p99: percentile(times, 99) }
}

/** Parameters as the site passes them: a mid-archive article, the most cited topic, page 2 of an archive. */
async function siteParams(query: (q: string, p?: Record<string, unknown>) => Promise<unknown>): Promise<Record<string, Record<string, unknown>>> {
  const article = (await query('*[_type == "article" && defined(slug.current)] | order(publishedAt desc)[1000]{ _id, "slug": slug.current, "topics": topics[]._ref, "people": people[]._ref }')) as {
    _id: string
    slug: string
    topics: string[]
    people: string[]
  } | null
  const fallback = (await query('*[_type == "article"][0]{ _id, "slug": slug.current, "topics": topics[]._ref, "people": people[]._ref }')) as NonNullable<typeof article>
  const a = article ?? fallback
  const ids = (await query('*[_type == "article"][0...20]._id')) as string[]
  const page = { start: 20, end: 40 }
  const base = { slug: a.slug, id: a._id, draftId: `drafts.${a._id}`, type: 'article', topicIds: a.topics, peopleIds: a.people ?? [], sharedIds: [...a.topics, ...(a.people ?? [])], ids, limit: 50, start: 0, end: 50_000 }
  return {
    default: base,
    TOPIC_PAGE_QUERY: { ...base, ...page, slug: 'diplomatiya' },
    TOPIC_FEED_QUERY: { ...base, slug: 'diplomatiya' },
    PERSON_PAGE_QUERY: { ...base, ...page, slug: 'kasym-zhomart-tokaev' },
    COUNTRY_PAGE_QUERY: { ...base, ...page, slug: 'kazakhstan' },
    AUTHOR_PAGE_QUERY: { ...base, ...page, slug: 'aygerim-saparova' },
    ARCHIVE_SLUGS_QUERY: { ...base, type: 'topic' },
    SITEMAP_TAXONOMY_QUERY: { ...base, type: 'topic' },
    SITEMAP_ARTICLES_LASTMOD_QUERY: { ...base, start: 0, end: 50_000 },
  }
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0))

export async function runLakeBench(options: LakeBenchOptions = {}): Promise<LakeBenchReport> {
  const sizes = options.sizes ?? [10_000, 100_000]
  const seed = options.seed ?? 42
  const log = options.log ?? ((line: string) => console.log(line))
  const fullRuns = options.fullRuns ?? ((articles: number) => (articles >= 50_000 ? 1 : 3))
  const reports: SizeReport[] = []
  for (const articles of sizes) {
    log(`\n== ${articles} articles (seed ${seed}) ==`)
    const synthetic = syntheticLake({ articles, seed })
    log(synthetic.cached ? `lake from cache: ${synthetic.db}` : `generated in ${(synthetic.ms / 1000).toFixed(1)} s: ${synthetic.db}`)
    const lake = openLake(synthetic.db)
    try {
      // The engine's own snapshot (resident documents, sanity/lake/resident.ts) and indexes, as the
      // site's first query after a start builds them.
      const documents = lake.store.count()
      const started = performance.now()
      await lake.engine.query('*[_id == "siteSettings"][0]._id')
      const snapshotMs = performance.now() - started
      globalThis.gc?.()
      const rssMB = process.memoryUsage().rss / 1024 / 1024
      const heapMB = process.memoryUsage().heapUsed / 1024 / 1024
      log(`snapshot: ${documents} documents read, parsed and indexed in ${fmt(snapshotMs)} ms (${lake.engine.resident.stats.lazyFields} large fields left in SQLite); RSS ${rssMB.toFixed(0)} MB, JS heap ${heapMB.toFixed(0)} MB`)
      const run = (q: string, p: Record<string, unknown> = {}, fullScan = false) => lake.engine.query(q, p, 'published', { fullScan })
      const params = await siteParams(run)
      const figures: QueryFigures[] = []
      log(`${'query'.padEnd(32)} ${'indexed p50'.padStart(11)} ${'p99'.padStart(8)} ${'full p50'.padStart(9)} ${'p99'.padStart(8)} ${'speed-up'.padStart(9)}`)
      for (const [name, query] of SITE_QUERIES.filter(([name]) => !options.queries || options.queries.includes(name))) {
        const p = params[name] ?? params.default!
        await run(query, p)
        const indexed = await time(options.indexedRuns ?? 30, options.indexedBudgetMs ?? 3000, () => run(query, p))
        const skip = QUADRATIC_FULL_SCAN[name] ?? (options.quick ? SLOW_FULL_SCAN[name] : undefined)
        const full = skip ? null : await time(fullRuns(articles), FULL_SCAN_BUDGET_MS, () => run(query, p, true))
        const speedup = full ? full.p50 / indexed.p50 : null
        const note = skip ?? (speedup !== null && speedup < TARGET ? `${(TARGET / speedup).toFixed(1)}× short of ${TARGET}×` : undefined)
        figures.push({ query: name, indexed, full, speedup, note })
        log(
          `${name.padEnd(32)} ${fmt(indexed.p50).padStart(11)} ${fmt(indexed.p99).padStart(8)} ${(full ? fmt(full.p50) : '—').padStart(9)} ${(full ? fmt(full.p99) : '—').padStart(8)} ${(speedup ? `${speedup.toFixed(0)}×` : '—').padStart(9)}${note ? `  ${note}` : ''}`,
        )
      }
      reports.push({ articles, documents, db: synthetic.db, generatedMs: synthetic.cached ? null : synthetic.ms, snapshotMs, rssMB, heapMB, queries: figures })
    } finally {
      lake.store.close()
    }
  }
  const report: LakeBenchReport = {
    date: new Date().toISOString(),
    node: process.version,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    seed,
    target: TARGET,
    sizes: reports,
    markdown: '',
  }
  report.markdown = toMarkdown(report)
  const out = resolve(options.outDir ?? 'bench-results')
  mkdirSync(out, { recursive: true })
  writeFileSync(resolve(out, 'lake.md'), report.markdown)
  writeFileSync(resolve(out, 'lake.json'), `${JSON.stringify(report, null, 2)}\n`)
  log(`\nwritten: ${resolve(out, 'lake.md')}, lake.json`)
  return report
}

function toMarkdown(report: LakeBenchReport): string {
  const lines = [`# Lake queries: indexed vs full scan`, '', `${report.date}, Node ${report.node}, ${report.machine}, seed ${report.seed}; milliseconds; target ≥ ${report.target}× at 100 000.`, '']
  for (const size of report.sizes) {
    lines.push(`## ${size.articles} articles (${size.documents} documents)`, '')
    lines.push(`Snapshot read, parse and index ${fmt(size.snapshotMs)} ms; process RSS ${size.rssMB.toFixed(0)} MB, JS heap ${size.heapMB.toFixed(0)} MB (after GC when run with --expose-gc).`, '')
    lines.push('| query | indexed p50 | indexed p99 | runs | full p50 | full p99 | runs | speed-up | note |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
    for (const q of size.queries) {
      lines.push(
        `| ${q.query} | ${fmt(q.indexed.p50)} | ${fmt(q.indexed.p99)} | ${q.indexed.runs} | ${q.full ? fmt(q.full.p50) : '—'} | ${q.full ? fmt(q.full.p99) : '—'} | ${q.full?.runs ?? 0} | ${q.speedup ? `${q.speedup.toFixed(0)}×` : '—'} | ${q.note ?? ''} |`,
      )
    }
    lines.push('')
  }
  return `${lines.join('\n')}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, seed: { type: 'string' }, queries: { type: 'string' }, 'full-runs': { type: 'string' }, out: { type: 'string' } } })
  const fullRuns = values['full-runs'] ? Number(values['full-runs']) : undefined
  await runLakeBench({
    sizes: values.sizes?.split(',').map(Number),
    seed: values.seed ? Number(values.seed) : undefined,
    queries: values.queries?.split(','),
    outDir: values.out,
    fullRuns: fullRuns === undefined ? undefined : () => fullRuns,
  })
}
