/**
 * `npx tsx scripts/bench/search-lake.ts [--articles 100000] [--port 7344]`
 *
 * The site's search index built from the lake as the site builds it (sanity/content.ts's search
 * version, changes, manifest and documents, search/store.ts), the lake as its own process: what
 * the version, the changes and the manifest cost; the first build's time and the event-loop delay
 * meanwhile (the longest a request would wait); the syncs that follow an edit, a publish, an
 * unpublish and nothing at all, each with its event-loop delay; then a restart: the first search of
 * a new store on the same directory. The lake is left with the same articles (the unpublished one
 * is published again, the new one deleted). Writes bench-results/search-lake.json.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { contentApi } from '@/sanity/content'
import { directoryStorage } from '@/search/storage'
import { createSearchStore } from '@/search/store'
import { syntheticLake } from '../synthetic/generate'

interface SyncReport {
  change: string
  ms: number
  /** What the store read: the changes only, or the manifest too. */
  manifestReads: number
  changesReads: number
  documentsRead: number
  maxEventLoopDelayMs: number
}

export interface SearchLakeReport {
  articles: number
  /** Medians over a few reads, parsed and validated as the site does: the version (every search's check), the changes, the manifest. */
  versionQueryMs: number
  changesQueryMs: number
  manifestQueryMs: number
  firstBuildMs: number
  indexed: number
  maxEventLoopDelayMs: number
  p99EventLoopDelayMs: number
  syncs: SyncReport[]
  /** The worst event-loop delay of the syncs. */
  maxSyncEventLoopDelayMs: number
  restartFirstSearchMs: number
  /** The longest wait meanwhile (reopening the index reads every article's revision from it). */
  restartMaxEventLoopDelayMs: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await fn()
    times.push(performance.now() - started)
  }
  return median(times)
}

const LAKE_BIN = createRequire(import.meta.url)
  .resolve('@baspa/lake/package.json')
  .replace(/package\.json$/, 'bin/baspa-lake.mjs')

export async function runSearchLakeBench(options: { articles?: number; port?: number; log?: (line: string) => void } = {}): Promise<SearchLakeReport> {
  const articles = options.articles ?? 100_000
  const port = options.port ?? 7344
  const log = options.log ?? ((line: string) => console.log(line))
  const { db } = syntheticLake({ articles, seed: 42 })
  // An editor token of its own for the changes it makes (a lake's lake-tokens.json holds only the tokens of its first start).
  const editor = execFileSync(process.execPath, [LAKE_BIN, 'token', 'editor', 'bench search-lake'], {
    env: { ...process.env, LAKE_DB_PATH: db },
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1)!
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
    const source = {
      changes: (limit: number) => api.searchChanges(limit),
      manifest: () => api.searchManifest(),
      documents: (ids: string[]) => api.searchDocuments(ids),
    }
    for (let i = 0; ; i++) {
      try {
        await api.searchVersion()
        break
      } catch (error) {
        if (i > 600) throw error
        await new Promise((done) => setTimeout(done, 500))
      }
    }
    const versionQueryMs = await timed(10, () => api.searchVersion())
    const changesQueryMs = await timed(10, () => api.searchChanges(64))
    const manifestQueryMs = await timed(3, () => api.searchManifest())
    log(
      `search: version ${versionQueryMs.toFixed(1)} ms, changes ${changesQueryMs.toFixed(1)} ms, manifest ${manifestQueryMs.toFixed(0)} ms (medians, read and validated)`,
    )

    const delay = monitorEventLoopDelay({ resolution: 10 })
    const store = createSearchStore(source, { storage: directoryStorage(dir, () => {}) })
    delay.enable()
    let started = performance.now()
    const index = await store.get(await api.searchVersion())
    const firstBuildMs = performance.now() - started
    delay.disable()
    const indexed = store.stats.documentsRead
    log(
      `search: first build of ${indexed} articles from the lake ${(firstBuildMs / 1000).toFixed(1)} s; event-loop delay max ${(delay.max / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms`,
    )

    // Syncs after changes made through the lake's API, as the Studio makes them.
    const mutate = async (mutations: unknown[]) => {
      const response = await fetch(`http://127.0.0.1:${port}/v2025-02-19/data/mutate/production`, {
        method: 'POST',
        headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
        body: JSON.stringify({ mutations }),
      })
      if (!response.ok) throw new Error(`mutation failed: ${response.status} ${await response.text()}`)
    }
    const [edited, unpublished] = (await api.searchChanges(2)).recentlyPublished.map((r) => r._id)
    const unpublishedDoc = unpublished ? await rawDocument(port, unpublished) : undefined
    const freshId = `article-bench-search-${Date.now().toString(36)}`
    const changes: [string, () => Promise<void>][] = [
      ['nothing', async () => {}],
      ['an edit', () => mutate([{ patch: { id: edited, set: { title: `Правка для поиска ${Date.now()}` } } }])],
      [
        'a publish',
        () =>
          mutate([
            { create: { ...unpublishedDoc, _id: freshId, _rev: undefined, slug: { _type: 'slug', current: freshId }, publishedAt: new Date().toISOString() } },
          ]),
      ],
      ['an unpublish', () => mutate([{ delete: { id: unpublished } }])],
      ['the article published again', () => mutate([{ createOrReplace: { ...unpublishedDoc, _rev: undefined } }])],
      ['the new article deleted', () => mutate([{ delete: { id: freshId } }])],
    ]
    const syncs: SyncReport[] = []
    for (const [change, make] of changes) {
      if (!unpublishedDoc && change !== 'nothing') break
      await make()
      const before = { ...store.stats }
      const syncDelay = monitorEventLoopDelay({ resolution: 10 })
      syncDelay.enable()
      started = performance.now()
      await store.get(await api.searchVersion())
      const ms = performance.now() - started
      syncDelay.disable()
      const sync = {
        change,
        ms,
        manifestReads: store.stats.manifestReads - before.manifestReads,
        changesReads: store.stats.changesReads - before.changesReads,
        documentsRead: store.stats.documentsRead - before.documentsRead,
        maxEventLoopDelayMs: syncDelay.max / 1e6,
      }
      syncs.push(sync)
      log(
        `search: sync after ${change}: ${ms.toFixed(0)} ms (${sync.changesReads} changes read, ${sync.manifestReads} manifest, ${sync.documentsRead} articles); event-loop delay max ${sync.maxEventLoopDelayMs.toFixed(0)} ms`,
      )
    }
    index.close()
    // A restart: a new store on the same directory reopens the index and reads what changed since its watermark.
    const restartDelay = monitorEventLoopDelay({ resolution: 10 })
    restartDelay.enable()
    started = performance.now()
    const restarted = createSearchStore(source, { storage: directoryStorage(dir, () => {}) })
    const again = await restarted.get(await api.searchVersion())
    again.search({ q: 'Токаев', page: 1 })
    const restartFirstSearchMs = performance.now() - started
    restartDelay.disable()
    log(
      `search: after a restart, first search answered in ${(restartFirstSearchMs / 1000).toFixed(2)} s (${restarted.stats.restored} index reopened, ${restarted.stats.manifestReads} manifest read); event-loop delay max ${(restartDelay.max / 1e6).toFixed(0)} ms`,
    )
    again.close()
    return {
      articles,
      versionQueryMs,
      changesQueryMs,
      manifestQueryMs,
      firstBuildMs,
      indexed,
      maxEventLoopDelayMs: delay.max / 1e6,
      p99EventLoopDelayMs: delay.percentile(99) / 1e6,
      syncs,
      maxSyncEventLoopDelayMs: Math.max(0, ...syncs.map((sync) => sync.maxEventLoopDelayMs)),
      restartFirstSearchMs,
      restartMaxEventLoopDelayMs: restartDelay.max / 1e6,
    }
  } finally {
    child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A published document as stored, system fields included. */
async function rawDocument(port: number, id: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`http://127.0.0.1:${port}/v2025-02-19/data/query/production?perspective=published&returnQuery=false`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '*[_id == $id][0]', params: { id } }),
  })
  return ((await response.json()) as { result?: Record<string, unknown> }).result ?? undefined
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
