/**
 * `npm run bench:backup [-- --sizes 1000,100000 --commits 300]`
 *
 * What "nothing lost" costs on the local lake (packages/lake/README.md, «Nothing lost»):
 * - backup and restore of synthetic lakes of each size (`npm run lake:synthetic`, cached in
 *   .data/synthetic/): the time of `baspa-lake backup` (VACUUM INTO in a worker thread, flush,
 *   quick_check, SHA-256) and of `baspa-lake restore` (SHA-256, integrity_check, copy, flush), the
 *   database's size, and the longest event-loop stall of the process while it backs up (the lake
 *   serves meanwhile);
 * - the commit latency with `LAKE_SYNCHRONOUS=full` (the default: each commit flushed) and `normal`.
 * Writes bench-results/backup.{md,json}.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { applyMutations, backupLake, openLake, restoreLake } from '@baspa/lake'
import { syntheticLake } from '../synthetic/generate'

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,100000' }, commits: { type: 'string', default: '300' } } })
const sizes = values.sizes.split(',').map(Number)
const commits = Number(values.commits)
const work = resolve('.data/bench-backup')
const MB = 1024 * 1024

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
const round = (ms: number) => Math.round(ms * 10) / 10

interface SizeFigures {
  articles: number
  documents: number
  databaseMB: number
  backupMs: number
  backupMB: number
  /** The longest the process's event loop waited while the backup ran (it copies in a worker thread). */
  backupEventLoopMaxMs: number
  restoreMs: number
}

async function measureSize(articles: number): Promise<SizeFigures> {
  const lake = syntheticLake({ articles, seed: 42 })
  const dir = mkdtempSync(join(work, `${articles}-`))
  try {
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    const started = performance.now()
    const backup = await backupLake(lake.db, { dir: join(dir, 'backups'), keep: 1 })
    const backupMs = performance.now() - started
    delay.disable()
    const restored = restoreLake(backup.dir, join(dir, 'restored', 'lake.sqlite'))
    return {
      articles,
      documents: backup.manifest.documents,
      databaseMB: round(statSync(lake.db).size / MB),
      backupMs: Math.round(backupMs),
      backupMB: round(backup.manifest.bytes / MB),
      backupEventLoopMaxMs: round(delay.max / 1e6),
      restoreMs: restored.durationMs,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

interface CommitFigures {
  synchronous: 'full' | 'normal'
  commits: number
  p50Ms: number
  p99Ms: number
  perSecond: number
}

/** Transactions as the Studio's edits make them (a document created, a counter patched), one after the other. */
async function measureCommits(synchronous: 'full' | 'normal'): Promise<CommitFigures> {
  const dir = mkdtempSync(join(work, `commits-${synchronous}-`))
  const lake = openLake(join(dir, 'lake.sqlite'), { synchronous })
  try {
    await applyMutations(lake.store, lake.engine, [{ create: { _id: 'counter', _type: 'counter', n: 0 } }])
    const times: number[] = []
    const started = performance.now()
    for (let i = 0; i < commits; i++) {
      const t = performance.now()
      await applyMutations(lake.store, lake.engine, [
        { create: { _id: `note-${i}`, _type: 'note', text: 'x'.repeat(2000) } },
        { patch: { id: 'counter', inc: { n: 1 } } },
      ])
      times.push(performance.now() - t)
    }
    const total = performance.now() - started
    times.sort((a, b) => a - b)
    return { synchronous, commits, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), perSecond: Math.round((commits / total) * 1000) }
  } finally {
    lake.store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

mkdirSync(work, { recursive: true })
const commitFigures = [await measureCommits('full'), await measureCommits('normal')]
const sizeFigures: SizeFigures[] = []
for (const size of sizes) {
  console.log(`backup and restore at ${size} articles…`)
  sizeFigures.push(await measureSize(size))
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`
const markdown = [
  `# Backups, restores and commit durability (${new Date().toISOString().slice(0, 10)}, ${machine})`,
  '',
  '| articles | documents | database | backup | backup size | event-loop stall during backup | restore |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...sizeFigures.map(
    (f) =>
      `| ${f.articles} | ${f.documents} | ${f.databaseMB} MB | ${(f.backupMs / 1000).toFixed(1)} s | ${f.backupMB} MB | ${f.backupEventLoopMaxMs} ms | ${(f.restoreMs / 1000).toFixed(1)} s |`,
  ),
  '',
  `Commit latency, ${commits} transactions one after the other (a 2 kB document created, a counter patched):`,
  '',
  '| LAKE_SYNCHRONOUS | p50 | p99 | commits/s |',
  '| --- | ---: | ---: | ---: |',
  ...commitFigures.map((f) => `| ${f.synchronous}${f.synchronous === 'full' ? ' (default)' : ''} | ${f.p50Ms} ms | ${f.p99Ms} ms | ${f.perSecond} |`),
  '',
].join('\n')
mkdirSync('bench-results', { recursive: true })
writeFileSync('bench-results/backup.md', markdown)
writeFileSync(
  'bench-results/backup.json',
  JSON.stringify({ date: new Date().toISOString(), machine, sizes: sizeFigures, commits: commitFigures }, null, 2) + '\n',
)
console.log(markdown)
