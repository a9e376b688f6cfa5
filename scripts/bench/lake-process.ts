/**
 * `npx tsx scripts/bench/lake-process.ts [--articles 100000] [--seed 42] [--port 7344] [--runs 30] [--budget-ms 2000]`
 *
 * The lake as its own process (`baspa-lake serve`, as the site supervises it) on a synthetic lake:
 * cold start to the first answer, its RSS, and every query of sanity/queries.ts by name through
 * the HTTP API (p50/p99), each run as the site sends it. `runLakeProcessBench` is what
 * `npm run bench` calls; run alone, it prints the figures and writes bench-results/lake-process.json.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { SITE_QUERIES } from '@/sanity/query-catalog'
import { syntheticLake } from '../synthetic/generate'
import { siteParams } from './lake'

export interface LakeProcessReport {
  articles: number
  machine: string
  coldStartMs: number
  rssAfterStartMB: number
  rssAfterQueriesMB: number
  peakRssMB: number
  queries: { query: string; runs: number; p50: number; p99: number; first: number }[]
}

const LAKE_BIN = createRequire(import.meta.url)
  .resolve('@baspa/lake/package.json')
  .replace(/package\.json$/, 'bin/baspa-lake.mjs')

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
const rss = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const mb = (name: string) => Math.round(Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024)
  return { rss: mb('VmRSS'), peak: mb('VmHWM') }
}

export async function runLakeProcessBench(
  options: { articles?: number; seed?: number; port?: number; runs?: number; budgetMs?: number; log?: (line: string) => void } = {},
): Promise<LakeProcessReport> {
  const articles = options.articles ?? 100_000
  const port = options.port ?? 7344
  const log = options.log ?? ((line: string) => console.log(line))
  const { db } = syntheticLake({ articles, seed: options.seed ?? 42 })
  const origin = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawn(process.execPath, [LAKE_BIN, 'serve'], {
    env: { ...process.env, LAKE_DB_PATH: db, LAKE_API_PORT: 'off', LAKE_HTTP_PORT: String(port), LAKE_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const query = async (groq: string, params: Record<string, unknown> = {}) => {
    const response = await fetch(`${origin}/v2025-02-19/data/query/production?perspective=published&returnQuery=false`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: groq, params }),
    })
    const body = (await response.json()) as { result?: unknown; error?: unknown }
    if (response.status !== 200) throw new Error(`${response.status}: ${JSON.stringify(body).slice(0, 300)}`)
    return body.result
  }
  try {
    let coldStartMs = 0
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the lake exited:\n${output}`)
      try {
        await query('*[_id == "siteSettings"][0]._id')
        coldStartMs = performance.now() - started
        break
      } catch {
        await new Promise((done) => setTimeout(done, 50))
      }
      if (performance.now() - started > 300_000) throw new Error(`the lake did not answer in 5 minutes:\n${output}`)
    }
    const afterStart = rss(child.pid!)
    log(`lake process: first answer ${coldStartMs.toFixed(0)} ms after spawn; RSS ${afterStart.rss} MB`)
    const params = await siteParams(query)
    const figures: LakeProcessReport['queries'] = []
    for (const [name, groq] of SITE_QUERIES) {
      const p = params[name] ?? params.default!
      const times: number[] = []
      const begin = performance.now()
      while (times.length < (options.runs ?? 30) && (times.length < 3 || performance.now() - begin < (options.budgetMs ?? 2000))) {
        const t = performance.now()
        await query(groq, p)
        times.push(performance.now() - t)
      }
      const first = times[0]!
      const sorted = [...times].sort((a, b) => a - b)
      figures.push({ query: name, runs: times.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), first })
      log(
        `${name.padEnd(32)} p50 ${percentile(sorted, 50).toFixed(1).padStart(8)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(8)} ms  first ${first.toFixed(0)} ms  (${times.length} runs)`,
      )
    }
    const end = rss(child.pid!)
    log(`lake RSS after the queries ${end.rss} MB (peak ${end.peak} MB)`)
    return {
      articles,
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
      coldStartMs,
      rssAfterStartMB: afterStart.rss,
      rssAfterQueriesMB: end.rss,
      peakRssMB: end.peak,
      queries: figures,
    }
  } finally {
    child.kill('SIGTERM')
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { articles: { type: 'string' }, seed: { type: 'string' }, port: { type: 'string' }, runs: { type: 'string' }, 'budget-ms': { type: 'string' } },
  })
  const report = await runLakeProcessBench({
    articles: values.articles ? Number(values.articles) : undefined,
    seed: values.seed ? Number(values.seed) : undefined,
    port: values.port ? Number(values.port) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
    budgetMs: values['budget-ms'] ? Number(values['budget-ms']) : undefined,
  })
  mkdirSync(resolve('bench-results'), { recursive: true })
  writeFileSync(resolve('bench-results/lake-process.json'), `${JSON.stringify(report, null, 2)}\n`)
}
