/**
 * `npx tsx scripts/bench/search-lake.ts [--articles 100000] [--port 7344]`
 *
 * The site's search index built from the lake as the site builds it (sanity/content.ts's search
 * manifest and documents, search/store.ts), the lake as its own process: the first build's time,
 * the event-loop delay meanwhile (the longest a request would wait), then a restart: the first
 * search of a new store on the same directory. Writes bench-results/search-lake.json.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { contentApi } from '@/sanity/content'
import { manifestHash } from '@/sanity/search-manifest'
import { directoryStorage } from '@/search/storage'
import { createSearchStore } from '@/search/store'
import { syntheticLake } from '../synthetic/generate'

export interface SearchLakeReport {
  articles: number
  firstBuildMs: number
  indexed: number
  maxEventLoopDelayMs: number
  p99EventLoopDelayMs: number
  restartFirstSearchMs: number
}

const LAKE_BIN = createRequire(import.meta.url)
  .resolve('@baspa/lake/package.json')
  .replace(/package\.json$/, 'bin/baspa-lake.mjs')

export async function runSearchLakeBench(options: { articles?: number; port?: number; log?: (line: string) => void } = {}): Promise<SearchLakeReport> {
  const articles = options.articles ?? 100_000
  const port = options.port ?? 7344
  const log = options.log ?? ((line: string) => console.log(line))
  const { db } = syntheticLake({ articles, seed: 42 })
  const child = spawn(process.execPath, [LAKE_BIN, 'serve'], {
    env: { ...process.env, LAKE_DB_PATH: db, LAKE_API_PORT: 'off', LAKE_HTTP_PORT: String(port), LAKE_HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const dir = mkdtempSync(join(tmpdir(), 'baspa-search-lake-'))
  try {
    const api = contentApi({
      mode: 'local',
      async fetch(query, params, perspective) {
        const response = await fetch(`http://127.0.0.1:${port}/v2025-02-19/data/query/production?perspective=${perspective}&returnQuery=false`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, params }),
        })
        const body = (await response.json()) as { result?: unknown }
        if (response.status !== 200) throw new Error(`${response.status}: ${JSON.stringify(body).slice(0, 300)}`)
        return body.result
      },
    })
    const source = { manifest: () => api.searchManifest(), documents: (ids: string[]) => api.searchDocuments(ids) }
    for (let i = 0; ; i++) {
      try {
        await api.searchManifest()
        break
      } catch (error) {
        if (i > 600) throw error
        await new Promise((done) => setTimeout(done, 500))
      }
    }
    const delay = monitorEventLoopDelay({ resolution: 10 })
    const store = createSearchStore(source, { storage: directoryStorage(dir, () => {}) })
    delay.enable()
    let started = performance.now()
    const index = await store.get(manifestHash(await source.manifest()))
    const firstBuildMs = performance.now() - started
    delay.disable()
    const indexed = store.stats.documentsRead
    log(
      `search: first build of ${indexed} articles from the lake ${(firstBuildMs / 1000).toFixed(1)} s; event-loop delay max ${(delay.max / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms`,
    )
    index.close()
    // A restart: a new store on the same directory reopens the index and checks it against the manifest.
    started = performance.now()
    const restarted = createSearchStore(source, { storage: directoryStorage(dir, () => {}) })
    const again = await restarted.get(manifestHash(await source.manifest()))
    again.search({ q: 'Токаев', page: 1 })
    const restartFirstSearchMs = performance.now() - started
    log(`search: after a restart, first search answered in ${(restartFirstSearchMs / 1000).toFixed(2)} s (${restarted.stats.restored} index reopened)`)
    again.close()
    return {
      articles,
      firstBuildMs,
      indexed,
      maxEventLoopDelayMs: delay.max / 1e6,
      p99EventLoopDelayMs: delay.percentile(99) / 1e6,
      restartFirstSearchMs,
    }
  } finally {
    child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { articles: { type: 'string' }, port: { type: 'string' } } })
  const report = await runSearchLakeBench({
    articles: values.articles ? Number(values.articles) : undefined,
    port: values.port ? Number(values.port) : undefined,
  })
  mkdirSync(resolve('bench-results'), { recursive: true })
  writeFileSync(resolve('bench-results/search-lake.json'), `${JSON.stringify(report, null, 2)}\n`)
}
