/**
 * npm run lake:synthetic -- --articles 100000 [--seed 42] [--db PATH] [--now YYYY-MM-DD]
 *
 * A synthetic newsroom of N articles (the demo's included) in a database of its own, by default
 * .data/synthetic/<N>/lake.sqlite; run the site on it with LAKE_DB_PATH=<that path>. The same seed
 * gives the same content; dates end at --now (default: now). Prints the database path last.
 */
import { parseArgs } from 'node:util'
import { SingleBar, Presets } from 'cli-progress'
import { defaultSyntheticDb, generateSyntheticLake } from './generate'

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '10000' }, seed: { type: 'string', default: '42' }, db: { type: 'string' }, now: { type: 'string' } },
})
const articles = Number(values.articles)
const seed = Number(values.seed)
const now = values.now ? new Date(values.now) : undefined
if (!Number.isInteger(articles) || articles < 0 || !Number.isInteger(seed) || (now && Number.isNaN(now.getTime()))) {
  console.error('usage: npm run lake:synthetic -- --articles N [--seed S] [--db PATH] [--now YYYY-MM-DD]')
  process.exit(2)
}
const bar = new SingleBar({ format: 'synthetic articles [{bar}] {percentage}% {value}/{total} eta {eta}s', etaBuffer: 20 }, Presets.shades_classic)
bar.start(articles, 0)
const result = generateSyntheticLake({
  articles,
  seed,
  now,
  db: values.db ?? defaultSyntheticDb(articles, seed),
  onProgress: (written, total) => {
    bar.setTotal(total)
    bar.update(written)
  },
})
bar.stop()
console.log(`${result.articles} articles, ${result.documents} documents in ${(result.ms / 1000).toFixed(1)} s (seed ${seed})`)
console.log(result.db)
