import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { baselineRatio } from './baseline'
import { formatLoad, loadProblems, runLoad, type LoadResult } from './load'

/**
 * The scaled-out topology under load (`npm run bench`, docs/deploy.md): the cluster of
 * `npm run demo:cluster` (Redis, the lake, two instances, Varnish) on ports of its own, over the
 * production build the bench made. Measured: the cached article through Varnish and through each
 * instance against the static baseline; then 60 s of 200 connections through Varnish on the article
 * and a topic page while an article is published every 5 s, with the time from each publish until
 * Varnish serves it.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const DATA = '.data/bench-cluster'
const ARTICLE = '/news/peregovory-tokaeva-i-van-i'
const TOPIC = '/topics/torgovlya'

export interface ClusterReport {
  cached: { front: string; result: LoadResult; baseline: LoadResult; ratio: number; rounds: string[] }[]
  load: LoadResult & { problems: string[] }
  publishes: number
  publishToVisibleMs: { p50: number; p99: number; max: number }
}

interface ClusterState {
  varnish: { url: string }
  sites: { url: string }[]
  lake: { url: string }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!

export async function runClusterBench(basePort: number, log: (line: string) => void): Promise<ClusterReport> {
  rmSync(join(ROOT, DATA), { recursive: true, force: true })
  const ports = {
    varnish: basePort,
    sites: [basePort + 1, basePort + 2],
    redis: basePort + 3,
    lakeApi: basePort + 4,
    lakeHttp: basePort + 5,
    baseline: basePort + 6,
  }
  const cluster = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/demo-cluster.ts',
      `--varnish=${ports.varnish}`,
      `--sites=${ports.sites.join(',')}`,
      `--redis=${ports.redis}`,
      `--lake-api=${ports.lakeApi}`,
      `--lake-http=${ports.lakeHttp}`,
      `--data=${DATA}`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  cluster.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  cluster.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  try {
    await ready(
      cluster,
      () => output.includes('[cluster] ready'),
      () => output,
    )
    const state = JSON.parse(readFileSync(join(ROOT, DATA, 'cluster.json'), 'utf8')) as ClusterState
    const fronts = [{ front: 'Varnish', origin: state.varnish.url }, ...state.sites.map((site, i) => ({ front: `instance ${i + 1}`, origin: site.url }))]
    for (const { origin } of fronts) for (let i = 0; i < 3; i++) await fetch(`${origin}${ARTICLE}`).then((r) => r.arrayBuffer())

    const cached: ClusterReport['cached'] = []
    for (const { front, origin } of fronts) {
      const turns = await baselineRatio(origin, ARTICLE, { port: ports.baseline, connections: 10, dataDir: join(ROOT, DATA, 'baseline') })
      cached.push({ front, result: turns.site, baseline: turns.baseline, ratio: turns.ratio, rounds: turns.rounds })
      log(
        `  cluster: cached article via ${front}: ${formatLoad(turns.site)}; ÷ static baseline ${(turns.ratio * 100).toFixed(1)} % (rounds ${turns.rounds.join(', ')})`,
      )
    }

    log('  cluster: 60 s, 200 connections through Varnish (article and topic), a publish every 5 s')
    const { editor } = JSON.parse(readFileSync(join(ROOT, DATA, 'lake-tokens.json'), 'utf8')) as { editor: string }
    const times: number[] = []
    let publishing = true
    const publisher = (async () => {
      for (let n = 0; publishing; n++) {
        await sleep(5_000)
        if (!publishing) break
        const title = `Нагрузочная правка ${Date.now()}-${n}`
        const started = performance.now()
        const response = await fetch(`${state.lake.url}/v2025-02-19/data/mutate/production`, {
          method: 'POST',
          headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
          body: JSON.stringify({ mutations: [{ patch: { id: 'article-peregovory-tokaeva-i-van-i', set: { title } } }] }),
        })
        if (!response.ok) throw new Error(`publish failed: ${response.status} ${await response.text()}`)
        for (;;) {
          const html = await fetch(`${state.varnish.url}${ARTICLE}`).then((r) => r.text())
          if (html.includes(title)) break
          if (performance.now() - started > 30_000) throw new Error(`a publish was not visible through Varnish within 30 s`)
          await sleep(20)
        }
        times.push(performance.now() - started)
      }
    })()
    const result = await runLoad({ origin: state.varnish.url, paths: [ARTICLE, TOPIC], connections: 200, durationSeconds: 60, inWorker: true })
    publishing = false
    await publisher
    const publishToVisibleMs = { p50: Math.round(percentile(times, 50)), p99: Math.round(percentile(times, 99)), max: Math.round(Math.max(...times)) }
    log(
      `  cluster load: ${formatLoad(result)}; ${times.length} publishes, visible through Varnish after p50 ${publishToVisibleMs.p50} ms, p99 ${publishToVisibleMs.p99} ms`,
    )
    return { cached, load: { ...result, problems: loadProblems(result) }, publishes: times.length, publishToVisibleMs }
  } finally {
    const exited = new Promise((done) => cluster.once('exit', done))
    cluster.kill('SIGTERM')
    await Promise.race([exited, sleep(10_000)])
  }
}

async function ready(child: ChildProcess, isReady: () => boolean, output: () => string) {
  for (let waited = 0; waited < 240_000; waited += 500) {
    if (isReady()) return
    if (child.exitCode !== null) throw new Error(`the cluster exited:\n${output()}`)
    await sleep(500)
  }
  throw new Error(`the cluster was not ready in 4 minutes:\n${output()}`)
}
