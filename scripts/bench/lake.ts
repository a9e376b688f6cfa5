/**
 * `npm run bench:lake [-- --sizes 10000,100000 --seed 42 --queries ARTICLE_QUERY,… --full-runs N --full-limit SECONDS]`
 *
 * Every query of sanity/queries.ts on the local lake, indexed (the planner) and as a full scan
 * (groq-js over every document), on synthetic lakes of each size (`npm run lake:synthetic`, cached
 * in .data/synthetic/ by size and seed). Prints p50/p99 per query and the speed-up against the
 * issue's target (≥ 100× at 100 000 documents), the snapshot load and index build, and the process
 * RSS; writes bench-results/lake.{md,json}. Full scans are slow at scale: they run few times
 * (`fullRuns`), and one that passes `fullScanLimitMs` is stopped there (QueryTimeout): its time
 * is then a lower bound («> 8 s»), and so is its speed-up («≥ 160×»).
 * `runLakeBench(options)` is what the overall `npm run bench` calls.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openLake, QueryTimeout } from '@baspa/lake'
import { chunkCount, chunkRange, LASTMOD_PAGE_CHUNKS, lastmodPageRange, SITEMAP_MAX_URLS } from '@/lib/sitemap'
import { PEOPLE_PAGE_SIZE } from '@/sanity/pagination'
import { SITEMAP_SUMMARY_QUERY } from '@/sanity/queries'
import { SITE_QUERIES } from '@/sanity/query-catalog'
import { syntheticLake } from '../synthetic/generate'

export interface LakeBenchOptions {
  sizes?: number[]
  seed?: number
  /** Full-scan runs per query (default 3, 1 from 50 000 articles on); repeated only within 10 s. */
  fullRuns?: (articles: number) => number
  /** A full scan is stopped after this long (default 30 s; `npm run bench` passes less to stay within its time). */
  fullScanLimitMs?: number
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
  /** The run was stopped at the limit: p50 and p99 are lower bounds. */
  stopped?: boolean
}

export interface QueryFigures {
  query: string
  indexed: Timing
  full: Timing | null
  /** full p50 / indexed p50 (a lower bound when the full scan was stopped) */
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
const FULL_SCAN_LIMIT_MS = 30_000

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

/** Full-scan timings, each run stopped at `limitMs`: a stopped run ends the measurement with a lower bound. */
async function timeFullScan(runs: number, limitMs: number, fn: (deadline: number) => Promise<unknown>): Promise<Timing> {
  try {
    return await time(runs, FULL_SCAN_BUDGET_MS, () => fn(performance.now() + limitMs))
  } catch (error) {
    if (!(error instanceof QueryTimeout)) throw error
    return { runs: 1, p50: limitMs, p99: limitMs, stopped: true }
  }
}

/** Parameters as the site passes them: a mid-archive article, the most cited topic, page 2 of an archive. */
export async function siteParams(query: (q: string, p?: Record<string, unknown>) => Promise<unknown>): Promise<Record<string, Record<string, unknown>>> {
  const article = (await query(
    '*[_type == "article" && defined(slug.current)] | order(publishedAt desc)[1000]{ _id, "slug": slug.current, "topics": topics[]._ref, "people": people[]._ref }',
  )) as {
    _id: string
    slug: string
    topics: string[]
    people: string[]
  } | null
  const fallback = (await query('*[_type == "article"][0]{ _id, "slug": slug.current, "topics": topics[]._ref, "people": people[]._ref }')) as NonNullable<
    typeof article
  >
  const a = article ?? fallback
  const ids = (await query('*[_type == "article"][0...20]._id')) as string[]
  const page = { start: 20, end: 40 }
  const { articles: indexable } = (await query(SITEMAP_SUMMARY_QUERY)) as { articles: number }
  // The last full article sitemap: the costliest to cut (its slice is at the archive's end).
  const lastChunk = chunkRange(Math.max(1, Math.floor(indexable / SITEMAP_MAX_URLS)))
  // The sitemap index's middle page of lastmods: the deepest cut.
  const lastmodPage = lastmodPageRange(Math.max(1, Math.ceil(chunkCount(indexable) / LASTMOD_PAGE_CHUNKS / 2)))
  const base = {
    slug: a.slug,
    slugs: [a.slug, 'no-such-slug'],
    id: a._id,
    draftId: `drafts.${a._id}`,
    type: 'article',
    topicIds: a.topics,
    peopleIds: a.people ?? [],
    sharedIds: [...a.topics, ...(a.people ?? [])],
    ids,
    limit: 50,
    // Every reader query reads an edition (sanity/fetch.ts passes the locale).
    locale: 'ru',
    start: 0,
    end: 5_000,
  }
  return {
    default: base,
    TOPIC_PAGE_QUERY: { ...base, ...page, slug: 'diplomatiya' },
    TOPIC_FEED_QUERY: { ...base, slug: 'diplomatiya' },
    PERSON_PAGE_QUERY: { ...base, ...page, slug: 'kasym-zhomart-tokaev' },
    COUNTRY_PAGE_QUERY: { ...base, ...page, slug: 'kazakhstan' },
    AUTHOR_PAGE_QUERY: { ...base, ...page, slug: 'aygerim-saparova' },
    ARCHIVE_SLUGS_QUERY: { ...base, type: 'topic' },
    SITEMAP_TAXONOMY_QUERY: { ...base, type: 'topic' },
    PEOPLE_INDEX_QUERY: { ...base, start: 0, end: PEOPLE_PAGE_SIZE },
    SITEMAP_ARTICLES_QUERY: { ...base, ...lastChunk },
    SITEMAP_ARTICLES_LASTMODS_QUERY: { ...base, ...lastmodPage },
    NEWS_SITEMAP_QUERY: { ...base, newsFrom: new Date(Date.now() - 72 * 3_600_000).toISOString() },
    // An address no article has, as crawlers send them: both of the query's lookups, by slug and by former address.
    MOVED_ARTICLE_QUERY: { ...base, slug: 'no-such-slug' },
  }
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0))
const timing = (t: Timing, key: 'p50' | 'p99') => `${t.stopped ? '>' : ''}${fmt(t[key])}`
const speedupText = (full: Timing, speedup: number) => `${full.stopped ? '≥' : ''}${speedup.toFixed(0)}×`

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
      // The engine keeps no snapshot (packages/lake/src/doc-source.ts): the first query is the cold start.
      const documents = lake.store.count()
      const started = performance.now()
      await lake.engine.query('*[_id == "siteSettings"][0]._id')
      const snapshotMs = performance.now() - started
      globalThis.gc?.()
      const rssMB = process.memoryUsage().rss / 1024 / 1024
      const heapMB = process.memoryUsage().heapUsed / 1024 / 1024
      log(
        `first query of ${documents} documents answered in ${fmt(snapshotMs)} ms (${lake.engine.source.stats.headsParsed} documents read); RSS ${rssMB.toFixed(0)} MB, JS heap ${heapMB.toFixed(0)} MB`,
      )
      const run = (q: string, p: Record<string, unknown> = {}, fullScan = false, deadline?: number) =>
        lake.engine.query(q, p, 'published', { fullScan, deadline })
      const limitMs = options.fullScanLimitMs ?? FULL_SCAN_LIMIT_MS
      const params = await siteParams(run)
      const figures: QueryFigures[] = []
      log(`${'query'.padEnd(32)} ${'indexed p50'.padStart(11)} ${'p99'.padStart(8)} ${'full p50'.padStart(9)} ${'p99'.padStart(8)} ${'speed-up'.padStart(9)}`)
      for (const [name, query] of SITE_QUERIES.filter(([name]) => !options.queries || options.queries.includes(name))) {
        const p = params[name] ?? params.default!
        await run(query, p)
        const indexed = await time(options.indexedRuns ?? 30, options.indexedBudgetMs ?? 3000, () => run(query, p))
        const full = await timeFullScan(fullRuns(articles), limitMs, (deadline) => run(query, p, true, deadline))
        const speedup = full.p50 / indexed.p50
        const note = full.stopped
          ? `full scan stopped at ${fmt(limitMs / 1000)} s: times and speed-up are lower bounds${speedup < TARGET ? ` (not enough to show ${TARGET}×)` : ''}`
          : speedup < TARGET
            ? `${(TARGET / speedup).toFixed(1)}× short of ${TARGET}×`
            : undefined
        figures.push({ query: name, indexed, full, speedup, note })
        log(
          `${name.padEnd(32)} ${fmt(indexed.p50).padStart(11)} ${fmt(indexed.p99).padStart(8)} ${timing(full, 'p50').padStart(9)} ${timing(full, 'p99').padStart(8)} ${speedupText(full, speedup).padStart(9)}${note ? `  ${note}` : ''}`,
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
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
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
  const lines = [
    `# Lake queries: indexed vs full scan`,
    '',
    `${report.date}, Node ${report.node}, ${report.machine}, seed ${report.seed}; milliseconds; target ≥ ${report.target}× at 100 000.`,
    '',
  ]
  for (const size of report.sizes) {
    lines.push(`## ${size.articles} articles (${size.documents} documents)`, '')
    lines.push(
      `First query ${fmt(size.snapshotMs)} ms; process RSS ${size.rssMB.toFixed(0)} MB, JS heap ${size.heapMB.toFixed(0)} MB (after GC when run with --expose-gc).`,
      '',
    )
    lines.push(
      '| query | indexed p50 | indexed p99 | runs | full p50 | full p99 | runs | speed-up | note |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    )
    for (const q of size.queries) {
      lines.push(
        `| ${q.query} | ${fmt(q.indexed.p50)} | ${fmt(q.indexed.p99)} | ${q.indexed.runs} | ${q.full ? timing(q.full, 'p50') : '—'} | ${q.full ? timing(q.full, 'p99') : '—'} | ${q.full?.runs ?? 0} | ${q.full && q.speedup ? speedupText(q.full, q.speedup) : '—'} | ${q.note ?? ''} |`,
      )
    }
    lines.push('')
  }
  return `${lines.join('\n')}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      seed: { type: 'string' },
      queries: { type: 'string' },
      'full-runs': { type: 'string' },
      'full-limit': { type: 'string' },
      out: { type: 'string' },
    },
  })
  const fullRuns = values['full-runs'] ? Number(values['full-runs']) : undefined
  await runLakeBench({
    sizes: values.sizes?.split(',').map(Number),
    seed: values.seed ? Number(values.seed) : undefined,
    queries: values.queries?.split(','),
    outDir: values.out,
    fullRuns: fullRuns === undefined ? undefined : () => fullRuns,
    fullScanLimitMs: values['full-limit'] ? Number(values['full-limit']) * 1000 : undefined,
  })
}
